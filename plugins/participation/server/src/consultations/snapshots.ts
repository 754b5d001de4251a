import type { Core } from '@strapi/strapi';
import { MEDIA_FIELDS, snapshotOf, type ConsultationDocument } from './domain/snapshot';
import { CONSULTATION_UID, lifecycleTable } from './repository';
import { type Db } from '../platform/database/rows';
import { recordDossier } from '../procedures/public';

const mediaPopulate = { fields: [...MEDIA_FIELDS] };

/**
 * Writes the public snapshot of a consultation (card, detail, participation rules, search key) on its lifecycle
 * row, from its published version; clears it when there is none. Called by the Document Service middleware on
 * every write, publish and unpublish, in the caller's transaction; and for all consultations when a theme, a
 * territory or a media file they show changes, and at bootstrap for rows that have none yet.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async refresh(documentId: string, db: Db = strapi.db.connection) {
    const published = (await strapi.documents(CONSULTATION_UID).findOne({
      documentId,
      status: 'published',
      populate: {
        cover: mediaPopulate,
        documents: mediaPopulate,
        resultsAttachments: mediaPopulate,
        themes: { fields: ['slug', 'name', 'color'] },
        territory: { fields: ['inseeCode', 'name', 'kind'] },
      },
    })) as ConsultationDocument | null;
    const { table, column } = lifecycleTable(strapi);
    const snapshot = published ? snapshotOf(published) : null;
    await db(table)
      .where(column('consultationDocumentId'), documentId)
      .update({
        [column('publicCard')]: snapshot ? JSON.stringify(snapshot.card) : null,
        [column('publicDetail')]: snapshot ? JSON.stringify(snapshot.detail) : null,
        [column('participationRules')]: snapshot ? JSON.stringify(snapshot.participation) : null,
        [column('searchKey')]: snapshot?.searchKey ?? null,
      });
    // A legal procedure keeps what was online in its dossier, and when (procedures/).
    await recordDossier(strapi, db, documentId, snapshot?.participation.procedure?.kind ?? 'libre', snapshot?.detail.documents ?? []);
  },

  /** Every consultation, or only those without a snapshot yet; returns how many were written. */
  async refreshAll({ missingOnly = false } = {}) {
    const { table, column } = lifecycleTable(strapi);
    const query = strapi.db.connection(table).select({ documentId: column('consultationDocumentId') });
    if (missingOnly) query.whereNull(column('participationRules'));
    const rows: { documentId: string }[] = await query;
    for (const { documentId } of rows) await this.refresh(documentId);
    return rows.length;
  },
});
