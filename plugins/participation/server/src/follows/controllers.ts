import type { Core } from '@strapi/strapi';
import { idParams, pageQuery, slugParams } from '../contract/inputs';
import { signedInCitizen, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

/** Following: parse with the contract, call the service, answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const follows = () => getService(strapi, 'follows');
  return {
    async followConsultation(ctx: HttpContext) {
      ctx.body = await follows().setFollow(signedInCitizen(ctx), 'consultation', parseInput(slugParams, ctx.params).slug, true);
    },
    async unfollowConsultation(ctx: HttpContext) {
      ctx.body = await follows().setFollow(signedInCitizen(ctx), 'consultation', parseInput(slugParams, ctx.params).slug, false);
    },
    async followContribution(ctx: HttpContext) {
      ctx.body = await follows().setFollow(signedInCitizen(ctx), 'contribution', parseInput(idParams, ctx.params).id, true);
    },
    async unfollowContribution(ctx: HttpContext) {
      ctx.body = await follows().setFollow(signedInCitizen(ctx), 'contribution', parseInput(idParams, ctx.params).id, false);
    },
    async mine(ctx: HttpContext) {
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await follows().myFollows(signedInCitizen(ctx), page, pageSize);
    },
  };
};
