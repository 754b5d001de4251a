import type { Core, UID } from '@strapi/strapi';
import { escapeLike, searchKey } from '../domain/text';

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

/**
 * Search of `text` in a `searchKey` column, taken literally, ignoring accents and case. A text with no
 * searchable characters matches nothing rather than everything. `pattern` may be a prepared-query parameter.
 */
export function whereSearchKey(qb: { whereRaw: (sql: string, bindings?: unknown[]) => unknown }, column: string, text: string, pattern?: unknown) {
  const own = searchPattern(text);
  if (own === null) qb.whereRaw('1 = 0');
  else qb.whereRaw(`?? LIKE ? ESCAPE '\\'`, [column, pattern ?? own]);
}
