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
export function searchPattern(text: string): string | null {
  const key = searchKey(text);
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
export function whereSearchKey(qb: WhereRaw, column: string, text: string) {
  const pattern = searchPattern(text);
  if (pattern === null) qb.whereRaw('1 = 0');
  else whereMatches(qb, column, pattern);
}
