import type { Core } from '@strapi/strapi';
import { commentBody, contributionBody, contributionEditBody, contributionsQuery, idParams, noQuery, pageQuery, reportBody, slugParams } from '../domain/inputs';
import { parseInput } from '../domain/validation';

/** Citizens' reads and writes on contributions; `ctx.state.citizen` is set by the write guard on writes. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const contributions = () => strapi.plugin('participation').service('contributions');
  const citizenOf = async (ctx: any) => (ctx.state.citizen !== undefined ? ctx.state.citizen : strapi.plugin('participation').service('citizen').identify(ctx));

  return {
    async list(ctx: any) {
      const { slug } = parseInput(slugParams, ctx.params);
      const filters = parseInput(contributionsQuery, ctx.query);
      ctx.body = await contributions().list(slug, filters, await citizenOf(ctx));
    },

    async findOne(ctx: any) {
      const { id } = parseInput(idParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await contributions().findOne(id, await citizenOf(ctx));
    },

    async comments(ctx: any) {
      const { id } = parseInput(idParams, ctx.params);
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await contributions().comments(id, await citizenOf(ctx), page, pageSize);
    },

    async create(ctx: any) {
      const { slug } = parseInput(slugParams, ctx.params);
      const input = parseInput(contributionBody, ctx.request.body);
      ctx.body = await contributions().submit(slug, ctx.state.citizen, input);
      ctx.status = 201;
    },

    async update(ctx: any) {
      const { id } = parseInput(idParams, ctx.params);
      const input = parseInput(contributionEditBody, ctx.request.body);
      ctx.body = await contributions().edit(id, ctx.state.citizen, input);
    },

    async support(ctx: any) {
      const { id } = parseInput(idParams, ctx.params);
      ctx.body = await contributions().setSupport(id, ctx.state.citizen, true);
    },

    async withdrawSupport(ctx: any) {
      const { id } = parseInput(idParams, ctx.params);
      ctx.body = await contributions().setSupport(id, ctx.state.citizen, false);
    },

    async comment(ctx: any) {
      const { id } = parseInput(idParams, ctx.params);
      const input = parseInput(commentBody, ctx.request.body);
      ctx.body = await contributions().comment(id, ctx.state.citizen, input);
      ctx.status = 201;
    },

    async reportContribution(ctx: any) {
      const { id } = parseInput(idParams, ctx.params);
      const input = parseInput(reportBody, ctx.request.body);
      ctx.body = await contributions().report('contribution', id, ctx.state.citizen, input);
      ctx.status = 201;
    },

    async reportComment(ctx: any) {
      const { id } = parseInput(idParams, ctx.params);
      const input = parseInput(reportBody, ctx.request.body);
      ctx.body = await contributions().report('comment', id, ctx.state.citizen, input);
      ctx.status = 201;
    },

    async mine(ctx: any) {
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await contributions().mine(await citizenOf(ctx), page, pageSize);
    },
  };
};
