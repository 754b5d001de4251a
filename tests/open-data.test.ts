import { adminToken } from './helpers/admin';
import { insertContributions } from './helpers/bulk';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * Open data of a large consultation, streamed page by page: every published contribution once, in the order of
 * the list (date, then id for equal dates), in JSON and CSV; nothing unpublished; an unknown slug is a 404.
 */
let app: TestApp;
let slug: string;
let published: string[];
const api = '/api/participation';

beforeAll(async () => {
  app = await startApp();
  const agent = await adminToken(app);
  const c = await openConsultation(app, agent, { title: 'Très grande consultation' });
  slug = c.slug;
  const base = Date.UTC(2026, 10, 2, 9);
  // 1 203 published, several pages of 500, with runs of equal dates across page boundaries; some not published.
  const specs = Array.from({ length: 1300 }, (_, i) => ({
    status: i % 13 === 12 ? (i % 2 ? 'pending' : 'hidden') : 'published',
    createdAt: new Date(base + Math.floor(i / 7) * 1000),
    title: i % 50 === 0 ? `=SOMME(A${i})` : `Idée ${i}`,
  }));
  const ids = await insertContributions(app, c.documentId, specs);
  published = ids.filter((_, i) => specs[i].status === 'published');
});
afterAll(async () => {
  await app?.stop();
});

describe('open data of a large consultation', () => {
  it('streams every published contribution once, in order, as JSON', async () => {
    const res = await app.request().get(`${api}/consultations/${slug}/export`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = JSON.parse(res.text);
    expect(body.data.consultation).toMatchObject({ slug, status: 'open' });
    expect(body.data.contributions.map((c: { documentId: string }) => c.documentId)).toEqual(published);
  });

  it('streams the same rows as CSV, formulas neutralised', async () => {
    const res = await app.request().get(`${api}/consultations/${slug}/export?format=csv`).buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(published.length + 1);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(published);
    expect(lines.some((l) => l.includes(",'=SOMME("))).toBe(true);
    expect(lines.some((l) => l.includes(',=SOMME('))).toBe(false);
  });

  it('answers 404 for an unknown consultation, in the envelope, before streaming anything', async () => {
    const res = await app.request().get(`${api}/consultations/inconnue/export?format=csv`);
    expect(res.status).toBe(404);
    expect(res.body.error.details.code).toBe('not_found');
  });
});
