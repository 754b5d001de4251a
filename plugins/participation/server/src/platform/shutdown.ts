import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/** Seconds a client refused during the stop is told to wait (another instance, or this one restarted, will serve). */
const RETRY_AFTER_SECONDS = 5;
/** Probes answered as usual during the stop: liveness, and readiness (which then says 503 « stopping »). */
const PROBES = new Set(['/_ready', '/_health']);

/**
 * Graceful stop: on SIGTERM (Strapi destroys itself, plugins first), the instance keeps its port open while the
 * requests in flight finish and answer: `/_ready` answers 503 « stopping » so that the load balancer takes it out,
 * and any other new request is refused with 503 and Retry-After (nothing of it runs), so the client tries again
 * elsewhere. Once the last request in flight has answered (or `graceMs` has passed), the server closes and Strapi
 * closes the rest. Without it, Strapi's server destroy cuts a request whose database work still commits, and the
 * client is told "failed" for a write that landed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let inflight = 0;
  let draining = false;
  let idle: (() => void)[] = [];

  return {
    /** Counts the requests in flight (installed first, at register time). */
    install() {
      strapi.server.use(async (ctx: Context, next: Next) => {
        if (draining) {
          ctx.set('Connection', 'close');
          if (!PROBES.has(ctx.path)) {
            ctx.status = 503;
            ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
            ctx.body = {
              data: null,
              error: {
                status: 503,
                name: 'ServiceUnavailableError',
                message: 'Instance en cours d’arrêt : réessayez dans quelques secondes.',
                details: { code: 'service_unavailable' },
              },
            };
            return;
          }
        }
        inflight += 1;
        try {
          await next();
        } finally {
          inflight -= 1;
          if (inflight === 0) {
            const waiting = idle;
            idle = [];
            waiting.forEach((resolve) => resolve());
          }
        }
      });
    },

    isDraining: () => draining,
    /** Refuses new requests, waits for the requests in flight (at most `graceMs`), then stops accepting. */
    async drain(graceMs: number) {
      if (draining) return;
      draining = true;
      if (inflight > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          new Promise<void>((resolve) => idle.push(resolve)),
          new Promise<void>((resolve) => {
            timer = setTimeout(() => {
              strapi.log.warn(`[participation] arrêt : ${inflight} requête(s) encore en cours après ${graceMs} ms, interrompue(s)`);
              resolve();
            }, graceMs);
          }),
        ]);
        if (timer) clearTimeout(timer);
      }
      const server = strapi.server.httpServer;
      if (server.listening) {
        server.close();
        server.closeIdleConnections?.();
      }
    },
  };
};
