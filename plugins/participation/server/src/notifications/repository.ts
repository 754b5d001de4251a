import type { Core } from '@strapi/strapi';
import { rowsOf, type RawRow, type Db } from '../platform/database/rows';
import { lifecycleTable } from '../consultations/repository';
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

  return {
    preferences,
    notifications,

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

    async preferencesOf(db: Db, userId: number): Promise<Record<string, Frequency>> {
      const p = preferences();
      const rows: RawRow[] = await db(p.table)
        .select({ kind: p.column('kind'), frequency: p.column('frequency') })
        .where(p.column('userId'), userId);
      return Object.fromEntries(rows.map((r) => [String(r.kind), r.frequency as Frequency]));
    },

    async setPreferences(db: Db, userId: number, chosen: Partial<Record<NotificationKind, Frequency>>, now = new Date()) {
      const p = preferences();
      const rows = Object.entries(chosen).map(([kind, frequency]) => p.newRow({ userId, kind, frequency }, now));
      if (!rows.length) return;
      await db(p.table)
        .insert(rows)
        .onConflict([p.column('userId'), p.column('kind')])
        .merge([p.column('frequency'), p.column('updatedAt')]);
    },

    /** Public titles and slugs of consultations (their published card), read in the caller's transaction. */
    async consultationCards(db: Db, documentIds: string[]) {
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
    async eraseCitizen(db: Db, userId: number) {
      for (const t of [preferences(), notifications()]) await db(t.table).where(t.column('userId'), userId).delete();
    },
  };
}
