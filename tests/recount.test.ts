import { adminToken } from './helpers/admin';
import { registerCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

let app: TestApp;
const api = '/api/participation';

beforeAll(async () => {
  app = await startApp();
  const agent = await adminToken(app);
  const c = await openConsultation(app, agent, { moderationMode: 'a_posteriori', requireAccount: false });
  const [a, b, d] = await Promise.all(['ana', 'ben', 'dan'].map((n) => registerCitizen(app, n)));
  const idea = await app.request().post(`${api}/consultations/${c.slug}/contributions`).set(...a.auth).send({ title: 'Une idée', body: 'Une idée qui sera soutenue.' });
  await app.request().post(`${api}/consultations/${c.slug}/contributions`).send({ title: 'Anonyme', body: 'Une idée sans compte.' });
  const id = idea.body.data.documentId;
  await app.request().post(`${api}/contributions/${id}/supports`).set(...b.auth);
  await app.request().post(`${api}/contributions/${id}/supports`).set(...d.auth);
  await app.request().post(`${api}/contributions/${id}/comments`).set(...b.auth).send({ body: "D'accord !" });
  await app.request().post(`${api}/contributions/${id}/reports`).set(...d.auth).send({ reason: 'spam' });
});
afterAll(async () => {
  await app?.stop();
});

describe('participation:recount', () => {
  const counters = () => app.strapi.plugin('participation').service('counters');

  it('finds nothing to mend after normal use', async () => {
    expect(await counters().check()).toEqual([]);
  });

  it('reports counters written by hand and repairs them', async () => {
    const knex = app.strapi.db.connection;
    await knex('participation_contributions').update({ supports_count: 40, comments_count: 7 });
    await knex('participation_consultation_lifecycles').update({ participants_count: 0, contributions_count: 99 });
    const drift = await counters().check();
    expect(drift.map((d: any) => d.counter).sort()).toEqual(
      [
        'consultation.contributionsCount',
        'consultation.participantsCount',
        'contribution.commentsCount',
        'contribution.commentsCount',
        'contribution.supportsCount',
        'contribution.supportsCount',
      ].sort()
    );
    expect(drift.find((d: any) => d.counter === 'consultation.participantsCount')).toMatchObject({ stored: 0, actual: 4 });
    const repaired = await counters().repair();
    expect(repaired).toHaveLength(drift.length);
    expect(await counters().check()).toEqual([]);
    const consultations = (await app.request().get(`${api}/consultations`)).body.data;
    expect(consultations[0].counts).toEqual({ contributions: 2, participants: 4, supports: 2 });
  });
});
