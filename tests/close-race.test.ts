/**
 * No write after close: a consultation closed by an agent in the middle of a storm of contributions, comments and
 * supports keeps nothing dated after its close, every write answered either done or 409, never 5xx.
 */
import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

const api = '/api/participation';
let app: TestApp;
let agent: string;

beforeAll(async () => {
  app = await startApp({ PARTICIPATION_RATE_LIMIT_USER: '100000/60', PARTICIPATION_RATE_LIMIT_IP: '1000000/60' });
  agent = await adminToken(app);
});
afterAll(async () => {
  await app?.stop();
});

const toMs = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'number' ? v : new Date(String(v)).getTime());

it('closes during a storm of writes and keeps nothing dated after the close', async () => {
  const c = await openConsultation(app, agent, { title: 'Fermeture sous la charge', moderationMode: 'a_posteriori', requireAccount: true });
  const citizens: TestCitizen[] = await Promise.all(Array.from({ length: 12 }, (_, i) => registerCitizen(app, `orage${i}`)));
  const seed = await app
    .request()
    .post(`${api}/consultations/${c.slug}/contributions`)
    .set(...citizens[0].auth)
    .send({ title: 'Première idée', body: 'Une idée déposée avant la tempête.' });
  const target = seed.body.data.documentId as string;

  const writes: Promise<{ status: number; body: { error?: { details?: { code?: string } } } }>[] = [];
  let closed: Promise<{ status: number }> | null = null;
  for (let round = 0; round < 6; round += 1) {
    for (const [i, who] of citizens.entries()) {
      writes.push(
        app
          .request()
          .post(`${api}/consultations/${c.slug}/contributions`)
          .set(...who.auth)
          .send({ title: `Idée ${round}-${i}`, body: `Le texte de l’idée ${round}-${i}, assez long.` })
      );
      writes.push(
        app
          .request()
          .post(`${api}/contributions/${target}/comments`)
          .set(...who.auth)
          .send({ body: `Commentaire ${round}-${i}` })
      );
      if (round === 0 && i > 0)
        writes.push(
          app
            .request()
            .post(`${api}/contributions/${target}/supports`)
            .set(...who.auth)
        );
      if (round === 0 && i > 0)
        writes.push(
          app
            .request()
            .delete(`${api}/contributions/${target}/supports`)
            .set(...who.auth)
        );
    }
    if (round === 2)
      closed = app.request().post(`/participation/consultations/${c.documentId}/transitions`).set('Authorization', `Bearer ${agent}`).send({ to: 'closed' });
  }
  const answers = await Promise.all(writes);
  expect((await closed!).status).toBe(200);

  for (const res of answers) {
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) expect([res.status, res.body.error?.details?.code]).toEqual([409, 'consultation_closed']);
  }
  const knex = app.strapi.db.connection;
  const lifecycle = await knex('participation_consultation_lifecycles').where({ consultation_document_id: c.documentId }).first();
  expect(lifecycle.status).toBe('closed');
  const closedAt = toMs(lifecycle.closed_at);
  expect(toMs(lifecycle.closes_at)).toBe(closedAt);
  const contributions = await knex('participation_contributions').where({ consultation_document_id: c.documentId }).select('created_at');
  const comments = await knex('participation_comments').where({ consultation_document_id: c.documentId }).select('created_at');
  const supports = await knex('participation_supports')
    .join('participation_contributions', 'participation_contributions.id', 'participation_supports.contribution_id')
    .where({ 'participation_contributions.document_id': target })
    .select('participation_supports.created_at');
  for (const row of [...contributions, ...comments, ...supports]) expect(toMs(row.created_at)).toBeLessThanOrEqual(closedAt);
  // Writes after the close were refused, and what was accepted is counted exactly.
  expect(answers.filter((r) => r.status === 201).length).toBe(contributions.length - 1 + comments.length);
  expect(await app.strapi.plugin('participation').service('counters').check()).toEqual([]);
  // After the close, every write is refused.
  const late = await app
    .request()
    .post(`${api}/consultations/${c.slug}/contributions`)
    .set(...citizens[1].auth)
    .send({ title: 'Trop tard', body: 'Une idée déposée après la clôture.' });
  expect([late.status, late.body.error.details.code]).toEqual([409, 'consultation_closed']);
});

it('refuses participation once the closing date has passed, before the scheduler has run', async () => {
  const c = await openConsultation(app, agent, { title: 'Échéance passée', moderationMode: 'a_posteriori' });
  const who = await registerCitizen(app, 'retardataire');
  await app.strapi.db
    .connection('participation_consultation_lifecycles')
    .where({ consultation_document_id: c.documentId })
    .update({ closes_at: app.strapi.db.dialect.client === 'postgres' ? new Date(Date.now() - 1000) : Date.now() - 1000 });
  const res = await app
    .request()
    .post(`${api}/consultations/${c.slug}/contributions`)
    .set(...who.auth)
    .send({ title: 'Hors délai', body: 'Une idée arrivée après l’échéance.' });
  expect([res.status, res.body.error.details.code]).toEqual([409, 'consultation_closed']);
  const read = await app
    .request()
    .get(`${api}/consultations/${c.slug}`)
    .set(...who.auth);
  expect(read.body.data.viewer).toMatchObject({ canContribute: false, reason: 'consultation_closed' });
});
