import type { Core } from '@strapi/strapi';
import type { CachedAnswer } from '../public-cache';
import type { HttpContext, Next } from '../http';
import { etagMatches } from './http-cache';
import { getService } from '../services';

/** The public API, the only place answers are kept. */
const PUBLIC_API = '/api/participation/';
/** Writes that change no public page: signing in and out, staff accounts and sessions. */
const NO_PUBLIC_EFFECT = /^\/(admin|api\/auth)\//;
/** Headers of the request's own (its id, its length) or never shared (cookies), not kept with an answer. */
const NOT_KEPT = new Set(['content-length', 'set-cookie', 'x-request-id', 'x-cache']);
const COMPRESSIBLE = /json|text|csv|xml|calendar/;
/** Smaller answers are sent as they are (as the app's compression does). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * The app-level side of the public cache (platform/public-cache.ts), early in the app's middlewares: an anonymous GET
 * of the public API is answered from the cache when its page was kept in the current generation (with its ETag: 304
 * on `If-None-Match`), before routing, the database or the controller; otherwise it goes on, and its answer is kept
 * when the route allows it (`cache` in the contract, marked by the http-cache middleware). Any other request that may
 * have written (not a GET, not a 4xx) moves the generation on before its response leaves.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const cache = () => getService(strapi, 'public-cache');
  return async (ctx: HttpContext, next: Next) => {
    if (!cache().enabled() || ctx.method === 'OPTIONS') return next();
    if (ctx.method === 'GET' || ctx.method === 'HEAD') return read(ctx, next, cache());
    let failed: unknown = null;
    try {
      await next();
    } catch (error) {
      failed = error;
    }
    const status = failed ? ((failed as { status?: number }).status ?? 500) : ctx.status;
    if ((status < 400 || status >= 500) && !NO_PUBLIC_EFFECT.test(ctx.path)) await cache().changed();
    if (failed) throw failed;
  };
};

type Cache = ReturnType<typeof getService<'public-cache'>>;

async function read(ctx: HttpContext, next: Next, cache: Cache) {
  if (!ctx.path.startsWith(PUBLIC_API) || ctx.get('Authorization')) return next();
  // Taken before the database is read: a write that commits meanwhile moves it on, and what is kept here is never served.
  const generation = await cache.generation();
  if (generation === null) return next();
  const key = ctx.url;
  const found = await cache.find(key, generation);
  if (found) return serve(ctx, found, cache);
  const flightKey = `${generation}\n${key}`;
  const flight = cache.flights.get(flightKey);
  if (flight) {
    const answer = await flight;
    return answer ? serve(ctx, answer, cache) : next();
  }
  let settle: (answer: CachedAnswer | null) => void = () => undefined;
  cache.flights.set(
    flightKey,
    new Promise((resolve) => {
      settle = resolve;
    })
  );
  let answer: CachedAnswer | null = null;
  try {
    const before = { ...ctx.response.headers };
    await next();
    answer = keepable(ctx, before, generation);
    if (answer) cache.keep(key, answer);
    ctx.set('X-Cache', 'miss');
  } finally {
    cache.flights.delete(flightKey);
    settle(answer);
  }
}

/** The answer as it may be kept: a 200 of a route that allows it, held in memory, setting no cookie. */
function keepable(ctx: HttpContext, before: Record<string, unknown>, generation: string): CachedAnswer | null {
  if (!ctx.state.publicCacheable || ctx.status !== 200 || ctx.response.get('Set-Cookie')) return null;
  const body = typeof ctx.body === 'string' ? Buffer.from(ctx.body) : Buffer.isBuffer(ctx.body) ? ctx.body : null;
  if (!body) return null;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.response.headers)) {
    if (NOT_KEPT.has(name) || value === undefined || value === before[name]) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { generation, headers, body, encoded: {} };
}

function serve(ctx: HttpContext, answer: CachedAnswer, cache: Cache) {
  for (const [name, value] of Object.entries(answer.headers)) ctx.set(name, value);
  ctx.set('X-Cache', 'hit');
  const etag = answer.headers.etag;
  if (etag && etagMatches(ctx.get('If-None-Match'), etag)) {
    ctx.status = 304;
    ctx.body = null;
    return;
  }
  ctx.status = 200;
  if (answer.body.length >= COMPRESS_FROM_BYTES && COMPRESSIBLE.test(answer.headers['content-type'] ?? '')) {
    ctx.vary('Accept-Encoding');
    const encoding = ctx.acceptsEncodings('br', 'gzip', 'identity');
    if (encoding === 'br' || encoding === 'gzip') {
      ctx.set('Content-Encoding', encoding);
      ctx.body = cache.encoded(answer, encoding);
      return;
    }
  }
  ctx.body = answer.body;
}
