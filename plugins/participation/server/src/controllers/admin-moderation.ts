import type { Core } from '@strapi/strapi';
import * as z from 'zod/v4';
import { adminActor } from './admin-actor';
import { answerBody, decisionsBody, documentId, enteredContributionBody, moderationQueueQuery } from '../domain/inputs';
import { TARGET_TYPES } from '../domain/moderation';
import { parseInput } from '../domain/validation';

/** Moderators' and agents' actions (admin JWT; plugin permissions checked by the route policies). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const moderation = () => strapi.plugin('participation').service('moderation');
  return {
    async queue(ctx: any) {
      ctx.body = await moderation().queue(parseInput(moderationQueueQuery, ctx.query));
    },

    async pendingCounts(ctx: any) {
      ctx.body = { data: await moderation().pendingCounts() };
    },

    async decide(ctx: any) {
      const body = parseInput(decisionsBody, ctx.request.body ?? {});
      const results = await moderation().decideMany(body.items, body.decision, body.reason || null, body.note || null, adminActor(ctx));
      ctx.body = { data: results, meta: { decided: results.filter((r: { ok: boolean }) => r.ok).length, refused: results.filter((r: { ok: boolean }) => !r.ok).length } };
    },

    async history(ctx: any) {
      const { type, id } = parseInput(z.object({ type: z.enum(TARGET_TYPES), id: documentId }), ctx.params);
      ctx.body = { data: await moderation().history(type, id) };
    },

    async enter(ctx: any) {
      const { documentId: consultation } = parseInput(z.object({ documentId }), ctx.params);
      const body = parseInput(enteredContributionBody, ctx.request.body ?? {});
      ctx.body = await strapi.plugin('participation').service('contributions').enter(consultation, adminActor(ctx), body);
      ctx.status = 201;
    },

    async answer(ctx: any) {
      const { id } = parseInput(z.object({ id: documentId }), ctx.params);
      const body = parseInput(answerBody, ctx.request.body ?? {});
      ctx.body = { data: await moderation().answer(id, body) };
    },
  };
};
