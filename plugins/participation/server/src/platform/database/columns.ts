import type { Core, UID } from '@strapi/strapi';
import { escapeLike, searchKey } from '../text';

/** Table and column names of a content type, read from Strapi's metadata rather than guessed. */
export function tableOf(strapi: Core.Strapi, uid: UID.Schema) {
  const meta = strapi.db.metadata.get(uid);
  const column = (attribute: string): string => {
    const attr = meta.attributes[attribute] as { columnName?: string } | undefined;
    if (!attr) throw new Error(`Attribut inconnu ${attribute} sur ${uid}`);
    return attr.columnName ?? attribute;
  };
  return { table: meta.tableName, column };
}

/** The LIKE pattern of an accent- and case-insensitive literal search (wildcards escaped); null when nothing is searchable. */
export function searchPattern(text: string, keyOf: (text: string) => string = searchKey): string | null {
  const key = keyOf(text);
  return key ? `%${escapeLike(key)}%` : null;
}

type WhereRaw = { whereRaw: (sql: string, bindings?: unknown[]) => unknown };

/** `column LIKE pattern`, with the escape `searchPattern` uses; `pattern` may be a prepared-query parameter. */
export function whereMatches(qb: WhereRaw, column: string, pattern: unknown) {
  qb.whereRaw(`?? LIKE ? ESCAPE '\\'`, [column, pattern]);
}

/**
 * Search of `text` in a `searchKey` column, taken literally, ignoring accents and case. A text with no
 * searchable characters matches nothing rather than everything.
 */
export function whereSearchKey(qb: WhereRaw, column: string, text: string, keyOf: (text: string) => string = searchKey) {
  const pattern = searchPattern(text, keyOf);
  if (pattern === null) qb.whereRaw('1 = 0');
  else whereMatches(qb, column, pattern);
}

const pgTypes = new Map<string, Promise<Map<string, string>>>();

/**
 * PostgreSQL's type of each column of `table` (udt names: int4, varchar, timestamp…), read once per process: an
 * `INSERT … SELECT ?` must cast its parameters, which PostgreSQL would otherwise read as text.
 */
export function pgColumnTypes(knex: { raw: (sql: string, bindings: unknown[]) => Promise<unknown> }, table: string): Promise<Map<string, string>> {
  let types = pgTypes.get(table);
  if (!types) {
    types = knex
      .raw('SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = ? AND table_schema = current_schema()', [table])
      .then((result) => new Map((result as { rows: { column_name: string; udt_name: string }[] }).rows.map((r) => [r.column_name, r.udt_name])));
    pgTypes.set(table, types);
    types.catch(() => pgTypes.delete(table));
  }
  return types;
}

/**
 * `(columns) SELECT values WHERE EXISTS (SELECT 1 FROM <guard>)` for an `INSERT INTO table …` inside a PostgreSQL
 * CTE: the row is written only if the guard CTE has a row; each value is cast to its column's type (`types`).
 */
export function insertWhere(types: Map<string, string>, row: Record<string, unknown>, guard: string) {
  return {
    sql: `(${Object.keys(row)
      .map(() => '??')
      .join(', ')}) SELECT ${Object.keys(row)
      .map((column) => `?::${types.get(column) ?? 'text'}`)
      .join(', ')} WHERE EXISTS (SELECT 1 FROM ${guard})`,
    bindings: [...Object.keys(row), ...Object.values(row)] as unknown[],
  };
}
