import type { Core } from '@strapi/strapi';
import { eraseBody, noQuery } from '../contract/inputs';
import { signedInCitizen, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

/** A citizen's rights over their data. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async export(ctx: HttpContext) {
    parseInput(noQuery, ctx.query);
    ctx.body = await getService(strapi, 'account').export(signedInCitizen(ctx));
    ctx.set('Cache-Control', 'private, no-store');
  },

  async erase(ctx: HttpContext) {
    const { password } = parseInput(eraseBody, ctx.request.body ?? {});
    ctx.body = await getService(strapi, 'account').erase(signedInCitizen(ctx), password);
  },

  async signOutEverywhere(ctx: HttpContext) {
    parseInput(noQuery, ctx.query);
    ctx.body = await getService(strapi, 'account').signOutEverywhere(signedInCitizen(ctx));
  },
});
