import type { Core } from '@strapi/strapi';
import { consultationTitles } from '../consultations/public';
import { notFound } from '../platform/errors';
import { paginationMeta } from '../platform/validation';
import { allowedDecisions, type TargetType } from './domain/moderation';
import { moderationRepository } from './repository';
import { queueRepository, type QueueFilters } from './repository/queue';

export { QUEUE_COUNT_CAP, type QueueFilters } from './repository/queue';

/** What moderators read: the queue, the pending counts per consultation, an item's history. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const queue = queueRepository(strapi);
  return {
    /**
     * The queue: by default what needs a moderator (pending, hidden, or published but reported), reported items
     * first then oldest; filters by consultation, status, type, reported. Each item carries the decisions the
     * moderation table allows on it, so the admin never re-declares them.
     *
     * One statement gives the page, its total, each item's consultation and a comment's contribution; a second one
     * the reports, only when the page holds reported items. Every statement is a round trip the moderators' busiest
     * page pays on each view.
     */
    async queue(filters: QueueFilters) {
      const page = await queue.page(filters);
      const byTarget = await queue.reportsOf(page.rows);
      return {
        data: page.rows.map(({ id, authorName, ...item }) => ({
          ...item,
          author: { displayName: authorName ?? 'Anonyme' },
          reports: byTarget.get(`${item.type}:${id}`) ?? [],
          decisions: allowedDecisions(item.status),
        })),
        meta: { pagination: { ...paginationMeta(filters.page, filters.pageSize, page.total), totalIsLowerBound: page.capped } },
      };
    },

    /** Pending items per consultation, for the queue's counters. */
    async pendingCounts() {
      const out = await queue.pendingByConsultation();
      const titles = await consultationTitles(strapi, [...out.keys()]);
      return [...out.entries()].map(([documentId, pending]) => ({ consultation: titles.get(documentId) ?? { documentId }, pending }));
    },

    /** Where one item stands: moderation status and reason, channel, and (contributions) its official answer, held or public. */
    async item(type: TargetType, documentId: string) {
      const state = await queue.itemState(type, documentId);
      if (!state) throw notFound('Élément introuvable.');
      return state;
    },

    /** The decisions taken on one item, oldest first. */
    async history(type: TargetType, documentId: string) {
      const item = await moderationRepository(strapi).loadItem(type, documentId);
      if (!item) throw notFound('Élément introuvable.');
      return queue.events(type, item.id);
    },
  };
};
