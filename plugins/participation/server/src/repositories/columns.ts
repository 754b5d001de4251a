import type { Core, UID } from '@strapi/strapi';

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
