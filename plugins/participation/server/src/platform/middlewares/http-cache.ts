import crypto from 'crypto';
import { Stream } from 'stream';
import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../../config';
import type { HttpContext, Next } from '../http';

/** Whether an `If-None-Match` header names `etag` (weak comparison, a list of tags allowed). */
export const etagMatches = (ifNoneMatch: string, etag: string) =>
  !!ifNoneMatch && ifNoneMatch.split(',').some((tag: string) => tag.trim().replace(/^W\//, '') === etag);

/**
 * Public GETs: a strong validator (ETag from the body) and Cache-Control. Anonymous answers are `public` (for
 * `cacheMaxAge` seconds, 0 by default: every reuse revalidates, so a write is visible at once); answers to a
 * signed-in citizen are `private`. `Vary: Authorization` keeps the two apart in shared caches.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  // Read once per server: the plugin's configuration does not change while it runs.
  let cachedConfig: PluginConfig | undefined;
  return async (ctx: HttpContext, next: Next) => {
    await next();
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.status !== 200 || ctx.body === undefined || ctx.body === null) return;
    const { cacheMaxAge } = (cachedConfig ??= strapi.config.get('plugin::participation') as PluginConfig);
    const cacheControl = ctx.request.header.authorization ? 'private, no-cache' : `public, max-age=${cacheMaxAge}, must-revalidate`;
    if (ctx.body instanceof Stream) {
      // A streamed answer (open data) is not held to be hashed: caching rules without a validator.
      ctx.set('Cache-Control', cacheControl);
      ctx.vary('Authorization');
      return;
    }
    // An anonymous answer of a route whose contract allows it: the public cache may keep it (middlewares/public-cache.ts).
    if (!ctx.request.header.authorization) ctx.state.publicCacheable = true;
    const serialised = !(typeof ctx.body === 'string' || Buffer.isBuffer(ctx.body));
    const payload = serialised ? JSON.stringify(ctx.body) : ctx.body;
    if (serialised) {
      // Hash and send the same string: the body is serialised once, not again by Koa.
      ctx.body = payload;
      ctx.type = 'application/json';
    }
    const etag = `"${crypto.createHash('sha1').update(payload).digest('base64url')}"`;
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', cacheControl);
    ctx.vary('Authorization');
    if (etagMatches(ctx.get('If-None-Match'), etag)) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
};
