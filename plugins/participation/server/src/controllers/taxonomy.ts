import type { Core } from '@strapi/strapi';
import { themesQuery, territoriesQuery } from '../domain/inputs';
import { parseInput } from '../domain/validation';

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
