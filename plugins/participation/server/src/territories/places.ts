import type { Core } from '@strapi/strapi';
import { tableOf } from '../platform/database/columns';

/** A place a citizen looks for: a commune, an intercommunalité (EPCI) or the département, by its code. */
export type Place = { code: string; name: string; kind: 'departement' | 'epci' | 'commune'; parent: { code: string; name: string } | null };

/** The place with this INSEE (or SIREN) code, and the territory that contains it; null when there is none. */
export async function findPlace(strapi: Core.Strapi, code: string): Promise<Place | null> {
  const t = tableOf(strapi, 'plugin::participation.territory');
  const knex = strapi.db.connection;
  const row = (await knex({ t: t.table })
    .leftJoin({ p: t.table }, `p.${t.column('inseeCode')}`, `t.${t.column('parentCode')}`)
    .select({
      code: `t.${t.column('inseeCode')}`,
      name: `t.${t.column('name')}`,
      kind: `t.${t.column('kind')}`,
      parentCode: `p.${t.column('inseeCode')}`,
      parentName: `p.${t.column('name')}`,
    })
    .where(`t.${t.column('inseeCode')}`, code)
    .first()) as Record<string, unknown> | undefined;
  if (!row) return null;
  return {
    code: String(row.code),
    name: String(row.name),
    kind: row.kind as Place['kind'],
    parent: row.parentCode ? { code: String(row.parentCode), name: String(row.parentName) } : null,
  };
}

/**
 * The codes of the communes within a place, as a subquery: the commune itself, the communes of an EPCI, or every
 * commune of the département. What a commune-located item (a budget project, a petition) is matched against.
 */
export function communesWithin(strapi: Core.Strapi, code: string) {
  const t = tableOf(strapi, 'plugin::participation.territory');
  const knex = strapi.db.connection;
  const codeColumn = t.column('inseeCode');
  const parent = t.column('parentCode');
  return knex(t.table)
    .select(codeColumn)
    .where(t.column('kind'), 'commune')
    .where((w) => w.where(codeColumn, code).orWhere(parent, code).orWhereIn(parent, knex(t.table).select(codeColumn).where(parent, code)));
}
