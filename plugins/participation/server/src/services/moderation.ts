import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { notFound } from '../domain/errors';
import { decide, publicDelta, type Decision, type ModerationStatus, type TargetType } from '../domain/moderation';
import { paginationMeta } from '../domain/validation';
import { tableOf } from '../repositories/columns';
import { CONSULTATION_UID, incrementLifecycle, LIFECYCLE_UID, toDate } from '../repositories/lifecycles';
import { rowsOf } from '../repositories/rows';

const UIDS = {
  contribution: 'plugin::participation.contribution',
  comment: 'plugin::participation.comment',
} as const;

export type ModerationActor = { type: 'admin'; id: number | null; name: string } | { type: 'system' };

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

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /**
   * One decision on one item, in the caller's transaction: conditional update on the status read, one event
   * in the append-only log, and the public counters moved by the same transaction. Null when the item's
   * status changed in between (nothing written).
   */
  async function applyDecision(
    trx: Knex.Transaction,
    type: TargetType,
    item: { id: number; documentId: string; status: ModerationStatus; authorId: number | null; title: string; consultationDocumentId: string; contributionId?: number },
    decision: Decision,
    actor: ModerationActor,
    reason: string | null,
    note: string | null,
    now = new Date()
  ): Promise<Decided | { refused: { code: string; message: string } } | null> {
    const verdict = decide(item.status, decision);
    if (!verdict.ok) return { refused: { code: verdict.code, message: verdict.message } };
    const rows = rowsOf(strapi, UIDS[type]);
    const updated = await trx(rows.table)
      .where(rows.column('id'), item.id)
      .where(rows.column('status'), item.status)
      .update(rows.toColumns({ status: verdict.to, moderationReason: reason, moderatedAt: now, updatedAt: now }));
    if (updated !== 1) return null;

    const events = rowsOf(strapi, 'plugin::participation.moderation-event');
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
        await incrementLifecycle(strapi, trx, item.consultationDocumentId, 'contributionsCount', delta);
      } else {
        const c = rowsOf(strapi, UIDS.contribution);
        await trx(c.table).where(c.column('id'), item.contributionId!).increment(c.column('commentsCount'), delta);
      }
    }
    return { type, id: item.id, documentId: item.documentId, decision, from: item.status, to: verdict.to, reason, note, authorId: item.authorId, title: item.title };
  }

  async function loadItem(db: Knex | Knex.Transaction, type: TargetType, documentId: string) {
    const rows = rowsOf(strapi, UIDS[type]);
    const attrs = ['id', 'documentId', 'status', 'authorId', 'consultationDocumentId', ...(type === 'contribution' ? ['title'] : ['contributionId', 'body'])];
    const row = await db(rows.table).select(rows.select(attrs)).where(rows.column('documentId'), documentId).first();
    if (!row) return null;
    return { ...row, id: Number(row.id), title: row.title ?? String(row.body).slice(0, 80), authorId: row.authorId ?? null };
  }

  return {
    applyDecision,
    loadItem,

    /** Agents' bulk decisions: each item on its own, a result per item; the author is told after commit. */
    async decideMany(items: { type: TargetType; id: string }[], decision: Decision, reason: string | null, note: string | null, actor: ModerationActor) {
      const results = [];
      const decided: Decided[] = [];
      for (const { type, id } of items) {
        const outcome = await knex().transaction(async (trx) => {
          const item = await loadItem(trx, type, id);
          if (!item) return { type, id, ok: false, code: 'not_found', message: 'Élément introuvable.' };
          const done = await applyDecision(trx, type, item, decision, actor, reason, note);
          if (!done) return { type, id, ok: false, code: 'stale_state', message: "L'élément vient d'être modéré par quelqu'un d'autre." };
          if ('refused' in done) return { type, id, ok: false, ...done.refused };
          decided.push(done);
          return { type, id, ok: true, status: done.to };
        });
        results.push(outcome);
      }
      for (const d of decided) await strapi.plugin('participation').service('notifications').moderationDecided(d);
      return results;
    },

    /**
     * The queue: by default what needs a moderator (pending, hidden, or published but reported), reported items
     * first then oldest; filters by consultation, status, type, reported.
     */
    async queue(filters: { consultation?: string; status?: ModerationStatus; type?: TargetType; reported?: boolean; page: number; pageSize: number }) {
      const parts = (filters.type ? [filters.type] : (['contribution', 'comment'] as const)).map((type) => {
        const r = rowsOf(strapi, UIDS[type]);
        const q = knex()(r.table)
          .select({
            type: knex().raw('?', [type]),
            id: r.column('id'),
            documentId: r.column('documentId'),
            consultationDocumentId: r.column('consultationDocumentId'),
            title: type === 'contribution' ? r.column('title') : knex().raw('NULL'),
            body: r.column('body'),
            authorName: r.column('authorName'),
            status: r.column('status'),
            reportsCount: r.column('reportsCount'),
            moderationReason: r.column('moderationReason'),
            createdAt: r.column('createdAt'),
          })
          .where((qb) => {
            if (filters.status) qb.where(r.column('status'), filters.status);
            else qb.whereIn(r.column('status'), ['pending', 'hidden']).orWhere((o) => o.where(r.column('status'), 'published').where(r.column('reportsCount'), '>', 0));
          });
        if (filters.consultation) q.where(r.column('consultationDocumentId'), filters.consultation);
        if (filters.reported !== undefined) q.where(r.column('reportsCount'), filters.reported ? '>' : '=', 0);
        return q;
      });
      // No parentheses around the parts: SQLite refuses them in a compound select.
      const union = parts.length === 1 ? parts[0] : parts[0].unionAll(parts.slice(1));
      const all = knex().from(union.as('q'));
      const [{ total }] = await all.clone().count({ total: '*' });
      const page = await all
        .clone()
        .select('*')
        .orderByRaw('CASE WHEN "reportsCount" > 0 THEN 0 ELSE 1 END')
        .orderBy('createdAt', 'asc')
        .orderBy('id', 'asc')
        .limit(filters.pageSize)
        .offset((filters.page - 1) * filters.pageSize);

      const reports = rowsOf(strapi, 'plugin::participation.report');
      const byTarget = new Map<string, { reason: string; details: string | null; at: Date | null }[]>();
      for (const type of ['contribution', 'comment'] as const) {
        const ids = page.filter((p: any) => p.type === type).map((p: any) => Number(p.id));
        if (!ids.length) continue;
        const rows = await knex()(reports.table)
          .select(reports.select(['targetId', 'reason', 'details', 'createdAt']))
          .where(reports.column('targetType'), type)
          .whereIn(reports.column('targetId'), ids)
          .orderBy(reports.column('createdAt'));
        for (const r of rows) {
          const key = `${type}:${r.targetId}`;
          byTarget.set(key, [...(byTarget.get(key) ?? []), { reason: r.reason, details: r.details ?? null, at: toDate(r.createdAt) }]);
        }
      }
      const consultations = await this.consultationTitles([...new Set(page.map((p: any) => p.consultationDocumentId as string))]);
      return {
        data: page.map((p: any) => ({
          type: p.type,
          documentId: p.documentId,
          title: p.title ?? null,
          body: p.body,
          author: { displayName: p.authorName ?? 'Anonyme' },
          status: p.status,
          moderationReason: p.moderationReason ?? null,
          reportsCount: Number(p.reportsCount),
          reports: byTarget.get(`${p.type}:${p.id}`) ?? [],
          consultation: consultations.get(p.consultationDocumentId) ?? { documentId: p.consultationDocumentId, slug: null, title: null },
          createdAt: toDate(p.createdAt),
        })),
        meta: { pagination: paginationMeta(filters.page, filters.pageSize, Number(total)) },
      };
    },

    async consultationTitles(documentIds: string[]) {
      if (!documentIds.length) return new Map();
      const c = tableOf(strapi, CONSULTATION_UID);
      const l = tableOf(strapi, LIFECYCLE_UID);
      const rows = await knex()({ c: c.table })
        .leftJoin({ l: l.table }, `l.${l.column('consultationDocumentId')}`, `c.${c.column('documentId')}`)
        .select({ documentId: `c.${c.column('documentId')}`, title: `c.${c.column('title')}`, slug: `l.${l.column('slug')}` })
        .whereIn(`c.${c.column('documentId')}`, documentIds)
        .whereNull(`c.${c.column('publishedAt')}`);
      return new Map(rows.map((r: any) => [r.documentId, { documentId: r.documentId, slug: r.slug, title: r.title }]));
    },

    /** Pending items per consultation, for the queue's counters. */
    async pendingCounts() {
      const out = new Map<string, number>();
      for (const type of ['contribution', 'comment'] as const) {
        const r = rowsOf(strapi, UIDS[type]);
        const rows = await knex()(r.table)
          .select({ consultationDocumentId: r.column('consultationDocumentId') })
          .count({ n: '*' })
          .where(r.column('status'), 'pending')
          .groupBy(r.column('consultationDocumentId'));
        for (const row of rows as any[]) out.set(row.consultationDocumentId, (out.get(row.consultationDocumentId) ?? 0) + Number(row.n));
      }
      const titles = await this.consultationTitles([...out.keys()]);
      return [...out.entries()].map(([documentId, pending]) => ({ consultation: titles.get(documentId) ?? { documentId }, pending }));
    },

    /** The decisions taken on one item, oldest first. */
    async history(type: TargetType, documentId: string) {
      const item = await loadItem(knex(), type, documentId);
      if (!item) throw notFound('Élément introuvable.');
      const events = rowsOf(strapi, 'plugin::participation.moderation-event');
      const rows = await knex()(events.table)
        .select(events.select(['decision', 'fromStatus', 'toStatus', 'reason', 'note', 'actorType', 'actorName', 'at']))
        .where(events.column('targetType'), type)
        .where(events.column('targetId'), item.id)
        .orderBy(events.column('at'))
        .orderBy(events.column('id'));
      return rows.map((r: any) => ({
        decision: r.decision,
        from: r.fromStatus,
        to: r.toStatus,
        reason: r.reason ?? null,
        note: r.note ?? null,
        actor: r.actorType === 'admin' ? { type: 'admin', name: r.actorName } : { type: 'system' },
        at: toDate(r.at),
      }));
    },

    /** An agent's official answer to a contribution, public with it. */
    async answer(documentId: string, answer: { status: string; text: string }) {
      const c = rowsOf(strapi, UIDS.contribution);
      const now = new Date();
      const [row] = await knex()(c.table)
        .where(c.column('documentId'), documentId)
        .update(c.toColumns({ officialAnswerStatus: answer.status, officialAnswerText: answer.text, officialAnswerAt: now, updatedAt: now }))
        .returning([c.column('status')]);
      if (!row) throw notFound('Contribution introuvable.');
      // Answering is allowed whatever the moderation status; `visible` says whether the public sees it now.
      return { status: answer.status, text: answer.text, answeredAt: now, visible: row[c.column('status')] === 'published' };
    },
  };
};
