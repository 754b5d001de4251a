import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { PluginConfig } from '../config';
import type { Citizen } from '../platform/citizen';
import { rowsOf, type RawRow, type Db } from '../platform/database/rows';
import { getService } from '../platform/services';
import { validationFailed } from '../platform/errors';
import { paginationMeta } from '../platform/validation';
import { backgroundJob } from '../platform/background';
import { CONTRIBUTION } from '../contributions/repository';
import type { Decided } from '../moderation/repository';
import type { ResultsUpdate } from '../consultations/domain/results-updates';
import { composeMail, type MailItem } from './mails';
import { budgetProjectPage, consultationPage, serverUrl as serverUrlOf, siteUrl as siteUrlOf } from '../platform/links';
import { chunks, notificationsRepository } from './repository';
import {
  defaultFrequency,
  describeScope,
  dueAt,
  KIND_OF_TRANSITION,
  NOTIFICATION_KINDS,
  preferencesOf,
  readUnsubscribeToken,
  startOfLocalDay,
  unsubscribeToken,
  type FollowTarget,
  type Frequency,
  type MailedFrequency,
  type NotificationKind,
  type UnsubscribeScope,
} from './domain/rules';
import { transaction } from '../platform/database/transaction';

export const NOTIFICATION_MAIL_EVENT = 'participation.notification';

/** What one change has to tell: written once per recipient (a second write of the same `eventKey` is ignored). */
type News = { kind: NotificationKind; eventKey: string; subject: string; body: string; link: string | null; followTarget: string | null };

const STATUS_LABELS: Record<string, string> = { retained: 'Retenue', not_retained: 'Non retenue', under_study: "À l'étude", already_done: 'Déjà réalisée' };
const DECISION_SUBJECTS: Record<string, (what: string, title: string) => string> = {
  approve: (what, title) => `Votre ${what} « ${title} » est publié${what === 'contribution' ? 'e' : ''}`,
  reject: (what, title) => `Votre ${what} « ${title} » n'a pas été retenu${what === 'contribution' ? 'e' : ''} par la modération`,
  hide: (what, title) => `Votre ${what} « ${title} » a été masqué${what === 'contribution' ? 'e' : ''}`,
  restore: (what, title) => `Votre ${what} « ${title} » est de nouveau visible`,
  auto_hide: (what, title) => `Votre ${what} « ${title} » est masqué${what === 'contribution' ? 'e' : ''} en attendant un examen`,
};
const DECISION_EXPLANATIONS: Record<string, string> = {
  approve: 'Elle est désormais visible de toutes et tous sur la plateforme.',
  reject: "Elle n'est pas publiée sur la plateforme.",
  hide: "Elle n'est plus visible sur la plateforme.",
  restore: 'Elle est de nouveau visible de toutes et tous.',
  auto_hide: "Plusieurs personnes l'ont signalée : elle est masquée jusqu'à ce qu'un·e modérateur·rice l'examine.",
};

const frenchDate = (d: Date | null, timeZone: string) =>
  d ? new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(d) : null;

/**
 * Follows and notifications. A change calls one of the `on…` writers in its own transaction: a notification row per
 * person concerned, dated by their preference (at once, next daily or weekly digest), or none when they turned that
 * kind off. `dispatch` (after each commit, and every `pollMs` on every instance) claims what is due per person by a
 * conditional update, folds it into one mail, and writes that mail to the outbox in the same transaction: each
 * notification leaves once, whatever the number of instances.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = () => notificationsRepository(strapi);
  const knex = () => strapi.db.connection;
  const config = () => (strapi.config.get('plugin::participation') as PluginConfig).notifications;
  let running: Promise<unknown> | null = null;

  const serverUrl = () => serverUrlOf(strapi);
  const siteUrl = () => siteUrlOf(strapi);
  const secret = () =>
    createHmac('sha256', ((strapi.config.get('server.app.keys') as string[] | undefined) ?? [])[0] ?? 'participer')
      .update('participer:unsubscribe')
      .digest('hex');
  const schedule = () => ({ digestHour: config().digestHour, weeklyDay: config().weeklyDay, timeZone: config().timeZone });
  const tokenFor = (userId: number, scope: UnsubscribeScope) => unsubscribeToken(secret(), userId, scope);
  const oneClickUrl = (userId: number, scope: UnsubscribeScope) =>
    `${serverUrl()}/api/participation/notifications/unsubscribe?token=${tokenFor(userId, scope)}`;
  const confirmPageUrl = (userId: number, scope: UnsubscribeScope) => `${siteUrl()}#/desabonnement?jeton=${tokenFor(userId, scope)}`;
  const consultationLink = (slug: string) => consultationPage(strapi, slug);

  const job = backgroundJob(strapi, 'notifications', () => dispatch());
  const dispatchAfterCommit = (db: Db) => job.afterCommit(db);

  /** One notification per recipient, in the caller's transaction, dated by each one's preference for its kind. */
  async function notify(trx: Db, recipients: number[], news: News, now = new Date()) {
    const people = [...new Set(recipients)].filter((id) => Number.isInteger(id) && id > 0);
    if (!people.length) return 0;
    const chosen = await repo().chosenFrequencies(trx, people, news.kind);
    const n = repo().notifications();
    const rows = people
      .map((userId) => ({ userId, frequency: chosen.get(userId) ?? defaultFrequency(news.kind) }))
      .filter((r): r is { userId: number; frequency: MailedFrequency } => r.frequency !== 'off')
      .map((r) =>
        n.newRow(
          { ...news, userId: r.userId, frequency: r.frequency, dueAt: dueAt(r.frequency, new Date(Math.min(now.getTime(), Date.now())), schedule()) },
          now
        )
      );
    for (const part of chunks(rows))
      await trx(n.table)
        .insert(part)
        .onConflict([n.column('userId'), n.column('eventKey')])
        .ignore();
    if (rows.some((r) => r[n.column('frequency')] === 'immediate')) dispatchAfterCommit(trx);
    return rows.length;
  }

  /** Claims one person's due notifications, folds them into one mail (or postpones them past the daily cap). */
  async function dispatchTo(trx: Knex.Transaction, userId: number, now: Date) {
    const n = repo().notifications();
    const c = n.column;
    const claim = randomUUID();
    const claimed = await trx(n.table)
      .where(c('userId'), userId)
      .whereNull(c('mailedAt'))
      .where(c('dueAt'), '<=', now)
      .update({ [c('claim')]: claim, [c('mailedAt')]: now, [c('outcome')]: 'mailed', [c('updatedAt')]: now });
    if (!claimed) return 0;
    const [{ mails }] = (await trx(n.table)
      .countDistinct({ mails: c('claim') })
      .where(c('userId'), userId)
      .where(c('outcome'), 'mailed')
      .where(c('mailedAt'), '>=', startOfLocalDay(config().timeZone, now))
      .whereNot(c('claim'), claim)) as RawRow[];
    if (Number(mails) >= config().maxMailsPerDay) {
      // Over the daily cap: everything waits for the next daily digest.
      await trx(n.table)
        .where(c('claim'), claim)
        .update({ [c('claim')]: null, [c('mailedAt')]: null, [c('outcome')]: null, [c('dueAt')]: dueAt('daily', now, schedule()) });
      return 0;
    }
    const u = rowsOf(strapi, 'plugin::users-permissions.user');
    const user: { email?: string; username?: string; blocked?: unknown } | undefined = await trx(u.table)
      .select(u.select(['email', 'username', 'blocked']))
      .where(u.column('id'), userId)
      .first();
    if (!user?.email || user.blocked === true || user.blocked === 1) {
      await trx(n.table)
        .where(c('claim'), claim)
        .update({ [c('outcome')]: 'no_address' });
      return 0;
    }
    const rows: RawRow[] = await trx(n.table)
      .select(n.select(['kind', 'subject', 'body', 'link', 'followTarget', 'frequency']))
      .where(c('claim'), claim)
      .orderBy(c('id'));
    const items: MailItem[] = rows.map((r) => {
      const [type, documentId] = String(r.followTarget ?? '').split(':');
      const follow = (type === 'consultation' || type === 'contribution') && documentId ? { type: type as FollowTarget, documentId } : null;
      return {
        subject: String(r.subject),
        body: String(r.body),
        link: (r.link as string | null) ?? null,
        linkLabel: r.kind === 'moderation_decided' || r.kind === 'comment_reply' ? 'Voir sur la plateforme' : 'Voir la consultation',
        unfollowUrl: follow ? confirmPageUrl(userId, { follow }) : null,
      };
    });
    // One kind in the mail: its link stops that kind; a digest of several: every notification mail.
    const kinds = [...new Set(rows.map((r) => String(r.kind) as NotificationKind))];
    const scope: UnsubscribeScope = kinds.length === 1 ? { kind: kinds[0] } : { all: true };
    const mail = composeMail(items, {
      greetingName: user.username ?? '',
      preferencesUrl: `${siteUrl()}#/notifications`,
      unsubscribeUrl: confirmPageUrl(userId, scope),
      unsubscribeLabel: `Se désabonner : ${describeScope(scope)}`,
    });
    await getService(strapi, 'outbox').enqueueMails(
      trx,
      [
        {
          event: NOTIFICATION_MAIL_EVENT,
          to: user.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'List-Unsubscribe': `<${oneClickUrl(userId, scope)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          summary: items.length === 1 ? `Notification (${kinds[0]})` : `Récapitulatif de ${items.length} notifications`,
        },
      ],
      now
    );
    return 1;
  }

  /** Sends what is due at `now`, one mail per person; safe to run on every instance at once. */
  function dispatch(now = new Date()): Promise<{ mails: number }> {
    const run = async () => {
      const n = repo().notifications();
      const c = n.column;
      let mails = 0;
      const seen = new Set<number>();
      for (let round = 0; round < 100; round += 1) {
        const due: RawRow[] = await knex()(n.table)
          .distinct({ userId: c('userId') })
          .whereNull(c('mailedAt'))
          .where(c('dueAt'), '<=', now)
          .limit(200);
        const fresh = due.map((r) => Number(r.userId)).filter((id) => !seen.has(id));
        if (!fresh.length) break;
        for (const userId of fresh) {
          seen.add(userId);
          mails += await transaction(strapi, (trx) => dispatchTo(trx, userId, now));
        }
      }
      await purge(now);
      return { mails };
    };
    // One run at a time in this process; the next waits for it (instances side by side are kept apart by the claim).
    // `running` only says when the run ends, never fails: the caller of `dispatch` gets the run's failure.
    const next = (running ?? Promise.resolve()).then(run);
    const settled: Promise<unknown> = next.then(
      () => undefined,
      () => undefined
    );
    running = settled;
    void settled.then(() => {
      if (running === settled) running = null;
    });
    return next;
  }

  async function purge(now: Date) {
    const n = repo().notifications();
    await knex()(n.table)
      .whereNotNull(n.column('mailedAt'))
      .where(n.column('mailedAt'), '<', new Date(now.getTime() - config().retentionDays * 86_400_000))
      .delete();
  }

  return {
    dispatch,

    start: () => job.start(config().pollMs),

    async stop() {
      await job.stop();
      await running;
    },

    // ---- what changes write, in their own transaction

    /** Followers of a consultation hear that it opened, closed or published its results. */
    async onConsultationTransitioned(trx: Knex.Transaction, t: { documentId: string; slug: string; to: string; at: Date; closesAt: Date | null }) {
      const kind = KIND_OF_TRANSITION[t.to];
      if (!kind) return 0;
      const audience = await getService(strapi, 'follows').audience(trx, 'consultation', t.documentId);
      if (!audience.length) return 0;
      const title = (await repo().consultationCards(trx, [t.documentId])).get(t.documentId)?.title ?? t.slug;
      const closes = frenchDate(t.closesAt, config().timeZone);
      const texts: Record<string, { subject: string; body: string }> = {
        consultation_opened: { subject: `La consultation « ${title} » est ouverte`, body: `Vous pouvez y participer${closes ? ` jusqu'au ${closes}` : ''}.` },
        consultation_closed: {
          subject: `La consultation « ${title} » est close`,
          body: 'Les contributions sont maintenant analysées. Vous serez prévenu·e quand les résultats seront publiés.',
        },
        results_published: {
          subject: `Les résultats de la consultation « ${title} » sont publiés`,
          body: 'Découvrez la synthèse, les décisions prises et les réponses apportées aux contributions.',
        },
      };
      return notify(
        trx,
        audience,
        {
          kind,
          eventKey: `consultation:${t.documentId}:${t.to}:${t.at.toISOString()}`,
          ...texts[kind],
          link: consultationLink(t.slug),
          followTarget: `consultation:${t.documentId}`,
        },
        t.at
      );
    },

    /** Followers of a consultation hear of each « Et ensuite » update (once each: its date and title make its key). */
    async onResultsUpdates(trx: Knex.Transaction, u: { documentId: string; slug: string; updates: ResultsUpdate[] }, now = new Date()) {
      const audience = await getService(strapi, 'follows').audience(trx, 'consultation', u.documentId);
      if (!audience.length) return 0;
      const title = (await repo().consultationCards(trx, [u.documentId])).get(u.documentId)?.title ?? u.slug;
      let written = 0;
      for (const update of u.updates) {
        const key = createHash('sha1').update(`${update.date}\n${update.title}`).digest('base64url');
        written += await notify(
          trx,
          audience,
          {
            kind: 'results_update',
            eventKey: `update:${u.documentId}:${key}`,
            subject: `Et ensuite ? « ${title} » : ${update.title}`,
            body: update.text,
            link: consultationLink(u.slug),
            followTarget: `consultation:${u.documentId}`,
          },
          now
        );
      }
      return written;
    },

    /** Followers of each contribution (its author first) hear of its official answer once it is public. */
    async onAnswersPublished(trx: Knex.Transaction, answered: { documentId: string; at: Date }[]) {
      if (!answered.length) return 0;
      const c = rowsOf(strapi, CONTRIBUTION);
      const answeredAt = new Map(answered.map((a) => [a.documentId, a.at]));
      let written = 0;
      for (const part of chunks([...answeredAt.keys()])) {
        const rows: RawRow[] = await trx(c.table)
          .select(c.select(['documentId', 'title', 'status', 'officialAnswerStatus', 'officialAnswerText', 'consultationDocumentId']))
          .whereIn(c.column('documentId'), part)
          .where(c.column('status'), 'published')
          .whereNotNull(c.column('officialAnswerStatus'));
        const cards = await repo().consultationCards(trx, [...new Set(rows.map((r) => String(r.consultationDocumentId)))]);
        for (const row of rows) {
          const at = answeredAt.get(String(row.documentId))!;
          const audience = await getService(strapi, 'follows').audience(trx, 'contribution', String(row.documentId));
          const card = cards.get(String(row.consultationDocumentId));
          written += await notify(
            trx,
            audience,
            {
              kind: 'official_answer',
              eventKey: `answer:${row.documentId}:${at.toISOString()}`,
              subject: `Réponse officielle à « ${row.title} »`,
              body: `${STATUS_LABELS[String(row.officialAnswerStatus)] ?? 'Réponse'}${card ? ` (consultation « ${card.title} »)` : ''}.\n\n${row.officialAnswerText ?? ''}`.trim(),
              link: card ? consultationLink(card.slug) : null,
              followTarget: `contribution:${row.documentId}`,
            },
            at
          );
        }
      }
      return written;
    },

    /** A reply published by a moderator's approval: told to the parent comment's author as if just posted. */
    async onReplyApproved(trx: Knex.Transaction, commentId: number, at: Date) {
      const m = rowsOf(strapi, 'plugin::participation.comment');
      const reply: RawRow | undefined = await trx(m.table)
        .select(m.select(['documentId', 'parentId', 'authorId', 'authorName', 'body', 'contributionId', 'budgetProjectId']))
        .where('id', commentId)
        .first();
      if (!reply?.parentId) return 0;
      const parent: RawRow | undefined = await trx(m.table)
        .select(m.select(['authorId']))
        .where('id', Number(reply.parentId))
        .first();
      let subjectTitle: string;
      let link: string | null;
      if (reply.budgetProjectId !== null && reply.budgetProjectId !== undefined) {
        const p = rowsOf(strapi, 'plugin::participation.budget-project');
        const project: RawRow | undefined = await trx(p.table)
          .select(p.select(['documentId', 'title']))
          .where('id', Number(reply.budgetProjectId))
          .first();
        subjectTitle = String(project?.title ?? '');
        link = project ? budgetProjectPage(strapi, String(project.documentId)) : null;
      } else {
        const c = rowsOf(strapi, CONTRIBUTION);
        const contribution: RawRow | undefined = await trx(c.table)
          .select(c.select(['title', 'consultationDocumentId']))
          .where('id', Number(reply.contributionId))
          .first();
        const card = contribution
          ? (await repo().consultationCards(trx, [String(contribution.consultationDocumentId)])).get(String(contribution.consultationDocumentId))
          : undefined;
        subjectTitle = String(contribution?.title ?? '');
        link = card ? consultationLink(card.slug) : null;
      }
      return this.onCommentReplied(trx, {
        parentAuthorId: parent?.authorId === null || parent?.authorId === undefined ? null : Number(parent.authorId),
        replierId: reply.authorId === null || reply.authorId === undefined ? null : Number(reply.authorId),
        replierName: (reply.authorName as string | null) ?? 'Une personne anonyme',
        replyDocumentId: String(reply.documentId),
        body: String(reply.body),
        subjectTitle,
        link,
        at,
      });
    },

    /** The author of a comment hears of a public reply to it (not of their own), with a link to the page it is on. */
    async onCommentReplied(
      trx: Knex.Transaction,
      r: {
        parentAuthorId: number | null;
        replierId: number | null;
        replierName: string;
        replyDocumentId: string;
        body: string;
        subjectTitle: string;
        link: string | null;
        at: Date;
      }
    ) {
      if (!r.parentAuthorId || r.parentAuthorId === r.replierId) return 0;
      const excerpt = r.body.length > 300 ? `${r.body.slice(0, 297)}…` : r.body;
      return notify(
        trx,
        [r.parentAuthorId],
        {
          kind: 'comment_reply',
          eventKey: `reply:${r.replyDocumentId}`,
          subject: `${r.replierName} a répondu à votre commentaire sur « ${r.subjectTitle} »`,
          body: excerpt,
          link: r.link,
          followTarget: null,
        },
        r.at
      );
    },

    /** The author is told of a moderation decision on what they wrote (at once unless they chose otherwise). */
    async onModerationDecided(trx: Knex.Transaction, d: Decided, at = new Date()) {
      // A reply held for moderation reaches the author of the comment it answers once approved.
      if (d.type === 'comment' && d.decision === 'approve' && d.from === 'pending') await this.onReplyApproved(trx, d.id, at);
      if (!d.authorId || d.authorId < 0) return 0;
      const what = d.type === 'contribution' ? 'contribution' : 'commentaire';
      const explanation = d.type === 'contribution' ? DECISION_EXPLANATIONS[d.decision] : DECISION_EXPLANATIONS[d.decision].replace(/^Elle/, 'Il');
      const body = [
        `${DECISION_SUBJECTS[d.decision](what, d.title)}.`,
        explanation,
        ...(d.reason ? ['', `Motif : ${d.reason}`] : []),
        ...(d.note ? ['', `Message de l'équipe de modération : ${d.note}`] : []),
        '',
        'Vous pouvez suivre toutes vos contributions depuis votre espace personnel.',
      ].join('\n');
      return notify(
        trx,
        [d.authorId],
        {
          kind: 'moderation_decided',
          eventKey: `moderation:${d.type}:${d.documentId}:${d.decision}:${at.toISOString()}`,
          subject: DECISION_SUBJECTS[d.decision](what, d.title),
          body,
          link: `${siteUrl()}#/mes-contributions`,
          followTarget: null,
        },
        at
      );
    },

    // ---- what citizens do

    /** GET /me/notifications — the notification centre: what the mails said, newest first, and how many are unread. */
    async myNotifications(citizen: Citizen, page: number, pageSize: number) {
      const rows = await repo().inbox(citizen.id, page, pageSize);
      // Past the last page the window counts have no row to ride on: counted apart (rare).
      const { total, unread } = rows.length ? { total: Number(rows[0].total), unread: Number(rows[0].unread ?? 0) } : await repo().inboxCounts(citizen.id);
      return {
        data: rows.map((r) => ({
          documentId: String(r.documentId),
          kind: r.kind as NotificationKind,
          subject: String(r.subject),
          body: String(r.body ?? ''),
          link: (r.link as string | null) ?? null,
          createdAt: new Date(r.createdAt as string).toISOString(),
          read: r.readAt !== null && r.readAt !== undefined,
        })),
        meta: { pagination: paginationMeta(page, pageSize, total), unread },
      };
    },

    /** POST /me/notifications/read — marks the notifications named (or all) read; answers the unread count. */
    async markNotificationsRead(citizen: Citizen, documentIds: string[] | null) {
      await repo().markRead(citizen.id, documentIds, new Date());
      return { data: { unread: (await repo().inboxCounts(citizen.id)).unread } };
    },

    async preferences(citizen: Citizen) {
      const chosen = preferencesOf(await repo().preferencesOf(knex(), citizen.id));
      return {
        data: {
          frequencies: chosen,
          kinds: NOTIFICATION_KINDS.map((k) => ({ kind: k.kind, label: k.label, frequency: chosen[k.kind], defaultFrequency: k.defaultFrequency })),
        },
      };
    },

    async savePreferences(citizen: Citizen, frequencies: Partial<Record<NotificationKind, Frequency>>) {
      await repo().setPreferences(knex(), citizen.id, frequencies);
      return this.preferences(citizen);
    },

    /** What a link would do, for the page that asks to confirm it (a link visited by a mail scanner changes nothing). */
    describeUnsubscribe(token: string) {
      const read = readUnsubscribeToken(secret(), token);
      if (!read) throw validationFailed([{ path: ['token'], message: 'Lien de désabonnement invalide ou incomplet.' }]);
      return { data: { scope: read.scope, description: describeScope(read.scope) } };
    },

    /** RFC 8058 one-click: the signed token says who and what; repeating it changes nothing more. */
    async unsubscribe(token: string) {
      const read = readUnsubscribeToken(secret(), token);
      if (!read) throw validationFailed([{ path: ['token'], message: 'Lien de désabonnement invalide ou incomplet.' }]);
      const { userId, scope } = read;
      await transaction(strapi, async (trx) => {
        const u = rowsOf(strapi, 'plugin::users-permissions.user');
        const exists = await trx(u.table).select(u.column('id')).where(u.column('id'), userId).first();
        if (!exists) return; // An erased account has nothing left to stop.
        if ('follow' in scope) await getService(strapi, 'follows').unfollow(trx, userId, scope.follow.type, scope.follow.documentId);
        else {
          const kinds = 'all' in scope ? NOTIFICATION_KINDS.map((k) => k.kind) : [scope.kind];
          await repo().setPreferences(trx, userId, Object.fromEntries(kinds.map((k) => [k, 'off'])));
          const n = repo().notifications();
          await trx(n.table).where(n.column('userId'), userId).whereNull(n.column('mailedAt')).whereIn(n.column('kind'), kinds).delete();
        }
      });
      return { data: { unsubscribed: true as const, scope, description: describeScope(scope) } };
    },

    /** Part of the citizen's data export. */
    async exportOf(userId: number) {
      return {
        notificationPreferences: preferencesOf(await repo().preferencesOf(knex(), userId)),
      };
    },

    eraseCitizen: (trx: Knex.Transaction, userId: number) => repo().eraseCitizen(trx, userId),
  };
};
