/**
 * One person cannot silence anyone: reports from accounts made a minute ago do not hide, and a moderator's
 * restore sticks against the reports made before it.
 */
import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

const api = '/api/participation';
let app: TestApp;
let moderator: string;
let slug: string;
let author: TestCitizen;

/** Accounts registered for the test, aged as if created `days` ago. */
async function citizens(prefix: string, n: number, days: number) {
  const made = await Promise.all(Array.from({ length: n }, (_, i) => registerCitizen(app, `${prefix}${i}`)));
  const at = new Date(Date.now() - days * 86_400_000);
  await app.strapi.db
    .connection('up_users')
    .whereIn(
      'id',
      made.map((c) => c.id)
    )
    .update({ created_at: app.strapi.db.dialect.client === 'postgres' ? at : at.getTime() });
  return made;
}
const contribute = async (title: string) =>
  (
    await app
      .request()
      .post(`${api}/consultations/${slug}/contributions`)
      .set(...author.auth)
      .send({ title, body: `${title} : le texte de la contribution.` })
  ).body.data.documentId as string;
const report = (id: string, who: TestCitizen) =>
  app
    .request()
    .post(`${api}/contributions/${id}/reports`)
    .set(...who.auth)
    .send({ reason: 'spam' });
const isPublic = async (id: string) => (await app.request().get(`${api}/contributions/${id}`)).status === 200;

beforeAll(async () => {
  // The production rule: a day of account age (no override of REPORT_MIN_ACCOUNT_AGE_MINUTES).
  app = await startApp({ REPORT_MIN_ACCOUNT_AGE_MINUTES: '1440', PARTICIPATION_RATE_LIMIT_USER: '1000/60', PARTICIPATION_RATE_LIMIT_IP: '10000/60' });
  const agent = await adminToken(app);
  moderator = await adminToken(app, 'Modérateur', 'Mehdi');
  slug = (await openConsultation(app, agent, { title: 'Signalements sous contrôle', moderationMode: 'a_posteriori', reportThreshold: 3 })).slug;
  author = await registerCitizen(app, 'autrice');
});
afterAll(async () => {
  await app?.stop();
});

describe('reports that count', () => {
  it('three accounts made a minute ago cannot hide a contribution; moderators see them, and their age', async () => {
    const id = await contribute('Une idée dérangeante');
    const fresh = await citizens('neuf', 3, 0);
    for (const who of fresh) expect((await report(id, who)).body.data).toEqual({ documentId: id, reported: true, hidden: false });
    expect(await isPublic(id)).toBe(true);

    const queue = await app.request().get('/participation/moderation/queue').query({ reported: 'true' }).set('Authorization', `Bearer ${moderator}`);
    const item = queue.body.data.find((i: { documentId: string }) => i.documentId === id);
    expect(item.reportsCount).toBe(3);
    expect(item.reports).toHaveLength(3);
    for (const r of item.reports) expect(r).toMatchObject({ reason: 'spam', counted: false, accountAgeDays: 0 });
  });

  it('three established accounts hide it, pending review', async () => {
    const id = await contribute('Une idée vraiment insultante');
    const established = await citizens('ancien', 3, 30);
    const answers = [];
    for (const who of established) answers.push((await report(id, who)).body.data.hidden);
    expect(answers).toEqual([false, false, true]);
    expect(await isPublic(id)).toBe(false);
  });

  it('a restore sticks: reports made before the decision no longer count, three new ones are needed', async () => {
    const id = await contribute('Une idée contestée mais légitime');
    const first = await citizens('premier', 3, 30);
    for (const who of first) await report(id, who);
    expect(await isPublic(id)).toBe(false);

    const restored = await app
      .request()
      .post('/participation/moderation/decisions')
      .set('Authorization', `Bearer ${moderator}`)
      .send({ items: [{ type: 'contribution', id }], decision: 'restore', reason: 'Critique légitime' });
    expect(restored.body.data[0]).toMatchObject({ ok: true, status: 'published' });
    expect(await isPublic(id)).toBe(true);

    const second = await citizens('second', 3, 30);
    expect((await report(id, second[0])).body.data.hidden).toBe(false);
    expect((await report(id, second[1])).body.data.hidden).toBe(false);
    expect(await isPublic(id)).toBe(true);
    expect((await report(id, second[2])).body.data.hidden).toBe(true);
    expect(await isPublic(id)).toBe(false);
  });
});
