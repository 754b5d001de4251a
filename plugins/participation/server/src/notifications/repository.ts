import type { Core } from '@strapi/strapi';
import { rowsOf, type RawRow, type Db } from '../platform/database/rows';
import { lifecycleTable } from '../consultations/public';
import { jsonColumn, type ConsultationCard } from '../consultations/domain/snapshot';
import type { Frequency, NotificationKind } from './domain/rules';

export const NOTIFICATION = 'plugin::participation.notification' as const;
export const PREFERENCE = 'plugin::participation.notification-preference' as const;

const CHUNK = 500;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Preferences and notifications as typed records; the rules that decide what to write are in domain/. */
export function notificationsRepository(strapi: Core.Strapi) {
  const preferences = () => rowsOf(strapi, PREFERENCE);
  const notifications = () => rowsOf(strapi, NOTIFICATION);

  // The tables stay in here: the rest of the capability goes through the methods below.
  return {
    /** Frequencies chosen for one kind by these people (absent: they kept the default). */
    async chosenFrequencies(db: Db, userIds: number[], kind: NotificationKind): Promise<Map<number, Frequency>> {
      const p = preferences();
      const out = new Map<number, Frequency>();
      for (const part of chunks(userIds)) {
        const rows: RawRow[] = await db(p.table)
          .select({ userId: p.column('userId'), frequency: p.column('frequency') })
          .whereIn(p.column('userId'), part)
          .where(p.column('kind'), kind);
        for (const r of rows) out.set(Number(r.userId), r.frequency as Frequency);
      }
      return out;
    },

    async preferencesOf(userId: number, db: Db = strapi.db.connection): Promise<Record<string, Frequency>> {
      const p = preferences();
      const rows: RawRow[] = await db(p.table)
        .select({ kind: p.column('kind'), frequency: p.column('frequency') })
        .where(p.column('userId'), userId);
      return Object.fromEntries(rows.map((r) => [String(r.kind), r.frequency as Frequency]));
    },

    async setPreferences(userId: number, chosen: Partial<Record<NotificationKind, Frequency>>, db: Db = strapi.db.connection, now = new Date()) {
      const p = preferences();
      const rows = Object.entries(chosen).map(([kind, frequency]) => p.newRow({ userId, kind, frequency }, now));
      if (!rows.length) return;
      await db(p.table)
        .insert(rows)
        .onConflict([p.column('userId'), p.column('kind')])
        .merge([p.column('frequency'), p.column('updatedAt')]);
    },

    /** Public titles and slugs of consultations (their published card), read in the caller's transaction. */
    async consultationCards(documentIds: string[], db: Db = strapi.db.connection) {
      const l = lifecycleTable(strapi);
      const out = new Map<string, { slug: string; title: string }>();
      if (!documentIds.length) return out;
      const rows: RawRow[] = await db(l.table)
        .select({ documentId: l.column('consultationDocumentId'), slug: l.column('slug'), card: l.column('publicCard') })
        .whereIn(l.column('consultationDocumentId'), documentIds);
      for (const r of rows) {
        const card = jsonColumn<ConsultationCard>(r.card);
        out.set(String(r.documentId), { slug: String(r.slug), title: card?.title ?? String(r.slug) });
      }
      return out;
    },

    /**
     * A citizen's notifications, newest first, with the total and the unread count in the same statement (window
     * counts): what the site's notification centre shows.
     */
    async inbox(userId: number, page: number, pageSize: number, db: Db = strapi.db.connection) {
      const n = notifications();
      const rows: RawRow[] = await db(n.table)
        .select(n.select(['documentId', 'kind', 'subject', 'body', 'link', 'createdAt', 'readAt']))
        .select(db.raw('COUNT(*) OVER () AS ??', ['total']))
        .select(db.raw('SUM(CASE WHEN ?? IS NULL THEN 1 ELSE 0 END) OVER () AS ??', [n.column('readAt'), 'unread']))
        .where(n.column('userId'), userId)
        .orderBy(n.column('id'), 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return rows;
    },

    /** How many notifications a citizen has, and how many are unread. */
    async inboxCounts(userId: number, db: Db = strapi.db.connection) {
      const n = notifications();
      const [row] = (await db(n.table)
        .select(db.raw('COUNT(*) AS ??', ['total']))
        .select(db.raw('COALESCE(SUM(CASE WHEN ?? IS NULL THEN 1 ELSE 0 END), 0) AS ??', [n.column('readAt'), 'unread']))
        .where(n.column('userId'), userId)) as RawRow[];
      return { total: Number(row?.total ?? 0), unread: Number(row?.unread ?? 0) };
    },

    /** Marks a citizen's notifications read: those named, or all; never someone else's. */
    async markRead(userId: number, documentIds: string[] | null, now: Date, db: Db = strapi.db.connection) {
      const n = notifications();
      const q = db(n.table).where(n.column('userId'), userId).whereNull(n.column('readAt'));
      if (documentIds) q.whereIn(n.column('documentId'), documentIds);
      await q.update({ [n.column('readAt')]: now });
    },

    /** Everything a citizen's erasure removes here: preferences, and notifications not yet sent. */
    /*
     * What a notification says about other capabilities' items, read here in the writer's transaction (their tables
     * are read by name, never written): the answered contributions, the reply a moderator approved.
     */

    /** The contributions among `documentIds` that are public and answered, for the answer's notification. */
    async answeredContributions(db: Db, documentIds: string[]) {
      const c = rowsOf(strapi, 'plugin::participation.contribution');
      const rows: RawRow[] = await db(c.table)
        .select(c.select(['documentId', 'title', 'officialAnswerStatus', 'officialAnswerText', 'consultationDocumentId']))
        .whereIn(c.column('documentId'), documentIds)
        .where(c.column('status'), 'published')
        .whereNotNull(c.column('officialAnswerStatus'));
      return rows.map((r) => ({
        documentId: String(r.documentId),
        title: String(r.title),
        answerStatus: String(r.officialAnswerStatus),
        answerText: (r.officialAnswerText as string | null) ?? '',
        consultationDocumentId: String(r.consultationDocumentId),
      }));
    },

    /** A reply (comment `commentId`), the author of the comment it answers, and what it is about: a contribution or a budget project. */
    async replyContext(db: Db, commentId: number) {
      const m = rowsOf(strapi, 'plugin::participation.comment');
      const reply: RawRow | undefined = await db(m.table)
        .select(m.select(['documentId', 'parentId', 'authorId', 'authorName', 'body', 'contributionId', 'budgetProjectId']))
        .where('id', commentId)
        .first();
      if (!reply?.parentId) return null;
      const parent: RawRow | undefined = await db(m.table)
        .select(m.select(['authorId']))
        .where('id', Number(reply.parentId))
        .first();
      const id = (v: unknown) => (v === null || v === undefined ? null : Number(v));
      let about: { kind: 'budgetProject'; documentId: string; title: string } | { kind: 'contribution'; title: string; consultationDocumentId: string } | null;
      if (reply.budgetProjectId !== null && reply.budgetProjectId !== undefined) {
        const p = rowsOf(strapi, 'plugin::participation.budget-project');
        const project: RawRow | undefined = await db(p.table)
          .select(p.select(['documentId', 'title']))
          .where('id', Number(reply.budgetProjectId))
          .first();
        about = project ? { kind: 'budgetProject', documentId: String(project.documentId), title: String(project.title ?? '') } : null;
      } else {
        const c = rowsOf(strapi, 'plugin::participation.contribution');
        const contribution: RawRow | undefined = await db(c.table)
          .select(c.select(['title', 'consultationDocumentId']))
          .where('id', Number(reply.contributionId))
          .first();
        about = contribution
          ? { kind: 'contribution', title: String(contribution.title ?? ''), consultationDocumentId: String(contribution.consultationDocumentId) }
          : null;
      }
      return {
        documentId: String(reply.documentId),
        authorId: id(reply.authorId),
        authorName: (reply.authorName as string | null) ?? null,
        body: String(reply.body),
        parentAuthorId: id(parent?.authorId),
        about,
      };
    },

    /** New notifications; one per person and event (a second with the same event key is ignored). */
    async insertNotifications(db: Db, items: Record<string, unknown>[], now: Date) {
      const n = notifications();
      for (const part of chunks(items.map((item) => n.newRow(item, now))))
        await db(n.table)
          .insert(part)
          .onConflict([n.column('userId'), n.column('eventKey')])
          .ignore();
    },

    /** Who has notifications due at `now` (at most `limit` people). */
    async dueRecipients(now: Date, limit: number, db: Db = strapi.db.connection): Promise<number[]> {
      const n = notifications();
      const rows: RawRow[] = await db(n.table)
        .distinct({ userId: n.column('userId') })
        .whereNull(n.column('mailedAt'))
        .where(n.column('dueAt'), '<=', now)
        .limit(limit);
      return rows.map((r) => Number(r.userId));
    },

    /** Claims a person's due notifications for one mail (a conditional update: each leaves once, on any instance): how many. */
    async claimDue(db: Db, userId: number, claim: string, now: Date) {
      const n = notifications();
      const c = n.column;
      return Number(
        await db(n.table)
          .where(c('userId'), userId)
          .whereNull(c('mailedAt'))
          .where(c('dueAt'), '<=', now)
          .update({ [c('claim')]: claim, [c('mailedAt')]: now, [c('outcome')]: 'mailed', [c('updatedAt')]: now })
      );
    },

    /** How many mails a person was sent since `since`, this claim's aside. */
    async mailsSince(db: Db, userId: number, since: Date, exceptClaim: string) {
      const n = notifications();
      const c = n.column;
      const [{ mails }] = (await db(n.table)
        .countDistinct({ mails: c('claim') })
        .where(c('userId'), userId)
        .where(c('outcome'), 'mailed')
        .where(c('mailedAt'), '>=', since)
        .whereNot(c('claim'), exceptClaim)) as RawRow[];
      return Number(mails);
    },

    /** A claim given back: its notifications wait until `dueAt`. */
    async postpone(db: Db, claimed: string, dueAt: Date) {
      const n = notifications();
      const c = n.column;
      await db(n.table)
        .where(c('claim'), claimed)
        .update({ [c('claim')]: null, [c('mailedAt')]: null, [c('outcome')]: null, [c('dueAt')]: dueAt });
    },

    /** A claim that could not be mailed (no address, blocked account): kept with that outcome. */
    async markUndeliverable(db: Db, claimed: string) {
      const n = notifications();
      await db(n.table)
        .where(n.column('claim'), claimed)
        .update({ [n.column('outcome')]: 'no_address' });
    },

    /** What a claim holds, in order, for its mail. */
    async claimedItems(db: Db, claimed: string) {
      const n = notifications();
      const rows: RawRow[] = await db(n.table)
        .select(n.select(['kind', 'subject', 'body', 'link', 'followTarget', 'frequency']))
        .where(n.column('claim'), claimed)
        .orderBy(n.column('id'));
      return rows.map((r) => ({
        kind: String(r.kind) as NotificationKind,
        subject: String(r.subject),
        body: String(r.body),
        link: (r.link as string | null) ?? null,
        followTarget: (r.followTarget as string | null) ?? null,
      }));
    },

    /** Mailed notifications older than `before` go. */
    async purgeMailedBefore(before: Date, db: Db = strapi.db.connection) {
      const n = notifications();
      await db(n.table).whereNotNull(n.column('mailedAt')).where(n.column('mailedAt'), '<', before).delete();
    },

    /** A person's notifications of these kinds not mailed yet go (they unsubscribed from them). */
    async deletePending(db: Db, userId: number, kinds: NotificationKind[]) {
      const n = notifications();
      await db(n.table).where(n.column('userId'), userId).whereNull(n.column('mailedAt')).whereIn(n.column('kind'), kinds).delete();
    },

    async eraseCitizen(db: Db, userId: number) {
      for (const t of [preferences(), notifications()]) await db(t.table).where(t.column('userId'), userId).delete();
    },
  };
}
