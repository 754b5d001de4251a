import type { Core } from '@strapi/strapi';
import { paginationMeta } from '../platform/validation';
import { territoriesRepository } from './repository';

export type TerritoryFilters = { q?: string; kind?: 'departement' | 'epci' | 'commune'; page: number; pageSize: number };
export type ThemeFilters = { page: number; pageSize: number };

/** Public reads of the taxonomies: explicit columns, one count and one page query. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async listTerritories({ q, kind, page, pageSize }: TerritoryFilters) {
    const { rows, total } = await territoriesRepository(strapi).territoriesPage({ q, kind }, page, pageSize);
    return {
      data: rows.map((r) => ({
        ...r,
        postalCodes: typeof r.postalCodes === 'string' ? JSON.parse(r.postalCodes) : (r.postalCodes ?? []),
      })),
      meta: { pagination: paginationMeta(page, pageSize, total) },
    };
  },

  async listThemes({ page, pageSize }: ThemeFilters) {
    const { rows, total } = await territoriesRepository(strapi).themesPage(page, pageSize);
    return { data: rows, meta: { pagination: paginationMeta(page, pageSize, total) } };
  },
});
