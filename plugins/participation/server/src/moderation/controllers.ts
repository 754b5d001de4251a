import type { Core } from '@strapi/strapi';
import { documentIdParams, idParams } from '../contract/base-inputs';
import { answerBody, assigneeBody, bulkAnswerBody, decisionsBody, enteredContributionBody, moderationItemParams, moderationQueueQuery } from './inputs';
import { adminActor, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

/** Moderators' and agents' actions (admin JWT; plugin permissions checked by the route policies). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const moderation = () => getService(strapi, 'moderation');
  return {
    async queue(ctx: HttpContext) {
      ctx.body = await moderation().queue(parseInput(moderationQueueQuery, ctx.query));
    },

    async pendingCounts(ctx: HttpContext) {
      ctx.body = { data: await moderation().pendingCounts() };
    },

    async decide(ctx: HttpContext) {
      const body = parseInput(decisionsBody, ctx.request.body ?? {});
      const results = await moderation().decideMany(body.items, body.decision, body.reason || null, body.note || null, adminActor(ctx));
      ctx.body = { data: results, meta: { decided: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length } };
    },

    async history(ctx: HttpContext) {
      const { type, id } = parseInput(moderationItemParams, ctx.params);
      const [events, item] = await Promise.all([moderation().history(type, id), moderation().item(type, id)]);
      ctx.body = { data: events, meta: { item } };
    },

    async enter(ctx: HttpContext) {
      const { documentId: consultation } = parseInput(documentIdParams, ctx.params);
      const body = parseInput(enteredContributionBody, ctx.request.body ?? {});
      ctx.body = await getService(strapi, 'contributions').enter(consultation, adminActor(ctx), body);
      ctx.status = 201;
    },

    async answerMany(ctx: HttpContext) {
      const { items, ...answer } = parseInput(bulkAnswerBody, ctx.request.body ?? {});
      const results = await moderation().answerMany(items, answer);
      ctx.body = { data: results, meta: { answered: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length } };
    },

    /** Reusable answers, written by agents in the Content Manager ("Modèle de réponse"). */
    async answerTemplates(ctx: HttpContext) {
      const templates = await strapi.db
        .query('plugin::participation.answer-template')
        .findMany({ select: ['documentId', 'name', 'answerStatus', 'text'], orderBy: { name: 'asc' }, limit: 200 });
      ctx.body = { data: templates };
    },

    async assignment(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      ctx.body = { data: await moderation().assignment(id) };
    },

    /** Gives the contribution to a colleague for its answer (they are told by mail), or takes it back (`null`). */
    async assign(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      const { assigneeId } = parseInput(assigneeBody, ctx.request.body ?? {});
      ctx.body = { data: await moderation().assign(id, assigneeId, adminActor(ctx)) };
    },

    async answer(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      const body = parseInput(answerBody, ctx.request.body ?? {});
      ctx.body = { data: await moderation().answer(id, body) };
    },
  };
};
