import type { Core } from '@strapi/strapi';
import type { HttpContext } from '../platform/http';
import { getService } from '../platform/services';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async openapi(ctx: HttpContext) {
    ctx.body = getService(strapi, 'contract').document();
  },
});
