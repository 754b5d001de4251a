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

type Compiled = { sql: string; bindings: readonly unknown[] };
const compiled = new Map<string, Compiled>();

/** Runs the query of this `shape` (built by `build` the first time) on `db` (knex or a transaction). */
export async function runPrepared<T = Record<string, any>>(
  db: Knex | Knex.Transaction,
  shape: string,
  build: () => Knex.QueryBuilder,
  values: Record<string, unknown>
): Promise<T[]> {
  const key = `${db.client.config.client}:${shape}`;
  let query = compiled.get(key);
  if (!query) {
    const { sql, bindings } = build().toSQL();
    query = { sql, bindings };
    compiled.set(key, query);
  }
  const bindings = query.bindings.map((b) => valueOf(b, values));
  const result = await db.raw(query.sql, bindings as Knex.RawBinding[]);
  return (Array.isArray(result) ? result : result.rows) as T[];
}
