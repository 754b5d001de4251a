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

/**
 * Accent- and case-insensitive search of `text` in a `searchKey` column, taken literally (LIKE wildcards escaped).
 * A text with no searchable characters matches nothing rather than everything.
 */
export function whereSearchKey(qb: { whereRaw: (sql: string, bindings?: unknown[]) => unknown }, column: string, text: string) {
  const key = searchKey(text);
  if (key) qb.whereRaw(`?? LIKE ? ESCAPE '\\'`, [column, `%${escapeLike(key)}%`]);
  else qb.whereRaw('1 = 0');
}
