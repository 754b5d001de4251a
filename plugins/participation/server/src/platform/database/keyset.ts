import type { Knex } from 'knex';
import { type RawRow } from './rows';

/** A row as knex answers it. */

/** Rows read per query: a large table streams out in pages, never held whole in memory. */
export const KEYSET_PAGE = 500;

/**
 * Pages of a query read one after the other by keyset: `build(after)` adds "after this row" (null for the first
 * page) to a query ordered the same way, `cursorOf` says where a page ended. Every page costs the same.
 */
export async function* keysetPages<T, Cursor>(
  build: (after: Cursor | null) => Knex.QueryBuilder,
  cursorOf: (last: RawRow) => Cursor,
  toRow: (r: RawRow) => T
): AsyncGenerator<T[]> {
  for (let after: Cursor | null = null; ;) {
    const rows: RawRow[] = await build(after).limit(KEYSET_PAGE);
    if (!rows.length) return;
    after = cursorOf(rows[rows.length - 1]);
    yield rows.map(toRow);
    if (rows.length < KEYSET_PAGE) return;
  }
}
