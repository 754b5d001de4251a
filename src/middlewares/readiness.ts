import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { RETRY_AFTER_SECONDS } from '../availability';

const CHECK_TIMEOUT_MS = 2000;

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('délai dépassé')), ms).unref())]);

/**
 * Readiness for a load balancer, distinct from liveness (`/_health`, Strapi's, answers while the process lives):
 * `GET /_ready` is 200 when this instance can serve — the database answers — and 503 with Retry-After when it
 * cannot or while it is stopping. Redis, when configured, is reported: without it the instance still serves, with
 * rate limits held in memory (status `degraded`).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    if (ctx.path !== '/_ready' || !['GET', 'HEAD'].includes(ctx.method)) return next();
    const participation = strapi.plugin('participation');
    let database: 'ok' | 'unavailable' = 'ok';
    try {
      await within(strapi.db.connection.raw('select 1'), CHECK_TIMEOUT_MS);
    } catch {
      database = 'unavailable';
    }
    const redis: 'ok' | 'unavailable' | 'not_configured' = await participation.service('rate-limits').ping();
    const stopping: boolean = participation.service('shutdown').isDraining();
    const ready = database === 'ok' && !stopping;
    ctx.set('Cache-Control', 'no-store');
    if (!ready) ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: stopping ? 'stopping' : !ready ? 'unavailable' : redis === 'unavailable' ? 'degraded' : 'ready', checks: { database, redis } };
  };
