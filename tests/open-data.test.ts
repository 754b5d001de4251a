import { createHash } from 'node:crypto';
import { adminToken } from './helpers/admin';
import { insertContributions } from './helpers/bulk';
import { createConsultation, openConsultation } from './helpers/consultations';
import { registerCitizen } from './helpers/citizens';
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
    const lines = res.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
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

describe('open data as a product', () => {
  let second: string;
  const citizen = { email: '', username: '', id: 0 };

  beforeAll(async () => {
    const agent = await adminToken(app);
    const c = await openConsultation(app, agent, { title: 'Consultation ouverte aux données', moderationMode: 'a_posteriori' });
    second = (await app.request().get(`${api}/consultations`).query({ q: 'ouverte aux données' })).body.data[0].slug;
    expect(c.documentId).toBeTruthy();
    const who = await registerCitizen(app, 'signataire-unique-7731');
    Object.assign(citizen, { email: who.email, username: who.username, id: who.id });
    const res = await app
      .request()
      .post(`${api}/consultations/${second}/contributions`)
      .set(...who.auth)
      .send({ title: 'Un abri vélo au collège', body: 'Un abri vélo couvert devant chaque collège du département.', territory: '44109' });
    expect(res.status).toBe(201);
    await createConsultation(app, { title: 'Brouillon jamais publié dans les données' });
  });

  it('describes each consultation’s CSV in a data package: every column, in order, with a description, under Licence Ouverte 2.0', async () => {
    const pkg = await app.request().get(`${api}/consultations/${second}/datapackage.json`);
    expect(pkg.status).toBe(200);
    expect(pkg.headers.etag).toBeTruthy();
    expect(pkg.body.licenses).toEqual([
      { name: 'etalab-2.0', title: 'Licence Ouverte / Open Licence version 2.0', path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' },
    ]);
    const [resource] = pkg.body.resources;
    const csv = await app
      .request()
      .get(new URL(resource.path).pathname + new URL(resource.path).search)
      .buffer(true);
    expect(csv.status).toBe(200);
    const header = csv.text
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]
      .split(',');
    expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(header);
    for (const field of resource.schema.fields) expect(field.description.length).toBeGreaterThan(10);
    expect(resource.schema.primaryKey).toEqual(['documentId']);
    expect((await app.request().get(`${api}/consultations/inconnue/datapackage.json`)).status).toBe(404);
  });

  it('dumps every public consultation at one stable address, with a consultation column, never a draft or an unpublished text', async () => {
    const pkg = await app.request().get(`${api}/open-data/datapackage.json`);
    expect(pkg.status).toBe(200);
    const [resource] = pkg.body.resources;
    expect(new URL(resource.path).pathname).toBe(`${api}/open-data/contributions.csv`);
    const csv = await app.request().get(`${api}/open-data/contributions.csv`).buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/filename="participer-contributions-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].split(',')).toEqual(resource.schema.fields.map((f: { name: string }) => f.name));
    const bySlug = lines.slice(1).reduce<Record<string, number>>((acc, l) => ({ ...acc, [l.split(',')[0]]: (acc[l.split(',')[0]] ?? 0) + 1 }), {});
    expect(bySlug).toEqual({ [slug]: published.length, [second]: 1 });
  });

  it('holds no personal data in any field of any open file or feed', async () => {
    const bodies = await Promise.all(
      [
        `${api}/consultations/${second}/export`,
        `${api}/consultations/${second}/export?format=csv`,
        `${api}/consultations/${second}/datapackage.json`,
        `${api}/open-data/contributions.csv`,
        `${api}/open-data/datapackage.json`,
        `${api}/feeds/consultations.rss`,
        `${api}/feeds/consultations.atom`,
        `${api}/feeds/calendar.ics`,
      ].map(async (path) => ({ path, text: (await app.request().get(path).buffer(true)).text }))
    );
    // A private field as a JSON key, or as a field the Data Package describes (a value such as the channel « email » is not one).
    const PRIVATE = 'authorId|userId|authorName|email|ip|createdBy|updatedBy|moderationNote|heldAnswerText';
    const PRIVATE_KEY = new RegExp(`"(${PRIVATE})"\\s*:|"name"\\s*:\\s*"(${PRIVATE})"`);
    for (const { path, text } of bodies) {
      expect({ path, email: text.includes(citizen.email) }).toEqual({ path, email: false });
      expect({ path, name: text.includes(citizen.username) }).toEqual({ path, name: false });
      expect({ path, keys: PRIVATE_KEY.test(text) }).toEqual({
        path,
        keys: false,
      });
    }
    // Every field of the JSON export is one the published schema describes.
    const schema = (await app.request().get(`${api}/consultations/${second}/datapackage.json`)).body.resources[0].schema.fields.map(
      (f: { name: string }) => f.name
    );
    const json = JSON.parse(bodies[0].text);
    for (const row of json.data.contributions) expect(Object.keys(row).sort()).toEqual([...schema].sort());
  });
});

describe('dated dumps', () => {
  it('writes one file a day whatever the number of runs, lists it, and leads to the newest from a stable address', async () => {
    expect((await app.request().get(`${api}/open-data/dumps/latest.csv`)).status).toBe(404);
    const dumps = app.strapi.plugin('participation').service('open-data-dumps');
    const runs = await Promise.all([dumps.writeDaily(new Date()), dumps.writeDaily(new Date())]);
    expect(runs.filter(Boolean)).toHaveLength(1);
    const listed = await app.request().get(`${api}/open-data/dumps`);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(1);
    const [dump] = listed.body.data;
    expect(dump.day).toBe(new Date().toISOString().slice(0, 10));
    const live = (await app.request().get(`${api}/open-data/contributions.csv`).buffer(true)).text;
    expect(dump.rows).toBe(live.trim().split('\r\n').length - 1);

    const latest = await app.request().get(`${api}/open-data/dumps/latest.csv`);
    expect(latest.status).toBe(302);
    expect(latest.headers.location).toBe(dump.url);
    const file = await app.request().get(new URL(dump.url, 'http://localhost').pathname).buffer(true);
    expect(file.status).toBe(200);
    expect(file.text).toBe(live);
    expect(createHash('sha256').update(file.text).digest('hex')).toBe(dump.sha256);
  });
});
