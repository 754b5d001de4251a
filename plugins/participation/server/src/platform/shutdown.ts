import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/**
 * Graceful stop: on SIGTERM (Strapi destroys itself, plugins first), the instance stops accepting connections,
 * lets the requests in flight finish and answer, then lets Strapi close the rest. Without it, Strapi's server
 * destroy cuts a request whose database work still commits, and the client is told "failed" for a write that landed.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let inflight = 0;
  let draining = false;
  let idle: (() => void)[] = [];

  return {
    /** Counts the requests in flight (installed first, at register time). */
    install() {
      strapi.server.use(async (ctx: Context, next: Next) => {
        if (draining) ctx.set('Connection', 'close');
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
    /** Stops accepting, then waits for the requests in flight, at most `graceMs`. */
    async drain(graceMs: number) {
      if (draining) return;
      draining = true;
      const server = strapi.server.httpServer;
      if (server.listening) server.close();
      if (inflight === 0) return;
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
    },
  };
};
