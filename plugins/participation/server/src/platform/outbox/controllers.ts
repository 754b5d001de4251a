import type { Core } from '@strapi/strapi';
import * as z from 'zod/v4';
import type { HttpContext } from '../http';
import { getService } from '../services';
import { paginationQuery, parseInput } from '../validation';
import { WEBHOOK_EVENTS } from './rules';

const listQuery = z.strictObject({ status: z.enum(['pending', 'sent', 'failed']).optional(), ...paginationQuery });
const replayBody = z.strictObject({ ids: z.array(z.number().int().positive()).min(1, 'Choisissez au moins un envoi.').max(500) });
const webhookId = z.object({ id: z.string().regex(/^\d{1,12}$/, 'Identifiant invalide.') });
const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Nom d’en-tête invalide.');
const subscriptionBody = z.strictObject({
  name: z.string().trim().min(1, 'Donnez un nom au webhook.').max(100),
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'Adresse web invalide (http:// ou https://).'),
  events: z.array(z.enum(WEBHOOK_EVENTS.map((e) => e.event) as [string, ...string[]])).min(1, 'Choisissez au moins un événement.'),
  isEnabled: z.boolean().default(true),
  headers: z.record(headerName, z.string().max(1000)).optional(),
});

/** Admin: the outbox (what left, what waits, what failed; replay) and the participation webhooks. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: HttpContext) {
    const query = parseInput(listQuery, ctx.query);
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
    const { id } = parseInput(webhookId, ctx.params);
    const input = parseInput(subscriptionBody, ctx.request.body);
    ctx.body = { data: { id: await getService(strapi, 'outbox').saveSubscription(id, input) } };
  },

  async remove(ctx: HttpContext) {
    const { id } = parseInput(webhookId, ctx.params);
    await getService(strapi, 'outbox').deleteSubscription(id);
    ctx.status = 204;
  },

  /** The HMAC secret receivers verify `X-Participer-Signature` with. */
  async secret(ctx: HttpContext) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: { secret: getService(strapi, 'outbox').signingSecret(), header: 'X-Participer-Signature' } };
  },
});
