import type { Core } from '@strapi/strapi';
import { tableOf } from '../platform/database/columns';

/** The names of territories by INSEE code, in one query (none when there is no code): what responses show beside a code. */
export async function territoryNames(strapi: Core.Strapi, codes: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (!wanted.length) return new Map();
  const t = tableOf(strapi, 'plugin::participation.territory');
  const rows = (await strapi.db
    .connection(t.table)
    .select({ code: t.column('inseeCode'), name: t.column('name') })
    .whereIn(t.column('inseeCode'), wanted)) as { code: unknown; name: unknown }[];
  return new Map(rows.map((r) => [String(r.code), String(r.name)]));
}
