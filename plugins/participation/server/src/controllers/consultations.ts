import type { Core } from '@strapi/strapi';
import { consultationsQuery, noQuery, slugParams } from '../domain/inputs';
import { parseInput } from '../domain/validation';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (name: string) => strapi.plugin('participation').service(name);
  return {
    async find(ctx: any) {
      const filters = parseInput(consultationsQuery, ctx.query);
      ctx.body = await service('consultation-reads').list(filters);
    },

    async findOne(ctx: any) {
      parseInput(noQuery, ctx.query);
      const { slug } = parseInput(slugParams, ctx.params);
      const citizen = await service('citizen').identify(ctx);
      ctx.body = await service('consultation-reads').findBySlug(slug, citizen);
    },
  };
};
