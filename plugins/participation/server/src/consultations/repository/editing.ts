import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { createId } from '@paralleldrive/cuid2';
import { tableOf } from '../../platform/database/columns';
import { toDate, type RawRow } from '../../platform/database/rows';
import type { ConsultationStatus } from '../domain/lifecycle';
import { jsonColumn, type ConsultationDetail } from '../domain/snapshot';
import { CONSULTATION_UID, lifecycleTable } from './index';

/** The lifecycle row's writes that follow staff's edits in the Content Manager (slug, live calendar, creation, deletion). */
export function editingRepository(strapi: Core.Strapi) {
  const l = lifecycleTable(strapi);
  const column = l.column;

  return {
    /** The slugs taken by other consultations among `wanted` and `wanted-N`. */
    async takenSlugs(trx: Knex.Transaction, wanted: string, ownDocumentId: string | undefined) {
      const rows: RawRow[] = await trx(l.table)
        .select({ slug: column('slug'), documentId: column('consultationDocumentId') })
        .where(column('slug'), wanted)
        .orWhere(column('slug'), 'like', `${wanted}-%`);
      return new Set(rows.filter((r) => r.documentId !== ownDocumentId).map((r) => String(r.slug)));
    },

    /** The live calendar, conditional on the state read before (false when a transition came in between). */
    async moveSchedule(trx: Knex.Transaction, documentId: string, from: ConsultationStatus, dates: { opensAt: Date | null; closesAt: Date | null }, at: Date) {
      const updated = await trx(l.table)
        .where(column('consultationDocumentId'), documentId)
        .where(column('status'), from)
        .update({ [column('opensAt')]: dates.opensAt, [column('closesAt')]: dates.closesAt, [column('updatedAt')]: at });
      return updated === 1;
    },

    /** A new slug, conditional on the state read before (false when a transition came in between). */
    async renameSlug(trx: Knex.Transaction, documentId: string, from: ConsultationStatus, slug: string, at: Date) {
      const updated = await trx(l.table)
        .where(column('consultationDocumentId'), documentId)
        .where(column('status'), from)
        .update({ [column('slug')]: slug, [column('updatedAt')]: at });
      return updated === 1;
    },

    /** Every version (draft, published) of the consultation carries the same slug. */
    async writeVersionsSlug(trx: Knex.Transaction, documentId: string, slug: string) {
      const c = tableOf(strapi, CONSULTATION_UID);
      await trx(c.table)
        .where(c.column('documentId'), documentId)
        .update({ [c.column('slug')]: slug });
    },

    /** The public detail of the consultation and when its results were published. */
    async publishedDetail(trx: Knex.Transaction, documentId: string) {
      const raw: RawRow | undefined = await trx(l.table)
        .select({ detail: column('publicDetail'), resultsAt: column('resultsPublishedAt') })
        .where(column('consultationDocumentId'), documentId)
        .first();
      return { detail: jsonColumn<ConsultationDetail>(raw?.detail), resultsAt: toDate(raw?.resultsAt) };
    },

    /** A new consultation's lifecycle row: a draft with its dates, counters at zero. */
    async insertDraft(trx: Knex.Transaction, documentId: string, slug: string, opensAt: Date | null, closesAt: Date | null) {
      const now = new Date();
      await trx(l.table).insert({
        [column('documentId')]: createId(),
        [column('consultationDocumentId')]: documentId,
        [column('slug')]: slug,
        [column('status')]: 'draft',
        [column('opensAt')]: opensAt,
        [column('closesAt')]: closesAt,
        [column('contributionsCount')]: 0,
        [column('participantsCount')]: 0,
        [column('supportsCount')]: 0,
        [column('createdAt')]: now,
        [column('updatedAt')]: now,
        [column('publishedAt')]: now,
      });
    },

    /** A deleted draft's lifecycle row goes with it. */
    async remove(trx: Knex.Transaction, documentId: string) {
      await trx(l.table).where(column('consultationDocumentId'), documentId).del();
    },
  };
}
