import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** An id a proxy may pass along: short, printable, no spaces (anything else is replaced). */
const VALID_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Every request gets an id, taken from `X-Request-Id` when a proxy set a valid one, generated otherwise, and sent
 * back in the response. With `withLine`, one log line per request: method, path (no query string: it may carry
 * personal data), status, duration and the id — JSON in production (config/logger.ts), so that one request can be
 * followed across instances and joined to a load balancer's logs.
 */
export default (config: { withLine?: boolean } | undefined, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    const incoming = ctx.get('X-Request-Id');
    const id = VALID_ID.test(incoming) ? incoming : crypto.randomUUID();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    const started = performance.now();
    try {
      await next();
    } finally {
      if (config?.withLine) {
        const ms = Math.round(performance.now() - started);
        strapi.log.http(`${ctx.method} ${ctx.path} ${ctx.status} ${ms} ms`, { requestId: id, method: ctx.method, path: ctx.path, status: ctx.status, ms });
      }
    }
  };
