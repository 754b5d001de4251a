import { adminToken } from './helpers/admin';
import { registerCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startSmtp } from './helpers/smtp';
import { startApp, type TestApp } from './helpers/strapi';

/** An agent gives a contribution to a colleague for its official answer; the colleague is told by mail, once. */
let app: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const tokens: Record<string, string> = {};
let contribution: string;

const staffId = async (firstname: string) => Number((await app.strapi.db.query('admin::user').findOne({ where: { firstname } })).id);
const put = (token: string, body: unknown) =>
  app
    .request()
    .put(`/participation/contributions/${contribution}/assignee`)
    .set('Authorization', `Bearer ${token}`)
    .send(body as object);
const get = (token: string) => app.request().get(`/participation/contributions/${contribution}/assignee`).set('Authorization', `Bearer ${token}`);

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp(smtp.env);
  tokens.agathe = await adminToken(app, 'Agent participation', 'Agathe');
  tokens.paul = await adminToken(app, 'Agent participation', 'Paul');
  tokens.mehdi = await adminToken(app, 'Modérateur', 'Mehdi');
  tokens.coline = await adminToken(app, 'Communication', 'Coline');
  const c = await openConsultation(app, tokens.agathe, { title: 'Transports scolaires', moderationMode: 'a_posteriori' });
  const slug = (await app.request().get('/api/participation/consultations').query({ q: 'Transports scolaires' })).body.data[0].slug;
  expect(c.documentId).toBeTruthy();
  const ines = await registerCitizen(app, 'ines');
  contribution = (
    await app
      .request()
      .post(`/api/participation/consultations/${slug}/contributions`)
      .set(...ines.auth)
      .send({ title: 'Un car plus tôt le lundi', body: 'Un départ à 7 h le lundi pour les internes du lycée.' })
  ).body.data.documentId;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('assigning a contribution for its answer', () => {
  it('offers the colleagues who may answer, and nobody else', async () => {
    const res = await get(tokens.agathe);
    expect(res.status).toBe(200);
    expect(res.body.data.assignee).toBeNull();
    const names = res.body.data.candidates.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Agathe Test', 'Paul Test']));
    expect(names).not.toContain('Mehdi Test');
    expect(names).not.toContain('Coline Test');
    expect(JSON.stringify(res.body)).not.toMatch(/@/);
  });

  it('tells the colleague by mail, once, and shows who holds it', async () => {
    const paul = await staffId('Paul');
    const first = await put(tokens.agathe, { assigneeId: paul });
    expect(first.status).toBe(200);
    expect(first.body.data.assignee).toMatchObject({ id: paul, name: 'Paul Test' });
    const mail = await smtp.waitFor((m) => /Contribution à traiter/.test(m.subject));
    expect(mail.to[0]).toMatch(/^paul-\d+@loire-atlantique\.test$/);
    expect(mail.subject).toBe('Contribution à traiter : « Un car plus tôt le lundi »');
    expect(mail.text).toContain('Agathe Test vous a confié la contribution « Un car plus tôt le lundi » (consultation « Transports scolaires »)');
    expect(mail.text).toContain(`/admin/content-manager/collection-types/plugin::participation.contribution/${contribution}`);
    // The same person again: nothing new to tell.
    expect((await put(tokens.agathe, { assigneeId: paul })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((m) => /Contribution à traiter/.test(m.subject))).toHaveLength(1);
    expect((await get(tokens.paul)).body.data.assignee).toMatchObject({ id: paul });
    // Never public.
    const pub = await app.request().get(`/api/participation/contributions/${contribution}`);
    expect(JSON.stringify(pub.body)).not.toMatch(/assign/i);
  });

  it('refuses a colleague who may not answer with a field error, and roles without the right with 403', async () => {
    const bad = await put(tokens.agathe, { assigneeId: await staffId('Coline') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['assigneeId']);
    expect((await put(tokens.agathe, { assigneeId: 'Paul' })).status).toBe(400);
    expect((await put(tokens.agathe, { assigneeId: 1, extra: true })).status).toBe(400);
    expect((await put(tokens.mehdi, { assigneeId: null })).status).toBe(403);
    expect((await put(tokens.coline, { assigneeId: null })).status).toBe(403);
    expect((await app.request().put(`/participation/contributions/${contribution}/assignee`).send({ assigneeId: null })).status).toBe(401);
    expect(
      (
        await app
          .request()
          .put('/participation/contributions/abcdefghij0123456789/assignee')
          .set('Authorization', `Bearer ${tokens.agathe}`)
          .send({ assigneeId: null })
      ).status
    ).toBe(404);
    expect((await get(tokens.agathe)).body.data.assignee).toMatchObject({ name: 'Paul Test' });
  });

  it('takes it back with null', async () => {
    const res = await put(tokens.paul, { assigneeId: null });
    expect(res.status).toBe(200);
    expect(res.body.data.assignee).toBeNull();
  });
});
