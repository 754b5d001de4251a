import type { Core } from '@strapi/strapi';
import { paginationMeta } from '../platform/validation';
import { tableOf, whereSearchKey } from '../platform/database/columns';
import { placeSearchKey } from '../platform/text';

export type TerritoryFilters = { q?: string; kind?: 'departement' | 'epci' | 'commune'; page: number; pageSize: number };
export type ThemeFilters = { page: number; pageSize: number };

const KIND_ORDER = "CASE kind WHEN 'departement' THEN 0 WHEN 'epci' THEN 1 ELSE 2 END";

/** Public reads of the taxonomies: explicit columns, one count and one page query. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async listTerritories({ q, kind, page, pageSize }: TerritoryFilters) {
    const { table, column } = tableOf(strapi, 'plugin::participation.territory');
    const knex = strapi.db.connection;
    const base = knex(table).where((qb) => {
      if (kind) qb.where(column('kind'), kind);
      if (q) whereSearchKey(qb, column('searchKey'), q, placeSearchKey);
    });
    const [{ total }] = await base.clone().count({ total: '*' });
    const rows = await base
      .clone()
      .select({
        documentId: column('documentId'),
        kind: column('kind'),
        name: column('name'),
        inseeCode: column('inseeCode'),
        postalCodes: column('postalCodes'),
        population: column('population'),
        parentCode: column('parentCode'),
      })
      .orderByRaw(KIND_ORDER.replace('kind', knex.ref(column('kind')).toQuery()))
      .orderBy(column('name'))
      .orderBy(column('inseeCode'))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    return {
      data: rows.map((r: Record<string, unknown>) => ({
        ...r,
        postalCodes: typeof r.postalCodes === 'string' ? JSON.parse(r.postalCodes) : (r.postalCodes ?? []),
      })),
      meta: { pagination: paginationMeta(page, pageSize, Number(total)) },
    };
  },

  async listThemes({ page, pageSize }: ThemeFilters) {
    const { table, column } = tableOf(strapi, 'plugin::participation.theme');
    const knex = strapi.db.connection;
    const [{ total }] = await knex(table).count({ total: '*' });
    const data = await knex(table)
      .select({
        documentId: column('documentId'),
        name: column('name'),
        slug: column('slug'),
        description: column('description'),
        color: column('color'),
      })
      .orderBy(column('name'))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    return { data, meta: { pagination: paginationMeta(page, pageSize, Number(total)) } };
  },
});
