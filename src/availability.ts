import { errorBody } from './error-body';

/** Seconds a client is told to wait when the platform cannot reach its database. */
export const RETRY_AFTER_SECONDS = 5;

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '53300',
  '55000',
  '57P01',
  '57P02',
  '57P03',
  '57014',
]);

/**
 * The database could not be reached or could not keep the write (refused, restarting, too many connections, pool
 * exhausted, connection cut, even mid-transaction, a statement timed out, a transaction that did not commit): the
 * request's fault is none, nothing was written, and trying again shortly will do. PostgreSQL's classes: 08
 * connection exception, 40 transaction rollback (serialization failure, deadlock), 53 insufficient resources
 * (disk full, out of memory, too many connections); 57014 is a statement cancelled by its timeout.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown } | null, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth += 1
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (CONNECTION_CODES.has(code) || /^(08|40|53)[0-9A-Z]{3}$/.test(code)) return true;
    // The plugin's transaction helper: the COMMIT failed, nothing was written.
    if (e.name === 'KnexTimeoutError' || e.name === 'CommitFailedError') return true;
    if (
      typeof e.message === 'string' &&
      /Connection terminated|Client has encountered a connection error|Timeout acquiring a connection|terminating connection due to administrator command|Transaction query already complete|Client was closed and is not queryable|Connection is closed/i.test(
        e.message
      )
    )
      return true;
  }
  return false;
}

export const unavailableBody = () =>
  errorBody(503, 'ServiceUnavailableError', 'Service momentanément indisponible : réessayez dans quelques secondes.', 'service_unavailable');

type Dialect = { initialize: (connection: unknown) => Promise<void> };

/**
 * Strapi prepares each new database connection (`SET search_path` on PostgreSQL) in its pool's `afterCreate`
 * without catching a failure: a connection cut at that moment (PostgreSQL restarting, `pg_terminate_backend`)
 * becomes an unhandled rejection, which stops the process. Here a failed preparation is logged and the connection
 * handed over as it is: knex has marked it broken, the query that gets it answers 503, and the pool discards it.
 */
export function guardConnectionSetup(strapi: { db: { dialect: Dialect }; log: { warn: (message: string) => void } }) {
  const dialect = strapi.db.dialect;
  const initialize = dialect.initialize.bind(dialect);
  dialect.initialize = (connection) =>
    initialize(connection).catch((error: unknown) => {
      if (!isDatabaseUnavailable(error)) throw error;
      strapi.log.warn(`Base de données injoignable à l'ouverture d'une connexion : ${(error as Error).message}`);
    });
}

type Builder = { _method?: string; sql?: unknown };
type Runner = { run: () => Promise<unknown> };
type KnexClient = { runner: (builder: Builder) => Runner; transacting?: boolean };

/** How many times a read outside a transaction is sent in all when its connection turns out cut. */
const READ_ATTEMPTS = 4;

/** Whether a statement only reads: run twice, it changes nothing. */
function onlyReads(builder: Builder) {
  if (typeof builder.sql === 'string') return /^\s*select\b/i.test(builder.sql);
  return ['select', 'first', 'pluck'].includes(builder._method ?? '');
}

/**
 * A pooled connection the database cut while it sat idle (PostgreSQL restarting, `pg_terminate_backend`) is only
 * found dead by the next statement sent on it. A read outside a transaction that meets such a connection runs again,
 * on another one (up to READ_ATTEMPTS in all): reading twice changes nothing, and the request is answered instead of a 503. Writes are not
 * retried here (whether a cut statement was applied is not known; transactions are the plugin's helper's to retry),
 * nor is anything inside a transaction (the transaction's client is not this one).
 */
export function retryReadsOnLostConnection(strapi: { db: { connection: { client: KnexClient } } }) {
  const client = strapi.db.connection.client;
  const makeRunner = client.runner.bind(client);
  client.runner = (builder: Builder) => {
    const runner = makeRunner(builder);
    const run = runner.run.bind(runner);
    runner.run = async () => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await (attempt === 1 ? run() : makeRunner(builder).run());
        } catch (error) {
          // Every connection the pool held may have been cut at once: each attempt may meet another dead one.
          if (attempt >= READ_ATTEMPTS || !onlyReads(builder) || !isDatabaseUnavailable(error) || (error as { name?: string }).name === 'KnexTimeoutError')
            throw error;
        }
      }
    };
    return runner;
  };
}
