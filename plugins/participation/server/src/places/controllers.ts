import type { Core } from '@strapi/strapi';
import { noQuery, placeParams } from '../contract/inputs';
import type { HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

/** GET /places/:code — everything that concerns a place. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async overview(ctx: HttpContext) {
    const { code } = parseInput(placeParams, ctx.params);
    parseInput(noQuery, ctx.query);
    ctx.body = await getService(strapi, 'places').overview(code);
  },
});
