import type { Core } from '@strapi/strapi';
import * as z from 'zod/v4';
import { CONSULTATION_STATUSES } from './domain/lifecycle';
import { documentId } from '../contract/inputs';
import { adminActor, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

const documentParams = z.object({ documentId });

const transitionBody = z.strictObject({
  to: z.enum(CONSULTATION_STATUSES),
  reason: z.string().trim().max(1000).nullable().optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
});

/** Agents' lifecycle actions (admin JWT, plugin permissions checked by the route policies). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const lifecycle = () => getService(strapi, 'lifecycle');
  return {
    async state(ctx: HttpContext) {
      const { documentId } = parseInput(documentParams, ctx.params);
      ctx.body = { data: await lifecycle().state(documentId) };
    },

    async transition(ctx: HttpContext) {
      const { documentId } = parseInput(documentParams, ctx.params);
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
      const query = parseInput(
        z.strictObject({
          consultation: documentId.optional(),
          days: z
            .string()
            .regex(/^\d{1,3}$/)
            .transform(Number)
            .pipe(z.number().int().min(1).max(365))
            .optional()
            .default(30),
        }),
        ctx.query
      );
      ctx.body = { data: await getService(strapi, 'dashboard').overview(query) };
    },

    /** The agents' list of consultations: state, dates, counts, items awaiting moderation. */
    async list(ctx: HttpContext) {
      const query = parseInput(z.strictObject({ status: z.enum(CONSULTATION_STATUSES).optional(), q: z.string().trim().max(100).optional() }), ctx.query);
      ctx.body = { data: await getService(strapi, 'dashboard').consultations(query) };
    },

    async history(ctx: HttpContext) {
      const { documentId } = parseInput(documentParams, ctx.params);
      ctx.body = { data: await lifecycle().history(documentId) };
    },
  };
};
