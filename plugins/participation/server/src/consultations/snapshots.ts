import type { Core } from '@strapi/strapi';
import { MEDIA_FIELDS, snapshotOf, type ConsultationDocument } from './domain/snapshot';
import { consultationIds, CONSULTATION_UID, writeSnapshot } from './repository';
import { type Db } from '../platform/database/rows';
import { transaction } from '../platform/database/transaction';
import { recordDossier } from '../procedures/public';
import { importedFrom } from '../imports/public';

const mediaPopulate = { fields: [...MEDIA_FIELDS] };

/**
 * Writes the public snapshot of a consultation (card, detail, participation rules, search key) on its lifecycle
 * row, from its published version; clears it when there is none. Called by the Document Service middleware on
 * every write, publish and unpublish, in the caller's transaction; and for all consultations when a theme, a
 * territory or a media file they show changes, and at bootstrap for rows that have none yet.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async refresh(documentId: string, db?: Db): Promise<void> {
    if (!db) return transaction(strapi, (trx) => this.refresh(documentId, trx));
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
    const snapshot = published ? snapshotOf(published, await importedFrom(strapi, db, 'space', documentId)) : null;
    await writeSnapshot(strapi, db, documentId, snapshot);
    // A legal procedure keeps what was online in its dossier, and when (procedures/).
    await recordDossier(strapi, db, documentId, snapshot?.participation.procedure?.kind ?? 'libre', snapshot?.detail.documents ?? []);
  },

  /** Every consultation, or only those without a snapshot yet; returns how many were written. */
  async refreshAll({ missingOnly = false } = {}) {
    const documentIds = await consultationIds(strapi, { missingSnapshot: missingOnly });
    for (const documentId of documentIds) await this.refresh(documentId);
    return documentIds.length;
  },
});
