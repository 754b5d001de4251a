import type { Core } from '@strapi/strapi';
import { CONSULTATION_UID, LIFECYCLE_UID } from '../../consultations/public';
import { numberParam, param, runPrepared } from '../../platform/database/prepared';
import { isTrue, rowsOf, toDate, type RawRow } from '../../platform/database/rows';
import type { ModerationStatus, TargetType } from '../domain/moderation';
import { MODERATED, MODERATION_EVENT, REPORT } from './index';

/** Above this many items, the queue's total reads "at least" (see queueSize). */
export const QUEUE_COUNT_CAP = 1000;

export type QueueFilters = { consultation?: string; status?: ModerationStatus; type?: TargetType; reported?: boolean; page: number; pageSize: number };

/**
 * What the queue shows, as slices of the queue index (status, reports_count, created_at, id): by default what needs
 * a moderator — pending or hidden, and published but reported — or what the status and reported filters select.
 * Unreported items are one slice per status (an ordered range, read only as far as the page needs); reported items,
 * always few, are one slice for all their statuses.
 */
type QueueSlice = { statuses: ModerationStatus[]; reported: boolean };
function queueSlices(filters: Pick<QueueFilters, 'status' | 'reported'>): QueueSlice[] {
  const slices: QueueSlice[] = [];
  if (filters.reported !== false) slices.push({ statuses: filters.status ? [filters.status] : ['pending', 'hidden', 'published'], reported: true });
  // Unreported published items are not waiting for anyone, unless the published status is asked for.
  if (filters.reported !== true)
    for (const status of filters.status ? [filters.status] : (['pending', 'hidden'] as const)) slices.push({ statuses: [status], reported: false });
  return slices;
}

/** One item of a queue page, with its consultation (draft title), a comment's contribution and a budget comment's project. */
export type QueueRow = {
  type: TargetType;
  id: number;
  documentId: string;
  title: string | null;
  body: string;
  authorName: string | null;
  status: ModerationStatus;
  moderationReason: string | null;
  reportsCount: number;
  answerStatus: string | null;
  createdAt: Date | null;
  consultation: { documentId: string; slug: string | null; title: string | null } | null;
  contribution: { documentId: string; title: string } | null;
  project: { documentId: string; title: string; budget: { documentId: string; slug: string; name: string } } | null;
};

/** A report as moderators see it: whether it counted toward hiding, and how old the reporter's account was (days). */
export type QueueReport = { reason: string; details: string | null; at: Date | null; counted: boolean; accountAgeDays: number | null };

/** An item's moderation state (and, for a contribution, its channel and official answer, held or public). */
export type ItemState = {
  status: ModerationStatus;
  moderationReason: string | null;
  moderatedAt: Date | null;
  channel: string | null;
  officialAnswer: { status: string; text: string; at: Date | null } | null;
  heldAnswer: { status: string; text: string } | null;
};

/**
 * The items awaiting a moderator per consultation, as a table (`documentId`, `n`) a sibling's list joins: one
 * grouped read of the pending slice of each queue index, whatever the number of consultations.
 */
export function pendingPerConsultation(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const [contribution, comment] = (['contribution', 'comment'] as const).map((type) => {
    const r = rowsOf(strapi, MODERATED[type]);
    return knex(r.table)
      .select({ documentId: r.column('consultationDocumentId') })
      .where(r.column('status'), 'pending')
      .whereNotNull(r.column('consultationDocumentId'));
  });
  return knex
    .from(contribution.unionAll([comment]).as('pending'))
    .select('documentId')
    .count({ n: '*' })
    .groupBy('documentId');
}

type QueueShape = { type: TargetType | null; status: ModerationStatus | null; reported: boolean | null; consultation: boolean };

/** The moderation queue's reads: its pages and total, the reports on a page, pending counts, an item's state and events. */
export function queueRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;

  /**
   * How many items the filters select, counted exactly up to QUEUE_COUNT_CAP: an expression summing a bounded
   * count per slice, each an index-only range. Beyond the cap the queue says "more than" rather than count every
   * item on every page view (a queue of that size is worked through filters, not page numbers).
   */
  function queueSizeExpression(types: readonly TargetType[], slices: QueueSlice[], consultation?: unknown) {
    const counts = types.flatMap((type) => {
      const r = rowsOf(strapi, MODERATED[type]);
      return slices.map((slice) => {
        const q = knex()(r.table)
          .select(knex().raw('1'))
          .whereIn(r.column('status'), slice.statuses)
          .where(r.column('reportsCount'), slice.reported ? '>' : '=', 0)
          .limit(QUEUE_COUNT_CAP + 1);
        if (consultation) q.where(r.column('consultationDocumentId'), consultation as string);
        return knex().count({ n: '*' }).from(q.as('s'));
      });
    });
    return knex().raw(counts.map(() => '(?)').join(' + '), counts);
  }

  const sized = (n: unknown) => {
    const total = Number(n ?? 0);
    return total > QUEUE_COUNT_CAP ? { total: QUEUE_COUNT_CAP, capped: true } : { total, capped: false };
  };

  /** The queue's order, reported items first, then oldest: on the union (no alias) and again on the joined page. */
  const queueOrder = (alias?: string) => {
    const column = (name: string) => (alias ? `${alias}."${name}"` : `"${name}"`);
    return `CASE WHEN ${column('reportsCount')} > 0 THEN 0 ELSE 1 END, ${column('createdAt')} ASC, ${column('id')} ASC`;
  };

  /**
   * The page of the queue and its total, one statement of the shape's (values: `consultation`, `depth`, `pageSize`,
   * `offset`). Each slice is one range of the queue index (status, reports_count, created_at, id) read in order and
   * cut at the end of the page, so a page costs O(page × slices) index entries, not a sort of the whole queue.
   */
  function queuePage(shape: QueueShape) {
    const filters = { status: shape.status ?? undefined, reported: shape.reported ?? undefined };
    const types = shape.type ? [shape.type] : (['contribution', 'comment'] as const);
    const slices = queueSlices(filters);
    const consultation = shape.consultation ? param('consultation') : undefined;
    const parts = types.flatMap((type) => {
      const r = rowsOf(strapi, MODERATED[type]);
      return slices.map((slice, i) => {
        const q = knex()(r.table)
          .select({
            type: knex().raw('?', [type]),
            id: r.column('id'),
            documentId: r.column('documentId'),
            consultationDocumentId: r.column('consultationDocumentId'),
            // Typed NULLs: PostgreSQL types an untyped NULL of a subquery as text, which a union cannot match.
            title: type === 'contribution' ? r.column('title') : knex().raw('CAST(NULL AS VARCHAR(255))'),
            parentContributionId: type === 'comment' ? r.column('contributionId') : knex().raw('CAST(NULL AS INTEGER)'),
            budgetProjectId: type === 'comment' ? r.column('budgetProjectId') : knex().raw('CAST(NULL AS INTEGER)'),
            answerStatus: type === 'contribution' ? r.column('officialAnswerStatus') : knex().raw('CAST(NULL AS VARCHAR(255))'),
            body: r.column('body'),
            authorName: r.column('authorName'),
            status: r.column('status'),
            reportsCount: r.column('reportsCount'),
            moderationReason: r.column('moderationReason'),
            createdAt: r.column('createdAt'),
          })
          .whereIn(r.column('status'), slice.statuses)
          .where(r.column('reportsCount'), slice.reported ? '>' : '=', 0)
          .orderBy(r.column('createdAt'))
          .orderBy(r.column('id'))
          .limit(numberParam('depth'));
        if (consultation) q.where(r.column('consultationDocumentId'), consultation);
        // SQLite takes ORDER BY and LIMIT in a compound select only inside a subquery.
        return knex()
          .select('*')
          .from(q.as(`${type}_${i}`));
      });
    });
    const union = parts.length === 1 ? parts[0] : parts[0].unionAll(parts.slice(1));
    const pageRows = knex().from(union.as('q')).select('*').orderByRaw(queueOrder()).limit(numberParam('pageSize')).offset(numberParam('offset'));
    // Each item's consultation (its draft's title, as everywhere in the admin) and a comment's contribution.
    const c = rowsOf(strapi, CONSULTATION_UID);
    const l = rowsOf(strapi, LIFECYCLE_UID);
    const parent = rowsOf(strapi, MODERATED.contribution);
    const project = rowsOf(strapi, 'plugin::participation.budget-project');
    const budget = rowsOf(strapi, 'plugin::participation.budget-process');
    return (
      knex()
        .from(pageRows.as('p'))
        .leftJoin({ c: c.table }, (on) => on.on(`c.${c.column('documentId')}`, 'p.consultationDocumentId').andOnNull(`c.${c.column('publishedAt')}`))
        .leftJoin({ l: l.table }, `l.${l.column('consultationDocumentId')}`, 'p.consultationDocumentId')
        .leftJoin({ pc: parent.table }, 'pc.id', 'p.parentContributionId')
        .leftJoin({ bp: project.table }, 'bp.id', 'p.budgetProjectId')
        .leftJoin({ b: budget.table }, 'b.id', `bp.${project.column('processId')}`)
        .select('p.*', {
          consultationTitle: `c.${c.column('title')}`,
          consultationSlug: `l.${l.column('slug')}`,
          parentDocumentId: `pc.${parent.column('documentId')}`,
          parentTitle: `pc.${parent.column('title')}`,
          projectDocumentId: `bp.${project.column('documentId')}`,
          projectTitle: `bp.${project.column('title')}`,
          budgetDocumentId: `b.${budget.column('documentId')}`,
          budgetSlug: `b.${budget.column('slug')}`,
          budgetName: `b.${budget.column('name')}`,
        })
        .select(knex().raw('(?) as ??', [queueSizeExpression(types, slices, consultation), 'queueTotal']))
        // The joins do not keep the page's order: it is restated on the page's alias.
        .orderByRaw(queueOrder('p'))
    );
  }

  const queueRow = (p: RawRow): QueueRow => {
    const consultationDocumentId = p.consultationDocumentId === null || p.consultationDocumentId === undefined ? null : String(p.consultationDocumentId);
    return {
      type: p.type as TargetType,
      id: Number(p.id),
      documentId: String(p.documentId),
      title: (p.title as string | null) ?? null,
      body: String(p.body),
      authorName: (p.authorName as string | null) ?? null,
      status: p.status as ModerationStatus,
      moderationReason: (p.moderationReason as string | null) ?? null,
      reportsCount: Number(p.reportsCount),
      answerStatus: (p.answerStatus as string | null) ?? null,
      createdAt: toDate(p.createdAt),
      consultation: consultationDocumentId
        ? { documentId: consultationDocumentId, slug: (p.consultationSlug as string | null) ?? null, title: (p.consultationTitle as string | null) ?? null }
        : null,
      contribution: p.type === 'comment' && p.parentDocumentId ? { documentId: String(p.parentDocumentId), title: String(p.parentTitle) } : null,
      project: p.projectDocumentId
        ? {
            documentId: String(p.projectDocumentId),
            title: String(p.projectTitle),
            budget: { documentId: String(p.budgetDocumentId), slug: String(p.budgetSlug), name: String(p.budgetName) },
          }
        : null,
    };
  };

  return {
    /**
     * One page of the queue with its total (capped), in one statement prepared on the server on PostgreSQL: planning
     * it (a union of index ranges, bounded counts, three joins) costs several times what running it does. An empty
     * page past the first counts apart.
     */
    async page(filters: QueueFilters): Promise<{ rows: QueueRow[]; total: number; capped: boolean }> {
      const shape: QueueShape = {
        type: filters.type ?? null,
        status: filters.status ?? null,
        reported: filters.reported ?? null,
        consultation: Boolean(filters.consultation),
      };
      const page = await runPrepared<RawRow, QueueShape>(
        knex(),
        'moderation.queue',
        shape,
        queuePage,
        {
          consultation: filters.consultation,
          depth: filters.page * filters.pageSize,
          pageSize: filters.pageSize,
          offset: (filters.page - 1) * filters.pageSize,
        },
        { serverPrepared: true }
      );
      const types = filters.type ? [filters.type] : (['contribution', 'comment'] as const);
      const total = page.length
        ? sized(page[0].queueTotal)
        : filters.page === 1
          ? sized(0)
          : sized(
              ((await knex().select(knex().raw('(?) as ??', [queueSizeExpression(types, queueSlices(filters), filters.consultation), 'n']))) as RawRow[])[0]?.n
            );
      return { rows: page.map(queueRow), ...total };
    },

    /** The reports on the page's reported items, by `type:id`, oldest first (one statement, none when nothing is reported). */
    async reportsOf(items: QueueRow[]) {
      const byTarget = new Map<string, QueueReport[]>();
      const reported = items.filter((p) => p.reportsCount > 0);
      if (!reported.length) return byTarget;
      const reports = rowsOf(strapi, REPORT);
      const q = knex()(reports.table)
        .select(reports.select(['targetType', 'targetId', 'reason', 'details', 'createdAt', 'counted', 'reporterSince']))
        .orderBy(reports.column('createdAt'))
        .orderBy('id');
      for (const type of ['contribution', 'comment'] as const) {
        const ids = reported.filter((p) => p.type === type).map((p) => p.id);
        if (ids.length) q.orWhere((w) => w.where(reports.column('targetType'), type).whereIn(reports.column('targetId'), ids));
      }
      for (const r of (await q) as RawRow[]) {
        const key = `${r.targetType}:${r.targetId}`;
        const at = toDate(r.createdAt);
        const since = toDate(r.reporterSince);
        const accountAgeDays = at && since ? Math.floor((at.getTime() - since.getTime()) / 86_400_000) : null;
        byTarget.set(key, [
          ...(byTarget.get(key) ?? []),
          { reason: String(r.reason), details: (r.details as string | null) ?? null, at, counted: isTrue(r.counted), accountAgeDays },
        ]);
      }
      return byTarget;
    },

    /** Pending items per consultation document id (comments on budget projects belong to none): one statement. */
    async pendingByConsultation() {
      const rows = (await pendingPerConsultation(strapi)) as RawRow[];
      return new Map(rows.map((r) => [String(r.documentId), Number(r.n)]));
    },

    /** Where one item stands; null when there is none. */
    async itemState(type: TargetType, documentId: string): Promise<ItemState | null> {
      const r = rowsOf(strapi, MODERATED[type]);
      const attrs = [
        'status',
        'moderationReason',
        'moderatedAt',
        ...(type === 'contribution' ? ['channel', 'officialAnswerStatus', 'officialAnswerText', 'officialAnswerAt', 'heldAnswerStatus', 'heldAnswerText'] : []),
      ];
      const row: RawRow | undefined = await knex()(r.table).select(r.select(attrs)).where(r.column('documentId'), documentId).first();
      if (!row) return null;
      return {
        status: row.status as ModerationStatus,
        moderationReason: (row.moderationReason as string | null) ?? null,
        moderatedAt: toDate(row.moderatedAt),
        channel: (row.channel as string | undefined) ?? null,
        officialAnswer: row.officialAnswerStatus
          ? { status: String(row.officialAnswerStatus), text: (row.officialAnswerText as string | null) ?? '', at: toDate(row.officialAnswerAt) }
          : null,
        heldAnswer: row.heldAnswerStatus ? { status: String(row.heldAnswerStatus), text: (row.heldAnswerText as string | null) ?? '' } : null,
      };
    },

    /** The decisions taken on one item (by its row id), oldest first. */
    async events(type: TargetType, itemId: number) {
      const events = rowsOf(strapi, MODERATION_EVENT);
      const rows: RawRow[] = await knex()(events.table)
        .select(events.select(['decision', 'fromStatus', 'toStatus', 'reason', 'note', 'actorType', 'actorName', 'at']))
        .where(events.column('targetType'), type)
        .where(events.column('targetId'), itemId)
        .orderBy(events.column('at'))
        .orderBy(events.column('id'));
      return rows.map((r) => ({
        decision: String(r.decision),
        from: String(r.fromStatus),
        to: String(r.toStatus),
        reason: (r.reason as string | null) ?? null,
        note: (r.note as string | null) ?? null,
        actor: r.actorType === 'admin' ? { type: 'admin' as const, name: String(r.actorName) } : { type: 'system' as const },
        at: toDate(r.at),
      }));
    },
  };
}
