import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
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
 * A unique index that refuses the write at commit keeps its error (callers map it to "already done" or 409).
 */
export async function transaction<T>(strapi: Core.Strapi, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  let opened: Knex.Transaction | undefined;
  const result: T = await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => {
    opened = trx;
    return work(trx);
  });
  // Completed here means this call opened the transaction and committed it; otherwise it joined an outer one.
  if (opened?.isCompleted()) {
    try {
      await opened.executionPromise;
    } catch (error) {
      if (isUniqueViolation(error)) throw error;
      throw new CommitFailedError(error);
    }
  }
  return result;
}
