import type { Core } from '@strapi/strapi';
import { documentIdParams } from '../contract/base-inputs';
import { adminActor, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import { adminConsultationsQuery, dashboardQuery, transitionBody } from './inputs';

/** Agents' lifecycle actions (admin JWT, plugin permissions checked by the route policies). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const lifecycle = () => getService(strapi, 'lifecycle');
  return {
    async state(ctx: HttpContext) {
      const { documentId } = parseInput(documentIdParams, ctx.params);
      ctx.body = { data: await lifecycle().state(documentId) };
    },

    async transition(ctx: HttpContext) {
      const { documentId } = parseInput(documentIdParams, ctx.params);
      const body = parseInput(transitionBody, ctx.request.body ?? {});
      const actor = adminActor(ctx);
      const result = await lifecycle().transition(
        documentId,
        { to: body.to, reason: body.reason ?? null, closesAt: body.closesAt ? new Date(body.closesAt) : null },
        actor
      );
      ctx.body = { data: result };
    },

    async dashboard(ctx: HttpContext) {
      const query = parseInput(dashboardQuery, ctx.query);
      ctx.body = { data: await getService(strapi, 'dashboard').overview(query) };
    },

    /** The agents' list of consultations: state, dates, counts, items awaiting moderation. */
    async list(ctx: HttpContext) {
      const query = parseInput(adminConsultationsQuery, ctx.query);
      ctx.body = { data: await getService(strapi, 'dashboard').consultations(query) };
    },

    async history(ctx: HttpContext) {
      const { documentId } = parseInput(documentIdParams, ctx.params);
      ctx.body = { data: await lifecycle().history(documentId) };
    },
  };
};
