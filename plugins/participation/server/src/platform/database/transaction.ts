import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { getService } from '../services';
import { isUniqueViolation } from './rows';

/**
 * The transaction did not commit: nothing of it was written. Thrown by `transaction` when the `COMMIT` itself
 * failed (a connection cut between the last statement and the commit, a deferred constraint, a serialization
 * failure); the error envelope answers it 503 with Retry-After, never 2xx.
 */
export class CommitFailedError extends Error {
  readonly name = 'CommitFailedError';
  constructor(readonly cause: unknown) {
    super(`La transaction n'a pas été validée : ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/**
 * Runs `work` in one database transaction and resolves only once its `COMMIT` is known to have succeeded. The one
 * way the plugin writes in a transaction (lint forbids `strapi.db.transaction` and knex's `.transaction` elsewhere).
 *
 * Why not `strapi.db.transaction(cb)` alone: knex catches a failed `COMMIT` and rejects only the transaction's
 * `executionPromise`, and Strapi returns the callback's result anyway, so a write could be acknowledged that the
 * database never kept. Strapi's helper is still the one called, so that the Document Service and Query Engine
 * calls inside `work` join the same transaction; inside a transaction that is already open (the Content Manager's),
 * `work` joins it and the caller of that outer transaction owns its commit.
 *
 * A unique index that refuses the write at commit keeps its error (callers map it to "already done" or 409). A
 * transaction cut before its commit (connection lost, serialization failure) is run again, up to ATTEMPTS in all:
 * `work` must not act outside the database before its commit is known (mails and webhooks go through the outbox).
 */
export async function transaction<T>(strapi: Core.Strapi, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  // Only a transaction this call opens may be tried again; inside an outer one, its owner decides.
  const owned = !strapi.db.inTransaction();
  for (let attempt = 1; ; attempt += 1) {
    let opened: Knex.Transaction | undefined;
    let result: T;
    // Whether `work` wrote anything: only then do public pages change (a scheduler's run often finds nothing to do).
    let wrote = false;
    const watch = (response: unknown, query: { method?: string; sql?: string }) => {
      wrote ||= changedRows(response, query);
    };
    try {
      result = await strapi.db.transaction(async ({ trx, onCommit }: { trx: Knex.Transaction; onCommit: (cb: () => void) => void }) => {
        opened = trx;
        trx.on('query-response', watch);
        const done = await work(trx);
        // Inside an outer transaction, the public cache moves on when that one commits.
        if (!owned && wrote) onCommit(() => void getService(strapi, 'public-cache').changed());
        return done;
      });
    } catch (error) {
      // Cut before its COMMIT was sent: PostgreSQL rolled it back, nothing of it was written, so it runs again on a
      // fresh connection, a few times, as the client would on a 503. A failed COMMIT (below) is never tried again:
      // whether it was kept is not known.
      if (owned && attempt < ATTEMPTS && isTransient(error)) {
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
        continue;
      }
      throw error;
    } finally {
      (opened as Knex.Transaction | undefined)?.off('query-response', watch);
    }
    // Completed here means this call opened the transaction and committed it; otherwise it joined an outer one.
    if (opened?.isCompleted()) {
      try {
        await opened.executionPromise;
      } catch (error) {
        if (isUniqueViolation(error)) throw error;
        throw new CommitFailedError(error);
      }
    }
    // Committed: public pages kept before this write are no longer served (platform/public-cache.ts).
    if (owned && wrote) await getService(strapi, 'public-cache').changed();
    return result;
  }
}

/**
 * Whether a statement changed rows: an insert, update or delete (knex's, or raw SQL, a `WITH` that writes included)
 * that says it touched at least one row, or does not say how many (counted as written).
 */
function changedRows(response: unknown, query: { method?: string; sql?: string }): boolean {
  const sql = query.sql ?? '';
  const writes =
    ['insert', 'update', 'del', 'delete', 'upsert', 'truncate'].includes(query.method ?? '') ||
    /^\s*(insert|update|delete|merge|truncate)\b/i.test(sql) ||
    /^\s*with\b[\s\S]*\b(insert|update|delete)\b/i.test(sql);
  if (!writes) return false;
  if (typeof response === 'number') return response > 0;
  if (Array.isArray(response)) return response.length > 0 || query.method === 'insert';
  const counted = response as { rowCount?: unknown; changes?: unknown } | null;
  if (typeof counted?.rowCount === 'number') return counted.rowCount > 0;
  if (typeof counted?.changes === 'number') return counted.changes > 0;
  return true;
}

/** How many times a transaction cut before its commit is run in all. */
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 25;

/**
 * A failure that says nothing about the request: the connection was cut (PostgreSQL restarting, an administrator's
 * `pg_terminate_backend`, a network reset) or the database rolled the transaction back to let another through
 * (serialization failure, deadlock); or a statement of `work` sent after its connection died took the transaction down
 * with it (« already complete »: rolled back, since the commit only comes once `work` has returned). Not a pool
 * exhausted (KnexTimeoutError): trying again would only add load.
 */
export function isTransient(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | null, depth = 0; e && depth < 4; e = e.cause as typeof e, depth += 1) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (['ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '40001', '40P01'].includes(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    if (
      typeof e.message === 'string' &&
      /Connection terminated|terminating connection due to administrator command|Client has encountered a connection error|Connection is closed|Client was closed and is not queryable|Transaction query already complete/i.test(
        e.message
      )
    )
      return true;
  }
  return false;
}

/**
 * Inside a transaction, whether this instance is the one doing the work a constant `key` names: on PostgreSQL a
 * transaction-scoped advisory lock taken without waiting (false when another instance holds it); SQLite runs one
 * writer at a time, so always true there. The lock goes with the commit or rollback.
 */
export async function soleRunner(strapi: Core.Strapi, trx: Knex.Transaction, key: number): Promise<boolean> {
  if (strapi.db.dialect.client !== 'postgres') return true;
  const { rows } = (await trx.raw('SELECT pg_try_advisory_xact_lock(?) AS locked', [key])) as { rows: { locked: boolean }[] };
  return rows[0].locked;
}
