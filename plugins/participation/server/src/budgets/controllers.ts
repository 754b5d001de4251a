import type { Core } from '@strapi/strapi';
import { ballotBody, budgetProjectBody, budgetProjectsQuery, commentBody, idParams, noQuery, pageQuery, slugParams } from '../contract/inputs';
import { citizenOf, signedInCitizen, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import { openDataCsv } from './presenter';

/** Public participatory-budget routes: parse with the contract, call one command or query, answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const budgets = () => getService(strapi, 'budgets');
  const reads = () => getService(strapi, 'budget-reads');
  return {
    async find(ctx: HttpContext) {
      parseInput(noQuery, ctx.query);
      ctx.body = await reads().list();
    },
    async findOne(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await reads().detail(slug, citizenOf(ctx));
    },
    async projects(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      ctx.body = await reads().projects(slug, parseInput(budgetProjectsQuery, ctx.query));
    },
    async file(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const { website: _website, ...input } = parseInput(budgetProjectBody, ctx.request.body);
      const project = await budgets().fileProject(slug, signedInCitizen(ctx), input);
      ctx.status = 201;
      ctx.body = { data: { documentId: project.documentId, status: 'submitted' as const } };
    },
    async project(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await reads().project(id);
    },
    async comments(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await reads().comments(id, citizenOf(ctx), page, pageSize);
    },
    async comment(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      const input = parseInput(commentBody, ctx.request.body);
      ctx.body = await budgets().commentProject(id, signedInCitizen(ctx), input);
      ctx.status = 201;
    },
    async ballot(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await budgets().myBallot(slug, signedInCitizen(ctx));
    },
    async vote(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const input = parseInput(ballotBody, ctx.request.body);
      ctx.body = await budgets().vote(slug, signedInCitizen(ctx), input);
    },
    async results(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await reads().results(slug);
    },
    async openData(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = openDataCsv(await reads().openDataRows(slug));
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="budget-${slug}.csv"`);
    },
  };
};
