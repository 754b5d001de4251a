import crypto from 'crypto';
import Redis from 'ioredis';
import { adminToken } from './helpers/admin';
import { registerCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Boots the app with tight write budgets and one open consultation. */
async function appWithLimits(env: Record<string, string>) {
  const app = await startApp({ PARTICIPATION_RATE_LIMIT_USER: '3/60', PARTICIPATION_RATE_LIMIT_IP: '6/60', ...env });
  const agent = await adminToken(app);
  const c = await openConsultation(app, agent, { moderationMode: 'a_posteriori', requireAccount: false });
  return { app, slug: c.slug };
}

const post = (app: TestApp, slug: string, auth: [string, string] | null, n: number, ip = '203.0.113.7') => {
  const req = app.request().post(`/api/participation/consultations/${slug}/contributions`).set('X-Forwarded-For', ip);
  return (auth ? req.set(...auth) : req).send({ title: `Idée numéro ${n}`, body: `Une proposition différente, la numéro ${n}.` });
};

describe.each([
  ['in memory', {}],
  ['shared through Redis', { REDIS_URL }],
])('write rate limits %s', (_name, extraEnv) => {
  let app: TestApp;
  let slug: string;
  const prefix = `participer-test-${crypto.randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    ({ app, slug } = await appWithLimits({ ...extraEnv, PARTICIPATION_RATE_LIMIT_PREFIX: prefix }));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('stop a citizen past their budget with 429, Retry-After and nothing stored', async () => {
    const citizen = await registerCitizen(app, `rapide${prefix.slice(-4)}`);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post(app, slug, citizen.auth, i)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const limited = await post(app, slug, citizen.auth, 9);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error).toMatchObject({ status: 429, name: 'RateLimitError', details: { code: 'rate_limited' } });
    const mine = await app
      .request()
      .get('/api/participation/me/contributions')
      .set(...citizen.auth);
    expect(mine.body.meta.pagination.total).toBe(3);
  });

  it('key on the client IP, not on anything in the body', async () => {
    // Without a trusted proxy, X-Forwarded-For is ignored: every request here comes from the same address, which
    // has 6 writes a minute and spent 5 in the test above. One more passes, whatever the header claims.
    const statuses = [];
    for (let i = 10; i < 15; i += 1) statuses.push((await post(app, slug, null, i, `198.51.100.${i}`)).status);
    expect(statuses).toEqual([201, 429, 429, 429, 429]);
  });

  if ('REDIS_URL' in extraEnv) {
    it('keeps its counters in Redis, where every instance sees them', async () => {
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      await redis.quit();
      expect(keys.some((k) => k.startsWith(`${prefix}:user`))).toBe(true);
      expect(keys.some((k) => k.startsWith(`${prefix}:ip`))).toBe(true);
    });
  }
});

describe('behind a trusted proxy (TRUST_PROXY=true)', () => {
  let app: TestApp;
  let slug: string;
  beforeAll(async () => {
    ({ app, slug } = await appWithLimits({ TRUST_PROXY: 'true' }));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('keys on the client address the proxy reports, so two clients have separate budgets', async () => {
    const first = [];
    for (let i = 0; i < 7; i += 1) first.push((await post(app, slug, null, 100 + i, '198.51.100.1')).status);
    expect(first).toEqual([201, 201, 201, 201, 201, 201, 429]);
    expect((await post(app, slug, null, 200, '198.51.100.2')).status).toBe(201);
  });
});
