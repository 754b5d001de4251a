import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { incrementLifecycle } from '../../consultations/public';
import { rowsOf, toDate, type Db, type RawRow } from '../../platform/database/rows';
import type { ErrorCode } from '../../platform/errors';
import { decide, publicDelta, type Decision, type ModerationStatus, type TargetType } from '../domain/moderation';

export const MODERATED = {
  contribution: 'plugin::participation.contribution',
  comment: 'plugin::participation.comment',
} as const;
export const MODERATION_EVENT = 'plugin::participation.moderation-event' as const;
export const REPORT = 'plugin::participation.report' as const;

export type ModerationActor = { type: 'admin'; id: number | null; name: string } | { type: 'system' };

/** A contribution or comment as moderation sees it. */
export type ModeratedItem = {
  id: number;
  documentId: string;
  status: ModerationStatus;
  authorId: number | null;
  title: string;
  /** Null for a comment on a budget project. */
  consultationDocumentId: string | null;
  contributionId?: number | null;
  budgetProjectId?: number | null;
};

/** A decision carried out, for the after-commit effects (mail to the author). */
export type Decided = {
  type: TargetType;
  id: number;
  documentId: string;
  decision: Decision;
  from: ModerationStatus;
  to: ModerationStatus;
  reason: string | null;
  note: string | null;
  authorId: number | null;
  title: string;
};

export type DecisionOutcome = Decided | { refused: { code: ErrorCode; message: string } } | null;

const optionalId = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** The moderated tables and the append-only log of decisions. */
export function moderationRepository(strapi: Core.Strapi) {
  return {
    async loadItem(type: TargetType, documentId: string, db: Db = strapi.db.connection): Promise<ModeratedItem | null> {
      const rows = rowsOf(strapi, MODERATED[type]);
      const attrs = [
        'id',
        'documentId',
        'status',
        'authorId',
        'consultationDocumentId',
        ...(type === 'contribution' ? ['title'] : ['contributionId', 'budgetProjectId', 'body']),
      ];
      const row: RawRow | undefined = await db(rows.table).select(rows.select(attrs)).where(rows.column('documentId'), documentId).first();
      if (!row) return null;
      return {
        id: Number(row.id),
        documentId: String(row.documentId),
        status: row.status as ModerationStatus,
        authorId: row.authorId === null || row.authorId === undefined ? null : Number(row.authorId),
        title: row.title !== undefined && row.title !== null ? String(row.title) : String(row.body).slice(0, 80),
        consultationDocumentId: row.consultationDocumentId === null || row.consultationDocumentId === undefined ? null : String(row.consultationDocumentId),
        ...(type === 'comment' ? { contributionId: optionalId(row.contributionId), budgetProjectId: optionalId(row.budgetProjectId) } : {}),
      };
    },

    /**
     * One decision on one item, in the caller's transaction: conditional update on the status read, one event
     * in the append-only log, and the public counters moved by the same transaction. Null when the item's
     * status changed in between (nothing written).
     */
    async applyDecision(
      trx: Knex.Transaction,
      type: TargetType,
      item: ModeratedItem,
      decision: Decision,
      actor: ModerationActor,
      reason: string | null,
      note: string | null,
      now = new Date()
    ): Promise<DecisionOutcome> {
      const verdict = decide(item.status, decision);
      if (!verdict.ok) return { refused: { code: verdict.code, message: verdict.message } };
      const rows = rowsOf(strapi, MODERATED[type]);
      const updated = await trx(rows.table)
        .where(rows.column('id'), item.id)
        .where(rows.column('status'), item.status)
        .update(
          // A moderator's decision settles the reports made so far: only those made afterwards count toward hiding again.
          rows.toColumns({
            status: verdict.to,
            moderationReason: reason,
            moderatedAt: now,
            updatedAt: now,
            ...(actor.type === 'admin' ? { reportsSinceDecision: 0 } : {}),
          })
        );
      if (updated !== 1) return null;

      const events = rowsOf(strapi, MODERATION_EVENT);
      await trx(events.table).insert(
        events.newRow(
          {
            targetType: type,
            targetId: item.id,
            decision,
            fromStatus: item.status,
            toStatus: verdict.to,
            reason,
            note,
            actorType: actor.type,
            actorId: actor.type === 'admin' ? actor.id : null,
            actorName: actor.type === 'admin' ? actor.name : null,
            at: now,
          },
          now
        )
      );

      const delta = publicDelta(item.status, verdict.to);
      if (delta !== 0) {
        if (type === 'contribution') {
          await incrementLifecycle(strapi, trx, item.consultationDocumentId!, 'contributionsCount', delta);
        } else {
          // The count of the comment's subject: a contribution, or a budget project.
          const subject = rowsOf(strapi, item.budgetProjectId ? 'plugin::participation.budget-project' : MODERATED.contribution);
          await trx(subject.table)
            .where(subject.column('id'), item.budgetProjectId ?? item.contributionId!)
            .increment(subject.column('commentsCount'), delta);
        }
      }
      return {
        type,
        id: item.id,
        documentId: item.documentId,
        decision,
        from: item.status,
        to: verdict.to,
        reason,
        note,
        authorId: item.authorId,
        title: item.title,
      };
    },

    /** Items still pending that arrived between `from` and `to`, counted per consultation (the moderators' digest). */
    async pendingArrivedBetween(trx: Knex.Transaction, type: TargetType, from: Date, to: Date) {
      const t = rowsOf(strapi, MODERATED[type]);
      const rows = (await trx(t.table)
        .select({ consultationDocumentId: t.column('consultationDocumentId') })
        .count({ n: '*' })
        .where(t.column('status'), 'pending')
        .where(t.column('createdAt'), '>', from)
        .where(t.column('createdAt'), '<=', to)
        .groupBy(t.column('consultationDocumentId'))) as RawRow[];
      return rows.map((r) => ({
        consultationDocumentId: r.consultationDocumentId === null || r.consultationDocumentId === undefined ? null : String(r.consultationDocumentId),
        n: Number(r.n),
      }));
    },

    /** How many items were hidden after reports between `from` and `to`. */
    async autoHiddenBetween(trx: Knex.Transaction, from: Date, to: Date): Promise<number> {
      const e = rowsOf(strapi, MODERATION_EVENT);
      const rows = (await trx(e.table)
        .count({ n: '*' })
        .where(e.column('decision'), 'auto_hide')
        .where(e.column('at'), '>', from)
        .where(e.column('at'), '<=', to)) as RawRow[];
      return Number(rows[0].n);
    },

    /** A contribution's assignment (who answers it), with what its mail names. */
    async contributionAssignment(documentId: string, db: Db = strapi.db.connection) {
      const c = rowsOf(strapi, MODERATED.contribution);
      const row = (await db(c.table)
        .select(c.select(['id', 'documentId', 'title', 'consultationDocumentId', 'assigneeId', 'assignedAt']))
        .where(c.column('documentId'), documentId)
        .first()) as RawRow | undefined;
      if (!row) return null;
      return {
        id: Number(row.id),
        title: String(row.title),
        consultationDocumentId: String(row.consultationDocumentId),
        assigneeId: optionalId(row.assigneeId),
        assignedAt: toDate(row.assignedAt),
      };
    },

    /** Assigns a contribution, only if its assignee is still `previous` (of two agents at once, one changes it). */
    async assign(trx: Knex.Transaction, id: number, previous: number | null, assigneeId: number | null, now: Date): Promise<boolean> {
      const c = rowsOf(strapi, MODERATED.contribution);
      const changed = await trx(c.table)
        .where(c.column('id'), id)
        .where((q) => (previous === null ? q.whereNull(c.column('assigneeId')) : q.where(c.column('assigneeId'), previous)))
        .update({ [c.column('assigneeId')]: assigneeId, [c.column('assignedAt')]: assigneeId === null ? null : now });
      return Boolean(changed);
    },

    /** A citizen's report of an item; false when they already reported it (the unique index). */
    async insertReport(
      trx: Knex.Transaction,
      report: {
        targetType: TargetType;
        targetId: number;
        userId: number;
        reason: string;
        details: string | null;
        counted: boolean;
        reporterSince: Date | null;
      },
      now: Date
    ): Promise<boolean> {
      const r = rowsOf(strapi, REPORT);
      const inserted = await trx(r.table)
        .insert(r.newRow(report, now))
        .onConflict([r.column('targetType'), r.column('targetId'), r.column('userId')])
        .ignore()
        .returning([r.column('id')]);
      return inserted.length > 0;
    },

    /** One more report on an item (and one more since the last decision when it counts): its new count and status. */
    async countReport(trx: Knex.Transaction, type: TargetType, id: number, counted: boolean) {
      const target = rowsOf(strapi, MODERATED[type]);
      const [row] = (await trx(target.table)
        .where(target.column('id'), id)
        .update({
          [target.column('reportsCount')]: trx.raw('COALESCE(??, 0) + 1', [target.column('reportsCount')]),
          // Rows written before this column existed hold NULL: they start from zero.
          [target.column('reportsSinceDecision')]: trx.raw('COALESCE(??, 0) + ?', [target.column('reportsSinceDecision'), counted ? 1 : 0]),
        })
        .returning([target.column('reportsSinceDecision'), target.column('status')])) as RawRow[];
      return { reportsSinceDecision: Number(row[target.column('reportsSinceDecision')]), status: row[target.column('status')] as ModerationStatus };
    },

    /** The reports a citizen made, each with the documentId of what it was about (their data export). */
    async reportsOf(userId: number) {
      const knex = strapi.db.connection;
      const r = rowsOf(strapi, REPORT);
      const reports = (await knex(r.table)
        .select(r.select(['targetType', 'targetId', 'reason', 'details', 'createdAt']))
        .where(r.column('userId'), userId)) as RawRow[];
      const targets = new Map<string, string>();
      for (const type of ['contribution', 'comment'] as const) {
        const ids = reports.filter((x) => x.targetType === type).map((x) => Number(x.targetId));
        if (!ids.length) continue;
        const t = rowsOf(strapi, MODERATED[type]);
        const found = (await knex(t.table)
          .select({ id: 'id', documentId: t.column('documentId') })
          .whereIn('id', ids)) as RawRow[];
        for (const x of found) targets.set(`${type}:${x.id}`, String(x.documentId));
      }
      return reports.map((x) => ({
        type: String(x.targetType),
        target: targets.get(`${x.targetType}:${x.targetId}`) ?? null,
        reason: String(x.reason),
        details: (x.details as string | null) ?? null,
        at: toDate(x.createdAt),
      }));
    },

    /** Erasure: a citizen's reports keep counting, under a tombstone instead of their account. */
    async tombstoneReports(trx: Knex.Transaction, userId: number, tombstone: number) {
      const r = rowsOf(strapi, REPORT);
      await trx(r.table)
        .where(r.column('userId'), userId)
        .update({ [r.column('userId')]: tombstone });
    },
  };
}
