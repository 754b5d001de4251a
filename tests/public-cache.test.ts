import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { openConsultation, UID } from './helpers/consultations';
import { startInstance, type Instance } from './helpers/instances';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * The shared cache of anonymous public reads, in memory (one instance; the two-instances suite runs it through
 * Redis): a page read twice is served from the cache the second time, with the same bytes and ETag; every kind of
 * write shows on the next read, whoever made it; signed-in readers are never served from it.
 */
let app: TestApp;
let agent: string;
let alice: TestCitizen;
let slug: string;
let documentId: string;
const api = '/api/participation';

const read = (path: string, headers: Record<string, string> = {}) => app.request().get(`${api}${path}`).set(headers);
/** Reads twice: the second read must come from the cache, the same as the first. */
async function cachedRead(path: string) {
  const first = await read(path);
  const second = await read(path);
  expect(first.status).toBe(200);
  expect(second.headers['x-cache']).toBe('hit');
  expect(second.text).toBe(first.text);
  expect(second.headers.etag).toBe(first.headers.etag);
  expect(second.headers['content-type']).toBe(first.headers['content-type']);
  expect(second.headers['cache-control']).toBe(first.headers['cache-control']);
  return second;
}

beforeAll(async () => {
  app = await startApp({ PUBLIC_CACHE_SECONDS: '60', PARTICIPATION_RATE_LIMIT_USER: '1000/60', PARTICIPATION_RATE_LIMIT_IP: '10000/60' });
  agent = await adminToken(app, 'Agent participation', 'Agathe');
  alice = await registerCitizen(app, 'alice');
  const c = await openConsultation(app, agent, { title: 'Voie verte de la Sèvre', moderationMode: 'a_posteriori' });
  slug = c.slug;
  documentId = c.documentId;
});
afterAll(async () => {
  await app?.stop();
});

describe('anonymous public reads', () => {
  it('are served from the cache the second time: same body, ETag and headers; 304 on If-None-Match', async () => {
    const first = await read(`/consultations/${slug}`);
    expect(first.headers['x-cache']).toBe('miss');
    const second = await cachedRead(`/consultations/${slug}`);
    expect(second.headers.vary).toMatch(/Authorization/);
    const revalidated = await read(`/consultations/${slug}`, { 'If-None-Match': second.headers.etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
    expect(revalidated.headers.etag).toBe(second.headers.etag);
  });

  it('keep one answer per query: another page or sort is its own entry', async () => {
    await cachedRead(`/consultations?page=1&pageSize=5`);
    const other = await read(`/consultations?page=2&pageSize=5`);
    expect(other.headers['x-cache']).toBe('miss');
  });

  it('are compressed as the client asks, from the kept answer', async () => {
    const path = `/consultations/${slug}`;
    const plain = await read(path);
    const br = await app
      .request()
      .get(`${api}${path}`)
      .set('Accept-Encoding', 'br')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(br.headers['x-cache']).toBe('hit');
    if (plain.text.length >= 1024) expect(br.headers['content-encoding']).toBe('br');
    // supertest decodes nothing for brotli: the bytes decode to the same JSON.
    const zlib = await import('zlib');
    const body = br.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(br.body as Buffer).toString() : (br.body as Buffer).toString();
    expect(body).toBe(plain.text);
  });

  it('refuse nothing the route refuses: a bad query is a 400, never kept', async () => {
    const bad = await read('/consultations?page=zero');
    expect(bad.status).toBe(400);
    expect((await read('/consultations?page=zero')).headers['x-cache']).not.toBe('hit');
  });
});

describe('a write shows on the very next read', () => {
  it('a citizen’s contribution (public API)', async () => {
    const before = await cachedRead(`/consultations/${slug}/contributions`);
    expect(before.body.data).toHaveLength(0);
    const created = await app
      .request()
      .post(`${api}/consultations/${slug}/contributions`)
      .set(...alice.auth)
      .send({ title: 'Des bancs le long de la Sèvre', body: 'Des bancs tous les 500 mètres pour les promeneurs.' });
    expect(created.status).toBe(201);
    const after = await read(`/consultations/${slug}/contributions`);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body.data.map((c: { title: string }) => c.title)).toEqual(['Des bancs le long de la Sèvre']);
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('an edit in the Content Manager (Document Service)', async () => {
    const themes = app.strapi.documents('plugin::participation.theme');
    const theme = await themes.create({ data: { name: 'Mobilités', slug: 'mobilites' } } as never);
    expect((await cachedRead('/themes')).body.data.map((t: { name: string }) => t.name)).toContain('Mobilités');
    await themes.update({ documentId: theme.documentId, data: { name: 'Déplacements' } } as never);
    expect((await read('/themes')).body.data.map((t: { name: string }) => t.name)).toContain('Déplacements');
  });

  it('a consultation’s text published by the communication team', async () => {
    await cachedRead(`/consultations/${slug}`);
    await app.strapi.documents(UID).update({ documentId, data: { summary: 'Un résumé revu par la communication.' } } as never);
    await app.strapi.documents(UID).publish({ documentId } as never);
    const after = await read(`/consultations/${slug}`);
    expect(after.body.data.summary).toBe('Un résumé revu par la communication.');
  });

  it('an agent’s transition through the admin API', async () => {
    const before = await cachedRead(`/consultations/${slug}`);
    expect(before.body.data.status).toBe('open');
    const moved = await app
      .request()
      .post(`/participation/consultations/${documentId}/transitions`)
      .set('Authorization', `Bearer ${agent}`)
      .send({ to: 'closed' });
    expect(moved.status).toBe(200);
    expect((await read(`/consultations/${slug}`)).body.data.status).toBe('closed');
  });

  it('a refused write changes nothing and keeps the cache', async () => {
    await cachedRead(`/consultations/${slug}/contributions`);
    const refused = await app
      .request()
      .post(`${api}/consultations/${slug}/contributions`)
      .set(...alice.auth)
      .send({ title: '' });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect((await read(`/consultations/${slug}/contributions`)).headers['x-cache']).toBe('hit');
  });
});

describe('signed-in readers', () => {
  it('are never served from the cache, and their answer is never kept for anyone else', async () => {
    const anonymous = await cachedRead(`/consultations/${slug}`);
    const signedIn = await read(`/consultations/${slug}`, { Authorization: `Bearer ${alice.jwt}` });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers['x-cache']).toBeUndefined();
    expect(signedIn.headers['cache-control']).toMatch(/private/);
    const again = await read(`/consultations/${slug}`);
    expect(again.text).toBe(anonymous.text);
  });
});

/**
 * PostgreSQL without Redis: the generation is a sequence of the database, so a second instance on the same base sees a
 * write through the first at once (each keeps its answers in its own memory).
 */
(process.env.DATABASE_URL ? describe : describe.skip)('a second instance on the same PostgreSQL, without Redis', () => {
  let other: Instance;
  beforeAll(async () => {
    // While the app runs, process.env holds its test database (helpers/strapi.ts).
    other = await startInstance({ REDIS_URL: '', PUBLIC_CACHE_SECONDS: '60', LOG_LEVEL: 'error', PARTICIPATION_LOAD_TERRITORIES: 'false' });
  }, 120_000);
  afterAll(async () => {
    await other?.stop();
  });

  it('serves a write made through the first instance at once', async () => {
    const open = await openConsultation(app, agent, { title: 'Jardins des collèges', moderationMode: 'a_posteriori' });
    const path = `${api}/consultations/${open.slug}/contributions?pageSize=50`;
    const first = await other.http().get(path);
    expect(first.status).toBe(200);
    expect((await other.http().get(path)).headers['x-cache']).toBe('hit');
    const bruno = await registerCitizen(app, 'bruno');
    const created = await app
      .request()
      .post(`${api}/consultations/${open.slug}/contributions`)
      .set(...bruno.auth)
      .send({ title: 'Écrite ici, lue là-bas', body: 'Une contribution écrite sur une instance, lue sur l’autre.' });
    expect(created.status).toBe(201);
    const after = await other.http().get(path);
    expect(after.headers['x-cache']).toBe('miss');
    expect(after.body.data.map((c: { title: string }) => c.title)).toContain('Écrite ici, lue là-bas');
  });
});
