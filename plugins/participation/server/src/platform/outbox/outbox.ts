import { createHmac, randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../../config';
import { tableOf } from '../database/columns';
import { fromJson, isTrue, rowsOf, type Db } from '../database/rows';
import { paginationMeta } from '../validation';
import { notFound } from '../errors';
import { backgroundJob } from '../background';
import {
  describeFailure,
  maskRecipient,
  nextAttemptAfter,
  signature,
  WEBHOOK_HEADERS,
  type Mail,
  type OutboxChannel,
  type OutboxStatus,
  type WebhookEvent,
  WEBHOOK_EVENTS,
} from './rules';

export const OUTBOX_UID = 'plugin::participation.outbox-message';
const WEBHOOK_UID = 'strapi::webhook';

type Claimed = { id: number; eventId: string; channel: OutboxChannel; event: string; target: string; payload: unknown; attempts: number };
type Receiver = { id: string; name: string; url: string; headers: Record<string, string>; events: string[]; enabled: boolean };

/** How long a claimed message is reserved for the instance delivering it; past this another instance may retry it. */
const CLAIM_MS = 60_000;
const BATCH = 20;
const PURGE_EVERY_MS = 60 * 60_000;

/**
 * Transactional outbox. A change writes its webhook events and e-mails with `enqueue*` in its own transaction; they
 * exist only if it commits. After commit, and every `pollMs` on every instance, `deliverDue` claims due messages by a
 * conditional update (one instance per message), delivers them, and records the outcome: sent, retried later with
 * back-off, or failed after `maxAttempts` (replayable from the admin). Webhook receivers and their subscriptions are
 * read from the database at each event, so a webhook created on one instance is served by all. Delivery is at least
 * once: a receiver de-duplicates on the event id header; per receiver, events leave in order.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const config = () => (strapi.config.get('plugin::participation') as PluginConfig).outbox;
  const outbox = () => rowsOf(strapi, OUTBOX_UID);
  let running: Promise<number> | null = null;
  let again = false;
  let lastPurge = 0;

  async function receivers(db: Db, filter: { id?: string; event?: string }): Promise<Receiver[]> {
    const w = tableOf(strapi, WEBHOOK_UID);
    const query = db(w.table).select({
      id: w.column('id'),
      name: w.column('name'),
      url: w.column('url'),
      headers: w.column('headers'),
      events: w.column('events'),
      enabled: w.column('enabled'),
    });
    if (filter.id) query.where(w.column('id'), Number(filter.id) || 0);
    const rows = (await query) as Record<string, unknown>[];
    return rows
      .map((r) => ({
        id: String(r.id),
        name: String(r.name ?? ''),
        url: String(r.url ?? ''),
        headers: fromJson<Record<string, string>>(r.headers, {}),
        events: fromJson<string[]>(r.events, []),
        enabled: isTrue(r.enabled),
      }))
      .filter((r) => !filter.event || (r.enabled && r.events.includes(filter.event)));
  }

  const job = backgroundJob(strapi, 'envois', () => deliverDue());
  const deliverAfterCommit = (db: Db) => job.afterCommit(db);

  async function insert(db: Db, rows: Record<string, unknown>[]) {
    if (!rows.length) return 0;
    const o = outbox();
    await db(o.table)
      .insert(rows)
      .onConflict([o.column('eventId'), o.column('channel'), o.column('target')])
      .ignore();
    deliverAfterCommit(db);
    return rows.length;
  }

  const newMessage = (fields: { eventId: string; channel: OutboxChannel; event: string; target: string; summary: string; payload: unknown }, now: Date) =>
    // Due at once by the real clock, whatever date the change carries (a scheduler run may be dated ahead in tests).
    outbox().newRow(
      { ...fields, payload: JSON.stringify(fields.payload), status: 'pending', attempts: 0, nextAttemptAt: new Date(Math.min(now.getTime(), Date.now())) },
      now
    );

  /** The secret receivers check signatures with: WEBHOOK_SIGNING_SECRET, else derived from the app keys every instance shares. */
  function signingSecret(): string {
    const configured = config().signingSecret;
    if (configured) return configured;
    const appKeys = (strapi.config.get('server.app.keys') as string[] | undefined) ?? [];
    return createHmac('sha256', appKeys[0] ?? 'participer')
      .update('participer:webhooks')
      .digest('hex');
  }

  async function send(message: Claimed): Promise<void> {
    if (message.channel === 'mail') {
      const mail = fromJson<{ to: string; subject: string; text: string; html?: string; headers?: Record<string, string> }>(message.payload, {
        to: '',
        subject: '',
        text: '',
      });
      await strapi
        .plugin('email')
        .service('email')
        .send({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          ...(mail.headers ? { headers: mail.headers } : {}),
        });
      return;
    }
    const [receiver] = await receivers(knex(), { id: message.target });
    if (!receiver || !receiver.enabled) throw new PermanentFailure('Webhook supprimé ou désactivé');
    const body = JSON.stringify(fromJson<Record<string, unknown>>(message.payload, {}));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(receiver.url, {
      method: 'POST',
      headers: {
        ...((strapi.config.get('server.webhooks.defaultHeaders') as Record<string, string> | undefined) ?? {}),
        ...receiver.headers,
        'Content-Type': 'application/json',
        [WEBHOOK_HEADERS.event]: message.event,
        [WEBHOOK_HEADERS.id]: message.eventId,
        [WEBHOOK_HEADERS.timestamp]: timestamp,
        [WEBHOOK_HEADERS.signature]: signature(signingSecret(), timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(config().timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
  }

  /** Reserves up to BATCH due messages for this instance (a conditional update: one instance per message). */
  async function claim(now: Date): Promise<Claimed[]> {
    const o = outbox();
    const c = o.column;
    const token = randomUUID();
    const due = knex()({ m: o.table })
      .select(`m.${c('id')}`)
      .where(`m.${c('status')}`, 'pending')
      .where(`m.${c('nextAttemptAt')}`, '<=', now)
      .where((q) => q.whereNull(`m.${c('lockedUntil')}`).orWhere(`m.${c('lockedUntil')}`, '<', now))
      // Per webhook receiver, in order: a later event waits while an earlier one is still pending.
      .whereRaw(`(m.?? <> 'webhook' OR NOT EXISTS (SELECT 1 FROM ?? e WHERE e.?? = 'webhook' AND e.?? = m.?? AND e.?? = 'pending' AND e.?? < m.??))`, [
        c('channel'),
        o.table,
        c('channel'),
        c('target'),
        c('target'),
        c('status'),
        c('id'),
        c('id'),
      ])
      .orderBy(`m.${c('id')}`)
      .limit(BATCH);
    const claimed = await knex()(o.table)
      .whereIn(c('id'), due)
      .where(c('status'), 'pending')
      .where((q) => q.whereNull(c('lockedUntil')).orWhere(c('lockedUntil'), '<', now))
      .update({ [c('claim')]: token, [c('lockedUntil')]: new Date(now.getTime() + CLAIM_MS) });
    if (!claimed) return [];
    const rows = (await knex()(o.table)
      .select(o.select(['id', 'eventId', 'channel', 'event', 'target', 'payload', 'attempts']))
      .where(c('claim'), token)
      .where(c('status'), 'pending')
      .orderBy(c('id'))) as Claimed[];
    return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts) }));
  }

  async function record(message: Claimed, error: unknown) {
    const o = outbox();
    const c = o.column;
    const now = new Date();
    const attempts = message.attempts + 1;
    const mine = knex()(o.table).where(c('id'), message.id).where(c('status'), 'pending');
    if (!error) {
      await mine.update({
        [c('status')]: 'sent',
        [c('attempts')]: attempts,
        [c('sentAt')]: now,
        [c('lastError')]: null,
        [c('claim')]: null,
        [c('lockedUntil')]: null,
        [c('updatedAt')]: now,
      });
      return;
    }
    const next = error instanceof PermanentFailure ? null : nextAttemptAfter(attempts, config(), now);
    await mine.update({
      [c('status')]: next ? 'pending' : 'failed',
      [c('attempts')]: attempts,
      [c('nextAttemptAt')]: next ?? now,
      [c('lastError')]: describeFailure(error),
      [c('claim')]: null,
      [c('lockedUntil')]: null,
      [c('updatedAt')]: now,
    });
    if (!next)
      strapi.log.warn(`[participation] envoi ${message.channel} « ${message.event} » abandonné après ${attempts} essai(s) : ${describeFailure(error)}`);
  }

  async function purge(now: Date) {
    if (now.getTime() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now.getTime();
    const o = outbox();
    const before = new Date(now.getTime() - config().retentionDays * 86_400_000);
    await knex()(o.table).where(o.column('status'), 'sent').where(o.column('sentAt'), '<', before).delete();
  }

  /** Delivers everything due; one run at a time in this process, any number of instances side by side. */
  function deliverDue(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let delivered = 0;
      do {
        again = false;
        for (;;) {
          const batch = await claim(new Date());
          if (!batch.length) break;
          await Promise.all(
            batch.map(async (message) => {
              let failure: unknown = null;
              try {
                await send(message);
                delivered += 1;
              } catch (error) {
                failure = error ?? new Error('échec');
              }
              await record(message, failure);
            })
          );
        }
      } while (again);
      await purge(new Date());
      return delivered;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    /** One event to every webhook subscribed to it now, written in the caller's transaction. */
    async enqueueWebhook(db: Db, event: WebhookEvent, now = new Date()) {
      const subscribed = await receivers(db, { event: event.event });
      const eventId = randomUUID();
      const payload = { event: event.event, id: eventId, createdAt: now.toISOString(), ...event.payload };
      return insert(
        db,
        subscribed.map((r) => newMessage({ eventId, channel: 'webhook', event: event.event, target: r.id, summary: event.summary, payload }, now))
      );
    },

    /** E-mails, written in the caller's transaction; SMTP being down only delays them. */
    async enqueueMails(db: Db, mails: Mail[], now = new Date()) {
      return insert(
        db,
        mails.map((m) =>
          newMessage(
            {
              eventId: m.eventId ?? randomUUID(),
              channel: 'mail',
              event: m.event,
              target: m.to,
              summary: m.summary,
              payload: { to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}), ...(m.headers ? { headers: m.headers } : {}) },
            },
            now
          )
        )
      );
    },

    deliverDue,
    signingSecret,

    start: () => job.start(config().pollMs),

    /** Stops polling and waits for the delivery in progress (at shutdown). */
    async stop() {
      await job.stop();
      await running?.catch(() => undefined);
    },

    /** The admin's view: newest first, with counts per status; recipients masked, payloads never shown. */
    async list(filter: { status?: OutboxStatus; page: number; pageSize: number }) {
      const o = outbox();
      const c = o.column;
      const query = knex()(o.table)
        .select(o.select(['id', 'eventId', 'channel', 'event', 'target', 'summary', 'status', 'attempts', 'nextAttemptAt', 'lastError', 'sentAt', 'createdAt']))
        .orderBy(c('id'), 'desc')
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize);
      if (filter.status) query.where(c('status'), filter.status);
      const [rows, counts, hooks] = await Promise.all([
        query as Promise<Record<string, unknown>[]>,
        knex()(o.table)
          .select({ status: c('status') })
          .count({ n: '*' })
          .groupBy(c('status')) as Promise<{ status: OutboxStatus; n: number | string }[]>,
        receivers(knex(), {}),
      ]);
      const names = new Map(hooks.map((h) => [h.id, h.name]));
      const byStatus = { pending: 0, sent: 0, failed: 0 } as Record<OutboxStatus, number>;
      for (const row of counts) byStatus[row.status] = Number(row.n);
      return {
        data: rows.map((r) => ({
          id: Number(r.id),
          eventId: r.eventId,
          channel: r.channel,
          event: r.event,
          summary: r.summary ?? null,
          recipient: r.channel === 'mail' ? maskRecipient(String(r.target)) : (names.get(String(r.target)) ?? 'Webhook supprimé'),
          status: r.status,
          attempts: Number(r.attempts),
          nextAttemptAt: r.status === 'pending' ? new Date(r.nextAttemptAt as string) : null,
          lastError: r.lastError ?? null,
          sentAt: r.sentAt ? new Date(r.sentAt as string) : null,
          createdAt: new Date(r.createdAt as string),
        })),
        meta: {
          counts: byStatus,
          pagination: paginationMeta(
            filter.page,
            filter.pageSize,
            filter.status ? byStatus[filter.status] : Object.values(byStatus).reduce((a, b) => a + b, 0)
          ),
        },
      };
    },

    /** Puts failed (or already sent) messages back in line, with the same event id: receivers de-duplicate on it. */
    async replay(ids: number[]) {
      const o = outbox();
      const c = o.column;
      const now = new Date();
      const replayed = await knex()(o.table)
        .whereIn(c('id'), ids)
        .whereIn(c('status'), ['failed', 'sent'])
        .update({
          [c('status')]: 'pending',
          [c('attempts')]: 0,
          [c('nextAttemptAt')]: now,
          [c('lockedUntil')]: null,
          [c('claim')]: null,
          [c('sentAt')]: null,
          [c('updatedAt')]: now,
        });
      if (replayed) deliverAfterCommit(knex());
      return { replayed };
    },

    /** The webhooks subscribed to at least one participation event (Strapi's own store: one list for all instances). */
    async subscriptions() {
      const all = await receivers(knex(), {});
      return all
        .filter((r) => r.events.some((e) => WEBHOOK_EVENTS.some((w) => w.event === e)))
        .map((r) => ({ id: r.id, name: r.name, url: r.url, events: r.events, isEnabled: r.enabled, headerNames: Object.keys(r.headers) }));
    },

    async saveSubscription(id: string | null, input: { name: string; url: string; events: string[]; isEnabled: boolean; headers?: Record<string, string> }) {
      const store = strapi.get('webhookStore');
      const runner = strapi.get('webhookRunner');
      if (id === null) {
        const created = await store.createWebhook({
          name: input.name,
          url: input.url,
          events: input.events,
          isEnabled: input.isEnabled,
          headers: input.headers ?? {},
        });
        runner.add(created);
        return created.id;
      }
      const [existing] = await receivers(knex(), { id });
      if (!existing) throw notFound('Webhook introuvable.');
      const updated = await store.updateWebhook(id, {
        name: input.name,
        url: input.url,
        events: input.events,
        isEnabled: input.isEnabled,
        headers: input.headers ?? existing.headers,
      });
      if (updated) runner.update(updated);
      return id;
    },

    async deleteSubscription(id: string) {
      const [existing] = await receivers(knex(), { id });
      if (!existing) throw notFound('Webhook introuvable.');
      await strapi.get('webhookStore').deleteWebhook(id);
      strapi.get('webhookRunner').remove({ id });
    },
  };
};

/** A failure that no retry can fix (the receiver was deleted or disabled): the message fails at once. */
class PermanentFailure extends Error {}
