import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * A job every instance runs in the background (delivering the outbox, sending notifications): right after the
 * transaction that gave it work commits, and every `pollMs`. Failures are logged, never thrown at the caller; `stop`
 * waits for the run in progress (at shutdown).
 */
export function backgroundJob(strapi: Core.Strapi, name: string, run: () => Promise<unknown>) {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> | null = null;
  const kick = () => {
    const running = run();
    current = running;
    void running
      .catch((error: Error) => strapi.log.warn(`[participation] ${name} : ${error.message}`))
      .finally(() => {
        if (current === running) current = null;
      });
  };
  return {
    /** After `db` commits (at once outside a transaction); nothing for a transaction that rolls back. */
    afterCommit(db: Knex | Knex.Transaction) {
      const committed = (db as Knex.Transaction).executionPromise;
      if (committed)
        committed.then(
          () => setImmediate(kick),
          () => undefined
        );
      else setImmediate(kick);
    },
    start(pollMs: number) {
      if (pollMs <= 0 || timer) return;
      timer = setInterval(kick, pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await current?.catch(() => undefined);
    },
  };
}
