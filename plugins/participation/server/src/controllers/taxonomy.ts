import type { Core } from '@strapi/strapi';
import * as z from 'zod/v4';
import { paginationQuery, parseInput, searchText } from '../domain/validation';

const territoriesQuery = z.strictObject({
  q: searchText.optional(),
  kind: z.enum(['departement', 'epci', 'commune']).optional(),
  ...paginationQuery,
});

const themesQuery = z.strictObject({ ...paginationQuery });

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async territories(ctx: any) {
    const filters = parseInput(territoriesQuery, ctx.query);
    ctx.body = await strapi.plugin('participation').service('taxonomy').listTerritories(filters);
  },

  async themes(ctx: any) {
    const filters = parseInput(themesQuery, ctx.query);
    ctx.body = await strapi.plugin('participation').service('taxonomy').listThemes(filters);
  },
});
