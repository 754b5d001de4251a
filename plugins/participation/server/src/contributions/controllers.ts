import type { Core } from '@strapi/strapi';
import {
  commentBody,
  contributionBody,
  contributionEditBody,
  contributionsQuery,
  idParams,
  noQuery,
  pageQuery,
  reportBody,
  slugParams,
} from '../contract/inputs';
import { citizenOf, signedInCitizen, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

/** Citizens' reads and writes on contributions: parse with the contract, call one use case, answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const contributions = () => getService(strapi, 'contributions');

  return {
    async list(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const filters = parseInput(contributionsQuery, ctx.query);
      ctx.body = await contributions().list(slug, filters, citizenOf(ctx));
    },

    async findOne(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await contributions().findOne(id, citizenOf(ctx));
    },

    async comments(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await contributions().comments(id, citizenOf(ctx), page, pageSize);
    },

    async create(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const input = parseInput(contributionBody, ctx.request.body);
      ctx.body = await contributions().submit(slug, citizenOf(ctx), input);
      ctx.status = 201;
    },

    async update(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      const input = parseInput(contributionEditBody, ctx.request.body);
      ctx.body = await contributions().edit(id, signedInCitizen(ctx), input);
    },

    async support(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      ctx.body = await contributions().setSupport(id, signedInCitizen(ctx), true);
    },

    async withdrawSupport(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      ctx.body = await contributions().setSupport(id, signedInCitizen(ctx), false);
    },

    async comment(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      const input = parseInput(commentBody, ctx.request.body);
      ctx.body = await contributions().comment(id, citizenOf(ctx), input);
      ctx.status = 201;
    },

    async reportContribution(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      const input = parseInput(reportBody, ctx.request.body);
      ctx.body = await contributions().report('contribution', id, signedInCitizen(ctx), input);
      ctx.status = 201;
    },

    async reportComment(ctx: HttpContext) {
      const { id } = parseInput(idParams, ctx.params);
      const input = parseInput(reportBody, ctx.request.body);
      ctx.body = await contributions().report('comment', id, signedInCitizen(ctx), input);
      ctx.status = 201;
    },

    async mine(ctx: HttpContext) {
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await contributions().mine(signedInCitizen(ctx), page, pageSize);
    },
    async myComments(ctx: HttpContext) {
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await contributions().myComments(signedInCitizen(ctx), page, pageSize);
    },
    async mySupports(ctx: HttpContext) {
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await contributions().mySupports(signedInCitizen(ctx), page, pageSize);
    },
  };
};
