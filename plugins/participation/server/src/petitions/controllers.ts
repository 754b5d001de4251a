import type { Core } from '@strapi/strapi';
import { appealBody, groupingParams, noQuery, pageQuery, petitionBody, petitionsQuery, signatureBody, slugParams } from '../contract/inputs';
import { notFound } from '../platform/errors';
import { citizenOf, signedInCitizen, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

/** Public petition routes: parse with the contract, call one command or query, answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const petitions = () => getService(strapi, 'petitions');
  const reads = () => getService(strapi, 'petition-reads');
  return {
    async groupings(ctx: HttpContext) {
      parseInput(noQuery, ctx.query);
      ctx.body = { data: await getService(strapi, 'groupings').list() };
    },
    async grouping(ctx: HttpContext) {
      const { key } = parseInput(groupingParams, ctx.params);
      parseInput(noQuery, ctx.query);
      const territories = await getService(strapi, 'groupings').territories(key);
      if (!territories) throw notFound('Regroupement introuvable.');
      ctx.body = { data: territories };
    },
    async schemes(ctx: HttpContext) {
      parseInput(noQuery, ctx.query);
      ctx.body = await reads().schemes();
    },
    async find(ctx: HttpContext) {
      ctx.body = await reads().list(parseInput(petitionsQuery, ctx.query));
    },
    async findOne(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await reads().detail(slug, citizenOf(ctx));
    },
    async create(ctx: HttpContext) {
      const citizen = signedInCitizen(ctx);
      const { website: _website, ...input } = parseInput(petitionBody, ctx.request.body);
      const petition = await petitions().file(citizen, input);
      ctx.status = 201;
      ctx.body = await reads().detail(petition.slug, citizen);
    },
    async signatures(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await reads().signatures(slug, page, pageSize);
    },
    async sign(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const input = parseInput(signatureBody, ctx.request.body);
      ctx.body = await petitions().sign(slug, signedInCitizen(ctx), input);
      ctx.status = 201;
    },
    async withdraw(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      ctx.body = await petitions().withdraw(slug, signedInCitizen(ctx));
    },
    async appeal(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const { reason } = parseInput(appealBody, ctx.request.body);
      const citizen = signedInCitizen(ctx);
      await petitions().appeal(slug, citizen, reason);
      ctx.body = await reads().detail(slug, citizen);
    },
    async mine(ctx: HttpContext) {
      parseInput(noQuery, ctx.query);
      ctx.body = await reads().mine(signedInCitizen(ctx));
    },
  };
};
