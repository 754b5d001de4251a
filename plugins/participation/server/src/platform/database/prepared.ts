import { createHash } from 'crypto';
import type { Knex } from 'knex';

/**
 * Hot read paths build their SQL with knex once per shape, not once per request: the query is built with
 * placeholders standing for the values (`param('slug')`), compiled, and then run with `knex.raw` and the
 * request's values in the same binding order. Building a query costs more CPU than the database takes to run
 * it; this keeps explicit, readable knex code and drops that cost.
 */
const MARK = '\u0000param:';
export const param = (name: string) => `${MARK}${name}`;

/** For `limit` and `offset`, which knex wants as numbers: a number from a range no real page size reaches. */
const NUMBER_BASE = 1_999_000_000;
const numberNames: string[] = [];
export const numberParam = (name: string) => {
  let i = numberNames.indexOf(name);
  if (i < 0) i = numberNames.push(name) - 1;
  return NUMBER_BASE + i;
};
const valueOf = (binding: unknown, values: Record<string, unknown>) => {
  if (typeof binding === 'string' && binding.startsWith(MARK)) return values[binding.slice(MARK.length)];
  if (typeof binding === 'number' && binding >= NUMBER_BASE && binding < NUMBER_BASE + numberNames.length) return values[numberNames[binding - NUMBER_BASE]];
  return binding;
};

type Compiled = { sql: string; bindings: readonly unknown[]; statement: string };
const compiled = new Map<string, Compiled>();

/** What a query builder branches on: each flag is part of the compiled query's key. */
export type ShapeFlags = Record<string, string | number | boolean | null>;

export type PreparedOptions = {
  /**
   * On PostgreSQL, also prepare the statement on the server under a name of its shape, so that each connection
   * plans it once instead of on every call. For statements whose planning costs more than their execution (the
   * moderation queue's union of index ranges: about 4 ms of planning with its parameters, against 1 ms to run).
   * Needs a session-mode pooler, as the rest of the app does (docs/operations.md, Déploiement).
   */
  serverPrepared?: boolean;
};

/**
 * Runs the query `name` of the shape `flags` on `db` (knex or a transaction). `build` receives the flags and
 * must branch on them alone (values go through `param`): the cache key is the name and every flag, so a
 * builder cannot take a branch that the key does not name.
 */
export async function runPrepared<T = Record<string, unknown>, Flags extends ShapeFlags = ShapeFlags>(
  db: Knex | Knex.Transaction,
  name: string,
  flags: Flags,
  build: (flags: Flags) => Knex.QueryBuilder | Knex.Raw,
  values: Record<string, unknown>,
  options: PreparedOptions = {}
): Promise<T[]> {
  const key = `${db.client.config.client}:${name}:${JSON.stringify(flags, Object.keys(flags).sort())}`;
  let query = compiled.get(key);
  if (!query) {
    const { sql, bindings } = build(flags).toSQL();
    // One name per compiled text: the server refuses a name reused for another statement.
    query = { sql, bindings, statement: `participation_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}` };
    compiled.set(key, query);
  }
  const bindings = query.bindings.map((b) => valueOf(b, values));
  const raw = db.raw(query.sql, bindings as Knex.RawBinding[]);
  // Strapi hands knex `pg` for PostgreSQL.
  const isPostgres = db.client.config.client === 'pg';
  const result = await (options.serverPrepared && isPostgres ? raw.options({ name: query.statement }) : raw);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
