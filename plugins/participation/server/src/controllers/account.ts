import type { Core } from '@strapi/strapi';
import { noQuery } from '../domain/inputs';
import { parseInput } from '../domain/validation';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async export(ctx: any) {
    parseInput(noQuery, ctx.query);
    const citizen = await strapi.plugin('participation').service('citizen').identify(ctx);
    ctx.body = await strapi.plugin('participation').service('account').export(citizen);
    ctx.set('Cache-Control', 'private, no-store');
  },

  async erase(ctx: any) {
    ctx.body = await strapi.plugin('participation').service('account').erase(ctx.state.citizen);
  },
});
