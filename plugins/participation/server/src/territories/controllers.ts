import type { Core } from '@strapi/strapi';
import { themesQuery, territoriesQuery } from '../contract/inputs';
import type { HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

/** Public reads of the taxonomies. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async territories(ctx: HttpContext) {
    ctx.body = await getService(strapi, 'taxonomy').listTerritories(parseInput(territoriesQuery, ctx.query));
  },

  async themes(ctx: HttpContext) {
    ctx.body = await getService(strapi, 'taxonomy').listThemes(parseInput(themesQuery, ctx.query));
  },
});
