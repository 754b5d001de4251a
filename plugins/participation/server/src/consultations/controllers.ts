import type { Core } from '@strapi/strapi';
import { consultationsQuery, noQuery, slugParams } from '../contract/inputs';
import { citizenOf, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

/** Public reads of consultations. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: HttpContext) {
    const filters = parseInput(consultationsQuery, ctx.query);
    ctx.body = await getService(strapi, 'consultation-reads').list(filters);
  },

  async findOne(ctx: HttpContext) {
    parseInput(noQuery, ctx.query);
    const { slug } = parseInput(slugParams, ctx.params);
    ctx.body = await getService(strapi, 'consultation-reads').findBySlug(slug, citizenOf(ctx));
  },
});
