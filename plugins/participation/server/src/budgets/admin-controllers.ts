import type { Core } from '@strapi/strapi';
import { budgetProcessBody, budgetProjectDecisionBody, documentIdParams, followUpBody, paperBallotBody, paperProjectBody } from '../contract/inputs';
import { adminActor, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

/** The agents' budget screens: process settings, moderation and admissibility, paper entry, counts, results, follow-up. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const budgets = () => getService(strapi, 'budgets');
  const actorOf = (ctx: HttpContext) => {
    const actor = adminActor(ctx);
    return { id: actor.id, name: actor.name };
  };
  return {
    async list(ctx: HttpContext) {
      ctx.body = await budgets().adminList();
    },
    async detail(ctx: HttpContext) {
      ctx.body = await budgets().adminDetail(parseInput(documentIdParams, ctx.params).documentId);
    },
    async create(ctx: HttpContext) {
      const process = await budgets().saveProcess(null, parseInput(budgetProcessBody, ctx.request.body ?? {}));
      ctx.status = 201;
      ctx.body = await budgets().adminDetail(process.documentId);
    },
    async update(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      await budgets().saveProcess(id, parseInput(budgetProcessBody, ctx.request.body ?? {}));
      ctx.body = await budgets().adminDetail(id);
    },
    async decide(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      const project = await budgets().decideProject(id, parseInput(budgetProjectDecisionBody, ctx.request.body ?? {}), actorOf(ctx));
      ctx.body = { data: { documentId: project.documentId, status: project.status, cost: project.revisedCost ?? project.estimatedCost } };
    },
    async followUp(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      const project = await budgets().setFollowUp(id, parseInput(followUpBody, ctx.request.body ?? {}), actorOf(ctx));
      ctx.body = {
        data: { documentId: project.documentId, followUpStatus: project.followUpStatus, milestones: project.milestones, deliveredAt: project.deliveredAt },
      };
    },
    async enterProject(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      const project = await budgets().enterPaperProject(id, parseInput(paperProjectBody, ctx.request.body ?? {}), actorOf(ctx));
      ctx.status = 201;
      ctx.body = { data: { documentId: project.documentId, status: project.status } };
    },
    async enterBallot(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      ctx.status = 201;
      ctx.body = await budgets().enterPaperBallot(id, parseInput(paperBallotBody, ctx.request.body ?? {}), actorOf(ctx));
    },
    async exportResults(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      const { csv, filename } = await budgets().exportResults(id);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      ctx.body = csv;
    },
  };
};
