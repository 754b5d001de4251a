import type { Core } from '@strapi/strapi';
import type { HttpContext } from '../http';
import { getService } from '../services';
import { parseInput } from '../validation';
import { outboxQuery, replayBody, subscriptionBody, webhookParams } from './contract';
import { WEBHOOK_EVENTS } from './rules';

/** Admin: the outbox (what left, what waits, what failed; replay) and the participation webhooks. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: HttpContext) {
    const query = parseInput(outboxQuery, ctx.query);
    ctx.body = await getService(strapi, 'outbox').list(query);
  },

  async replay(ctx: HttpContext) {
    const { ids } = parseInput(replayBody, ctx.request.body);
    ctx.body = { data: await getService(strapi, 'outbox').replay(ids) };
  },

  async subscriptions(ctx: HttpContext) {
    ctx.body = { data: await getService(strapi, 'outbox').subscriptions(), meta: { events: WEBHOOK_EVENTS } };
  },

  async create(ctx: HttpContext) {
    const input = parseInput(subscriptionBody, ctx.request.body);
    ctx.status = 201;
    ctx.body = { data: { id: await getService(strapi, 'outbox').saveSubscription(null, input) } };
  },

  async update(ctx: HttpContext) {
    const { id } = parseInput(webhookParams, ctx.params);
    const input = parseInput(subscriptionBody, ctx.request.body);
    ctx.body = { data: { id: await getService(strapi, 'outbox').saveSubscription(id, input) } };
  },

  async remove(ctx: HttpContext) {
    const { id } = parseInput(webhookParams, ctx.params);
    await getService(strapi, 'outbox').deleteSubscription(id);
    ctx.status = 204;
  },

  /** The HMAC secret receivers verify `X-Participer-Signature` with. */
  async secret(ctx: HttpContext) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: { secret: getService(strapi, 'outbox').signingSecret(), header: 'X-Participer-Signature' } };
  },
});
