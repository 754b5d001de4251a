import type { Core } from '@strapi/strapi';
import { notFound } from '../platform/errors';
import { paginationMeta } from '../platform/validation';
import { presentDetail, presentSummary } from './presenter';
import { listingRepository, type ConsultationFilters } from './repository/listing';
import type { Citizen } from '../platform/citizen';
import { getService } from '../platform/services';

export type { ConsultationFilters, ConsultationSort } from './repository/listing';

/** Public reads of consultations, from the snapshots on their lifecycle rows. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const listing = listingRepository(strapi);
  return {
    /** Public consultations (never drafts, never unpublished), filtered, sorted and paged. */
    async list(filters: ConsultationFilters) {
      const { consultations, total } = await listing.list(filters);
      return {
        data: consultations.map(({ row, card }) => presentSummary(row, card)),
        meta: { pagination: paginationMeta(filters.page, filters.pageSize, total) },
      };
    },

    /** One public consultation by slug, in one statement (two for a signed-in visitor): 404 for unknown, draft or unpublished alike. */
    async findBySlug(slug: string, citizen: Citizen | null, now = new Date()) {
      const found = await listing.bySlug(slug);
      if (!found) throw notFound('Consultation introuvable.');
      const { row } = found;
      // Whether a signed-in visitor follows it: one indexed lookup, only for them.
      const isFollowing = citizen ? await getService(strapi, 'follows').isFollowing(citizen.id, 'consultation', row.consultationDocumentId) : null;
      const data = presentDetail(row, found.card, found.detail, found.participation, !!citizen, now);
      return { data: isFollowing === null ? data : { ...data, viewer: { ...data.viewer, isFollowing } } };
    },
  };
};
