import path from 'path';
import Koa from 'koa';
import request from 'supertest';
import { bodyMiddleware, MAX_BODY_DEPTH, nestsDeeperThan, securityMiddleware } from '../src/core-middlewares';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * The app's `strapi::security` and `strapi::body` (src/core-middlewares.ts, built once) against Strapi's own
 * factories (built on every request), loaded from @strapi/core's files: same headers, same parsed bodies, same
 * refusals, for the same requests.
 */
type Factory = (config: Record<string, unknown>, context: { strapi: unknown }) => (ctx: Koa.Context, next: Koa.Next) => Promise<unknown>;
const strapiCore = path.dirname(require.resolve('@strapi/core/package.json'));
// Strapi's files, outside @strapi/core's package exports: only require() reaches them.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const strapiSecurity = (require(path.join(strapiCore, 'dist/middlewares/security.js')) as { security: Factory }).security;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const strapiBody = (require(path.join(strapiCore, 'dist/middlewares/body.js')) as { body: Factory }).body;

/** What the factories read of Strapi: no GraphQL plugin, the admin panel's path. */
const strapiStub = { plugin: () => undefined, config: { get: (key: string, fallback: unknown) => (key === 'admin.path' ? '/admin' : fallback) } };

/** A Koa app with the middleware under test, answering what it parsed. */
function appWith(factory: Factory, config: Record<string, unknown>) {
  const app = new Koa();
  app.use(async (ctx, next) => {
    // Strapi's `ctx.payloadTooLarge` (its errors middleware adds the helpers).
    (ctx as unknown as { payloadTooLarge: (m: string) => void }).payloadTooLarge = (message) => ctx.throw(413, message);
    await next();
  });
  app.use(factory(config, { strapi: strapiStub }));
  app.use((ctx) => {
    const files = (ctx.request as unknown as { files?: { files?: { type?: string; size?: number } } }).files?.files;
    ctx.body = { body: ctx.request.body ?? null, file: files ? { type: files.type, size: files.size } : null };
  });
  return app.callback();
}

const SECURITY_HEADERS = [
  'content-security-policy',
  'strict-transport-security',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'cross-origin-embedder-policy',
  'origin-agent-cluster',
  'x-xss-protection',
];
const securityHeaders = (res: request.Response) => Object.fromEntries(SECURITY_HEADERS.map((h) => [h, res.headers[h] ?? null]));

describe("strapi::security, built once, answers Strapi's headers", () => {
  const configs: Record<string, unknown>[] = [{}, { contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:', 'https://media.example.org'] } } }];
  const requests: [string, string][] = [
    ['GET', '/api/participation/consultations'],
    ['POST', '/api/participation/consultations/x/contributions'],
    ['GET', '/documentation/v1.0.0'],
    ['POST', '/documentation/v1.0.0'],
    ['GET', '/admin/content-manager'],
    ['GET', '/admin'],
    ['PUT', '/admin/users/me'],
  ];
  for (const env of ['production', 'test']) {
    it.each(configs.map((c) => [JSON.stringify(c), c]))(`NODE_ENV=${env}, configuration %s: the same headers on every path`, async (_name, config) => {
      const previous = process.env.NODE_ENV;
      process.env.NODE_ENV = env;
      try {
        const ours = appWith(securityMiddleware as unknown as Factory, config as Record<string, unknown>);
        const theirs = appWith(strapiSecurity, config as Record<string, unknown>);
        for (const [method, url] of requests) {
          const call = (app: ReturnType<typeof appWith>) => request(app)[method.toLowerCase() as 'get' | 'post' | 'put'](url);
          const [a, b] = [await call(ours), await call(theirs)];
          expect({ method, url, headers: securityHeaders(a) }).toEqual({ method, url, headers: securityHeaders(b) });
          expect(a.headers['content-security-policy']).toContain("default-src 'self'");
        }
        // The wider CSP of the documentation pages is only theirs: another path does not get it afterwards.
        const after = await request(ours).get('/api/participation/consultations');
        expect(after.headers['content-security-policy']).not.toContain('cdn.jsdelivr.net');
      } finally {
        process.env.NODE_ENV = previous;
      }
    });
  }
});

describe("strapi::body, built once, parses as Strapi's and refuses in French", () => {
  const config = { parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'], jsonLimit: '1kb' };
  const ours = appWith(bodyMiddleware as unknown as Factory, config);
  const theirsApp = appWith(strapiBody, config);
  const both = async (send: (app: ReturnType<typeof appWith>) => request.Test) => {
    const [a, b] = [await send(ours), await send(theirsApp)];
    expect({ status: a.status, body: a.body }).toEqual({ status: b.status, body: b.body });
    return a;
  };

  it('a JSON body, on every parsed method, and none on GET', async () => {
    const payload = { title: 'Une piste cyclable', body: 'Entre Nantes et Rezé.' };
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      expect((await both((app) => request(app)[method]('/x').send(payload))).body.body).toEqual(payload);
    }
    expect((await both((app) => request(app).get('/x').set('content-type', 'application/json').send(JSON.stringify(payload)))).body.body).toEqual({});
  });

  it('a form body, a text body, an empty body', async () => {
    expect((await both((app) => request(app).post('/x').type('form').send('a=1&b=deux'))).body.body).toEqual({ a: '1', b: 'deux' });
    await both((app) => request(app).post('/x').type('text').send('bonjour'));
    await both((app) => request(app).post('/x'));
  });

  /** Strapi's answer is the parser's English error (or a 500 for a broken multipart); ours, the envelope in French. */
  const refusals: [what: string, send: (app: ReturnType<typeof appWith>) => request.Test, status: number, code: string, theirs: number][] = [
    [
      'JSON over its limit',
      (app) =>
        request(app)
          .post('/x')
          .set('content-type', 'application/json')
          .send(JSON.stringify({ text: 'x'.repeat(2000) })),
      413,
      'payload_too_large',
      413,
    ],
    ['truncated JSON', (app) => request(app).post('/x').set('content-type', 'application/json').send('{"title": '), 400, 'validation_failed', 400],
    ['JSON that is not an object', (app) => request(app).put('/x').set('content-type', 'application/json').send('"texte"'), 400, 'validation_failed', 400],
    [
      'a broken multipart body',
      (app) => request(app).post('/x').set('content-type', 'multipart/form-data; boundary=zz').send('x'),
      400,
      'validation_failed',
      500,
    ],
    [
      'a gzip body that is not gzip',
      (app) => request(app).post('/x').set('content-type', 'application/json').set('content-encoding', 'gzip').send('{}'),
      400,
      'validation_failed',
      500,
    ],
    [
      'a br body that is not br',
      (app) => request(app).post('/x').set('content-type', 'application/json').set('content-encoding', 'br').send('{"a":1}'),
      400,
      'validation_failed',
      500,
    ],
    [
      'an unknown content encoding',
      (app) => request(app).post('/x').set('content-type', 'application/json').set('content-encoding', 'klingon').send('{}'),
      415,
      'unsupported_media_type',
      415,
    ],
  ];
  it.each(refusals)('refuses %s: the same status as Strapi where it has one, in the French envelope', async (_what, send, status, code, theirs) => {
    const [a, b] = [await send(ours), await send(theirsApp)];
    expect(b.status).toBe(theirs);
    expect(a.status).toBe(status);
    expect(a.body).toEqual({
      data: null,
      error: {
        status,
        name: expect.any(String),
        message: expect.stringMatching(/^(Corps de la requête illisible|Requête trop volumineuse|Encodage du corps non pris en charge)/),
        details: { code },
      },
    });
  });

  it(`a body nested up to ${MAX_BODY_DEPTH} levels, not one more (checked without recursion)`, async () => {
    const nested = (levels: number) => `{"a":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    const wide = (app: ReturnType<typeof appWith>, body: string) => request(app).post('/x').set('content-type', 'application/json').send(body);
    const deepest = appWith(bodyMiddleware as unknown as Factory, { ...config, jsonLimit: '8mb' });
    expect((await wide(deepest, nested(MAX_BODY_DEPTH))).status).toBe(200);
    const refused = await wide(deepest, nested(MAX_BODY_DEPTH + 1));
    expect(refused.body).toEqual({
      data: null,
      error: {
        status: 400,
        name: 'ValidationError',
        message: `Corps de la requête trop imbriqué : ${MAX_BODY_DEPTH} niveaux au plus.`,
        details: { code: 'validation_failed' },
      },
    });
    // A million levels: a recursive walk would overflow the stack long before.
    let deep: unknown = 1;
    for (let i = 0; i < 1_000_000; i += 1) deep = [deep];
    expect(nestsDeeperThan(deep, MAX_BODY_DEPTH)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }], c: 'texte' }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: [] }] }, 3)).toBe(true);
  });

  it('a multipart upload: the same file, typed the same way', async () => {
    const res = await both((app) =>
      request(app).post('/x').attach('files', Buffer.from('%PDF-1.4 compte rendu'), { filename: 'compte-rendu.pdf', contentType: 'application/pdf' })
    );
    expect(res.body.file).toEqual({ type: expect.any(String), size: 21 });
  });
});

describe('the app runs them', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("a public read carries Strapi's security headers, and a JSON write is parsed", async () => {
    const theirs = appWith(strapiSecurity, {});
    const reference = securityHeaders(await request(theirs).get('/api/participation/consultations'));
    const res = await app.request().get('/api/participation/consultations');
    expect(res.status).toBe(200);
    for (const header of ['content-security-policy', 'strict-transport-security', 'x-frame-options', 'x-content-type-options', 'referrer-policy']) {
      expect([header, res.headers[header]]).toEqual([header, reference[header]]);
    }
    const write = await app.request().post('/api/participation/consultations/inconnue/contributions').send({ title: 'Une idée', body: 'Une proposition.' });
    // The body was read (a missing consultation, not a validation error on an empty body).
    expect(write.status).toBe(404);
  });
});
