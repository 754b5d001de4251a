import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { incrementLifecycle } from '../consultations/public';
import { rowsOf, type Db, type RawRow } from '../platform/database/rows';
import type { ErrorCode } from '../platform/errors';
import { decide, publicDelta, type Decision, type ModerationStatus, type TargetType } from './domain/moderation';

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
    async loadItem(db: Db, type: TargetType, documentId: string): Promise<ModeratedItem | null> {
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
  };
}
