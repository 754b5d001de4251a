import * as z from 'zod/v4';
import { PERMISSIONS } from '../../permissions';
import type { AdminRoute } from '../route';
import { countsBy, dateTime, nullable, Pagination } from '../schemas';
import { paginationQuery } from '../validation';
import { WEBHOOK_EVENTS } from './rules';

/* Request schemas: the controllers parse with them, the admin OpenAPI document is generated from them. */
const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;
export const outboxQuery = z.strictObject({ status: z.enum(OUTBOX_STATUSES).optional(), ...paginationQuery });
export const replayBody = z.strictObject({ ids: z.array(z.number().int().positive()).min(1, 'Choisissez au moins un envoi.').max(500) });
export const webhookParams = z.object({ id: z.string().regex(/^\d{1,12}$/, 'Identifiant invalide.') });
const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Nom d’en-tête invalide.');
export const subscriptionBody = z.strictObject({
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
const noQuery = z.strictObject({});

/* Response schemas. */
const OutboxStatus = z.enum(OUTBOX_STATUSES);
export const OutboxMessage = z
  .object({
    id: z.int(),
    eventId: z.string(),
    channel: z.enum(['webhook', 'mail']),
    event: z.string(),
    summary: nullable(z.string()),
    recipient: z.string().meta({ description: 'Adresse masquée pour un courriel, nom du webhook sinon.' }),
    status: OutboxStatus,
    attempts: z.int(),
    nextAttemptAt: nullable(dateTime),
    lastError: nullable(z.string()),
    sentAt: nullable(dateTime),
    createdAt: dateTime,
  })
  .meta({ id: 'OutboxMessage', description: 'Un envoi (webhook ou courriel) : jamais son contenu.' });
const WebhookSubscription = z
  .object({
    id: z.union([z.string(), z.int()]),
    name: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    isEnabled: z.boolean(),
    headerNames: z.array(z.string()),
  })
  .meta({ id: 'WebhookSubscription', description: 'Un webhook abonné aux événements de participation ; les valeurs des en-têtes ne sont jamais renvoyées.' });
const WebhookEvent = z.object({ key: z.string(), event: z.string(), label: z.string() }).meta({ id: 'WebhookEvent' });

/** The outbox (what left, what waits, what failed; replay) and the participation webhooks (admin API). */
export const outboxAdminRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/outbox',
    handler: 'admin-outbox.list',
    summary: 'La boîte d’envoi : en attente, envoyés, en échec',
    tag: 'Envois et webhooks',
    permission: PERMISSIONS.outbox,
    query: outboxQuery,
    success: 200,
    response: z.object({ data: z.array(OutboxMessage), meta: z.object({ counts: countsBy(OUTBOX_STATUSES), pagination: Pagination }) }),
    errors: [],
  },
  {
    method: 'POST',
    path: '/outbox/replay',
    handler: 'admin-outbox.replay',
    summary: 'Relance des envois (même identifiant d’événement : les destinataires dédoublonnent)',
    tag: 'Envois et webhooks',
    permission: PERMISSIONS.outbox,
    body: replayBody,
    success: 200,
    response: z.object({ data: z.object({ replayed: z.int() }) }),
    errors: [],
  },
  {
    method: 'GET',
    path: '/webhooks',
    handler: 'admin-outbox.subscriptions',
    summary: 'Les webhooks de participation, et les événements auxquels s’abonner',
    tag: 'Envois et webhooks',
    permission: PERMISSIONS.webhooks,
    query: noQuery,
    success: 200,
    response: z.object({ data: z.array(WebhookSubscription), meta: z.object({ events: z.array(WebhookEvent) }) }),
    errors: [],
  },
  {
    method: 'POST',
    path: '/webhooks',
    handler: 'admin-outbox.create',
    summary: 'Abonne un webhook',
    tag: 'Envois et webhooks',
    permission: PERMISSIONS.webhooks,
    body: subscriptionBody,
    success: 201,
    response: z.object({ data: z.object({ id: z.union([z.string(), z.int()]) }) }),
    errors: [],
  },
  {
    method: 'PUT',
    path: '/webhooks/:id',
    handler: 'admin-outbox.update',
    summary: 'Modifie un webhook',
    tag: 'Envois et webhooks',
    permission: PERMISSIONS.webhooks,
    params: webhookParams,
    body: subscriptionBody,
    success: 200,
    response: z.object({ data: z.object({ id: z.union([z.string(), z.int()]) }) }),
    errors: ['not_found'],
  },
  {
    method: 'DELETE',
    path: '/webhooks/:id',
    handler: 'admin-outbox.remove',
    summary: 'Supprime un webhook',
    tag: 'Envois et webhooks',
    permission: PERMISSIONS.webhooks,
    params: webhookParams,
    success: 204,
    response: 'empty',
    errors: ['not_found'],
  },
  {
    method: 'GET',
    path: '/webhooks/signing-secret',
    handler: 'admin-outbox.secret',
    summary: 'Le secret HMAC avec lequel les destinataires vérifient l’en-tête de signature',
    tag: 'Envois et webhooks',
    permission: PERMISSIONS.webhooks,
    query: noQuery,
    success: 200,
    response: z.object({ data: z.object({ secret: z.string(), header: z.string() }) }),
    errors: [],
  },
];
