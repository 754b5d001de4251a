import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async openapi(ctx: any) {
    ctx.body = strapi.plugin('participation').service('contract').document();
  },
});
