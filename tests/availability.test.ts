import http from 'http';
import type { AddressInfo } from 'net';
import { Client } from 'pg';
import { adminToken } from './helpers/admin';
import { registerCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * What a load balancer and a client see when something fails: readiness, 503 instead of 500 while the database
 * is unreachable, rate limits without Redis, and a stop that lets requests in flight finish.
 */
const api = '/api/participation';
const isPostgres = !!process.env.DATABASE_URL;

describe('readiness', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('says ready when the database answers, apart from liveness', async () => {
    const ready = await app.request().get('/_ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'not_configured' } });
    expect(ready.headers['cache-control']).toBe('no-store');
    expect((await app.request().get('/_health')).status).toBe(204);
  });

  (isPostgres ? it : it.skip)('answers 503 with Retry-After while PostgreSQL refuses connections, and recovers by itself', async () => {
    const name = new URL(process.env.DATABASE_URL!).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.DATABASE_URL!.replace(`/${name}`, '/postgres') });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      const read = await app
        .request()
        .get(`${api}/consultations`)
        .query({ q: `panne-${Date.now()}` });
      expect(read.status).toBe(503);
      expect(read.headers['retry-after']).toBe('5');
      expect(read.body.error).toMatchObject({ status: 503, details: { code: 'service_unavailable' } });
      const ready = await app.request().get('/_ready');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.database).toBe('unavailable');
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i += 1) {
      status = (await app.request().get('/_ready')).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    expect((await app.request().get(`${api}/consultations`)).status).toBe(200);
  });
});

describe('Redis down', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Nothing listens on this port: every Redis command fails at once.
    app = await startApp({ REDIS_URL: 'redis://127.0.0.1:6390', PARTICIPATION_RATE_LIMIT_USER: '2/60' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('keeps writes working with limits held in memory (per instance), never a 5xx', async () => {
    const agent = await adminToken(app);
    const consultation = await openConsultation(app, agent, { title: 'Sans Redis' });
    const citizen = await registerCitizen(app, 'sansredis');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await app
        .request()
        .post(`${api}/consultations/${consultation.slug}/contributions`)
        .set(...citizen.auth)
        .send({ title: `Idée numéro ${i}`, body: `Une idée sans Redis, la numéro ${i}.` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, 201, 429]);
    const ready = await app.request().get('/_ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'degraded', checks: { database: 'ok', redis: 'unavailable' } });
  });
});

describe('stopping (SIGTERM)', () => {
  it('says « stopping » on /_ready, refuses new requests with 503, lets the request in flight finish with its answer, then closes', async () => {
    const app = await startApp();
    const agent = await adminToken(app);
    const consultation = await openConsultation(app, agent, { title: 'Arrêt propre' });
    const citizen = await registerCitizen(app, 'arret');
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    // Hold the consultation's lifecycle row (and, on SQLite, the only connection): the write below waits for it.
    const knex = app.strapi.db.connection;
    const trx = await knex.transaction();
    await trx('participation_consultation_lifecycles').where({ consultation_document_id: consultation.documentId }).forUpdate().first();

    const body = JSON.stringify({ title: 'Envoyée avant l’arrêt', body: 'Cette contribution doit être enregistrée et confirmée.' });
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `${api}/consultations/${consultation.slug}/contributions`,
          headers: { 'Content-Type': 'application/json', Authorization: citizen.auth[1] },
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        }
      );
      req.on('error', reject);
      req.end(body);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopping = app.strapi.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // While the first request drains: the readiness probe says « stopping », a new request is refused with 503 and
    // nothing of it runs; the port stays open until then.
    const get = (path: string) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any } | 'refused'>((resolve) => {
        const req = http.get({ host: '127.0.0.1', port, path }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null }));
        });
        req.on('error', () => resolve('refused'));
      });
    const ready = await get('/_ready');
    expect(ready).toMatchObject({ status: 503, headers: { 'retry-after': '5' }, body: { status: 'stopping' } });
    const late = await get(`${api}/consultations`);
    expect(late).toMatchObject({
      status: 503,
      headers: { 'retry-after': '5', connection: 'close' },
      body: { data: null, error: { status: 503, details: { code: 'service_unavailable' } } },
    });
    await trx.commit();
    const result = await answer;
    expect(result.status).toBe(201);
    expect(JSON.parse(result.text).data.title).toBe('Envoyée avant l’arrêt');
    await stopping;
    // Closed once the last request in flight has answered.
    expect(await get('/_health')).toBe('refused');
    await app.stop().catch(() => undefined);
  });
});

describe('request ids', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers every request with an id, keeping a valid one a proxy sent and replacing anything else', async () => {
    const fresh = await app.request().get(`${api}/consultations`);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.request().get(`${api}/consultations`).set('X-Request-Id', 'lb-7f3a9c21e0');
    expect(kept.headers['x-request-id']).toBe('lb-7f3a9c21e0');
    const replaced = await app.request().get(`${api}/consultations`).set('X-Request-Id', 'bad id\twith spaces');
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await app.request().get('/_ready')).headers['x-request-id']).toBeTruthy();
  });
});
