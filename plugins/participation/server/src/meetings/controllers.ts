import type { Core } from '@strapi/strapi';
import { noQuery, slugParams } from '../contract/base-inputs';
import { citizenOf, signedInCitizen, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import { meetingContributionsQuery, meetingsQuery, registrationBody, remarkBody } from './inputs';

/** Public meeting routes: parse with the contract, call one command or query, answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const meetings = () => getService(strapi, 'meetings');
  const reads = () => getService(strapi, 'meeting-reads');
  const slugOf = (ctx: HttpContext) => {
    const { slug } = parseInput(slugParams, ctx.params);
    parseInput(noQuery, ctx.query);
    return slug;
  };
  return {
    async find(ctx: HttpContext) {
      ctx.body = await reads().list(parseInput(meetingsQuery, ctx.query));
    },
    async findOne(ctx: HttpContext) {
      ctx.body = await reads().detail(slugOf(ctx), citizenOf(ctx));
    },
    async calendar(ctx: HttpContext) {
      const slug = slugOf(ctx);
      ctx.body = await reads().calendar(slug);
      ctx.type = 'text/calendar; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="reunion-${slug}.ics"`);
    },
    async report(ctx: HttpContext) {
      ctx.body = await reads().report(slugOf(ctx));
    },
    async attendees(ctx: HttpContext) {
      ctx.body = await reads().attendees(slugOf(ctx));
    },
    async contributions(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      ctx.body = await reads().contributions({ slugOrId: slug }, parseInput(meetingContributionsQuery, ctx.query));
    },
    async minutes(ctx: HttpContext) {
      ctx.body = { data: await meetings().minutesFor(slugOf(ctx), signedInCitizen(ctx)) };
    },
    async remark(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const { body } = parseInput(remarkBody, ctx.request.body);
      ctx.body = { data: await meetings().sendRemark(slug, signedInCitizen(ctx), body) };
    },
    async withdrawRemark(ctx: HttpContext) {
      ctx.body = { data: await meetings().withdrawRemark(slugOf(ctx), signedInCitizen(ctx)) };
    },
    async register(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const input = parseInput(registrationBody, ctx.request.body);
      ctx.body = { data: await meetings().register(slug, signedInCitizen(ctx), input) };
      ctx.status = 201;
    },
    async mine(ctx: HttpContext) {
      ctx.body = { data: await meetings().mine(slugOf(ctx), signedInCitizen(ctx)) };
    },
    async cancel(ctx: HttpContext) {
      ctx.body = { data: await meetings().cancelMine(slugOf(ctx), signedInCitizen(ctx)) };
    },
  };
};
