import { adminToken } from './helpers/admin';
import { insertContributions } from './helpers/bulk';
import { registerCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * The moderation queue as moderators page through it: what it holds, in what order, across contributions and
 * comments and across pages, and its total (exact up to 1 000, then "at least").
 */
let app: TestApp;
let moderator: string;
let big: string;
let small: string;
let agent: string;

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 8, minute));

const items = (consultationDocumentId: string, specs: { status: string; reports?: number; minute: number; title?: string }[]) =>
  insertContributions(
    app,
    consultationDocumentId,
    specs.map(({ minute, ...spec }) => ({ ...spec, createdAt: at(minute) }))
  );

const queue = (query: string) => app.request().get(`/participation/moderation/queue?${query}`).set('Authorization', `Bearer ${moderator}`);

beforeAll(async () => {
  app = await startApp();
  agent = await adminToken(app);
  moderator = await adminToken(app, 'Modérateur', 'Mo');
  big = (await openConsultation(app, agent, { title: 'Très fréquentée' })).documentId;
  small = (await openConsultation(app, agent, { title: 'Confidentielle' })).documentId;
  await items(small, [
    { status: 'pending', minute: 30, title: 'En attente récente' },
    { status: 'published', reports: 2, minute: 40, title: 'Publiée signalée' },
    { status: 'hidden', minute: 10, title: 'Masquée ancienne' },
    { status: 'published', minute: 5, title: 'Publiée sans signalement' },
    { status: 'rejected', minute: 1, title: 'Refusée' },
    { status: 'pending', reports: 1, minute: 50, title: 'En attente signalée' },
  ]);
});
afterAll(async () => {
  await app?.stop();
});

describe('the moderation queue', () => {
  it('holds what needs a moderator, reported first then oldest, and pages without gap or repeat', async () => {
    const res = await queue(`consultation=${small}&pageSize=2`);
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toMatchObject({ total: 4, pageCount: 2, totalIsLowerBound: false });
    const page2 = await queue(`consultation=${small}&pageSize=2&page=2`);
    const titles = [...res.body.data, ...page2.body.data].map((i: { title: string }) => i.title);
    expect(titles).toEqual(['Publiée signalée', 'En attente signalée', 'Masquée ancienne', 'En attente récente']);
    expect(res.body.data[0]).toMatchObject({
      type: 'contribution',
      status: 'published',
      reportsCount: 2,
      decisions: expect.arrayContaining([expect.objectContaining({ decision: 'hide' })]),
    });
  });

  it('filters by status (published includes the unreported), by reported, by type', async () => {
    const published = await queue(`consultation=${small}&status=published`);
    expect(published.body.data.map((i: { title: string }) => i.title)).toEqual(['Publiée signalée', 'Publiée sans signalement']);
    const rejected = await queue(`consultation=${small}&status=rejected`);
    expect(rejected.body.data.map((i: { title: string }) => i.title)).toEqual(['Refusée']);
    const reported = await queue(`consultation=${small}&reported=true`);
    expect(reported.body.meta.pagination.total).toBe(2);
    const unreported = await queue(`consultation=${small}&reported=false`);
    expect(unreported.body.data.map((i: { title: string }) => i.title)).toEqual(['Masquée ancienne', 'En attente récente']);
    expect((await queue(`consultation=${small}&type=comment`)).body.data).toEqual([]);
  });

  it("names each item's consultation and a comment's contribution, and keeps the total past the last page", async () => {
    const c = await openConsultation(app, agent, { title: 'Jardins partagés', moderationMode: 'a_priori' });
    const [published] = await items(c.documentId, [{ status: 'published', minute: 20, title: 'Un jardin par quartier' }]);
    const citizen = await registerCitizen(app, 'jardiniere');
    const comment = await app
      .request()
      .post(`/api/participation/contributions/${published}/comments`)
      .set(...citizen.auth)
      .send({ body: 'Et des composteurs à côté.' });
    expect(comment.status).toBe(201);

    const res = await queue(`consultation=${c.documentId}`);
    expect(res.body.data).toEqual([
      expect.objectContaining({
        type: 'comment',
        body: 'Et des composteurs à côté.',
        status: 'pending',
        reports: [],
        consultation: { documentId: c.documentId, slug: c.slug, title: 'Jardins partagés' },
        contribution: { documentId: published, title: 'Un jardin par quartier' },
      }),
    ]);
    const past = await queue(`consultation=${c.documentId}&page=3`);
    expect(past.body.data).toEqual([]);
    expect(past.body.meta.pagination).toMatchObject({ page: 3, total: 1, totalIsLowerBound: false });
    const none = await queue(`consultation=${c.documentId}&type=contribution`);
    expect(none.body).toMatchObject({ data: [], meta: { pagination: { total: 0, pageCount: 0 } } });
  });

  it('says "at least 1 000" past a thousand items, and still pages deep in order', async () => {
    await items(
      big,
      Array.from({ length: 1010 }, (_, i) => ({ status: i % 3 === 0 ? 'hidden' : 'pending', minute: 100 + i }))
    );
    const res = await queue(`consultation=${big}&pageSize=100`);
    expect(res.body.meta.pagination).toMatchObject({ total: 1000, totalIsLowerBound: true });
    const deep = await queue(`consultation=${big}&pageSize=100&page=11`);
    expect(deep.body.data).toHaveLength(10);
    const last = deep.body.data.map((i: { createdAt: string }) => new Date(i.createdAt).getTime());
    expect(last).toEqual([...last].sort((a, b) => a - b));
    expect(last[9]).toBe(at(100 + 1009).getTime());
    const whole = await queue('pageSize=20');
    expect(whole.body.meta.pagination.totalIsLowerBound).toBe(true);
  });
});
