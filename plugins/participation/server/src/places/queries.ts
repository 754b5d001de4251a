import type { Core } from '@strapi/strapi';
import { notFound } from '../platform/errors';
import { getService } from '../platform/services';
import { findPlace } from '../territories/public';

/** How many items of each kind a place's page shows; the totals say how many there are in all. */
export const PLACE_LIMIT = 20;

/**
 * « Près de chez moi » — everything that concerns one place, in one answer: the consultations about it (or about
 * the territories that contain it or that it contains), the budget projects located in it, the petitions filed from
 * it. Each list comes from its own capability's public read, so a place shows exactly what those lists show.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async overview(code: string, now = new Date()) {
    const place = await findPlace(strapi, code);
    if (!place) throw notFound('Lieu introuvable.');
    const [open, past, projects, petitions] = await Promise.all([
      getService(strapi, 'consultation-reads').list({ territory: code, status: ['open', 'scheduled'], sort: 'closesAt', page: 1, pageSize: PLACE_LIMIT }),
      getService(strapi, 'consultation-reads').list({
        territory: code,
        status: ['closed', 'results_published', 'archived'],
        sort: '-opensAt',
        page: 1,
        pageSize: PLACE_LIMIT,
      }),
      getService(strapi, 'budget-reads').near(code, PLACE_LIMIT, now),
      getService(strapi, 'petition-reads').list({ territory: code, sort: '-createdAt', page: 1, pageSize: PLACE_LIMIT }),
    ]);
    return {
      data: {
        place,
        consultations: { total: open.meta.pagination.total, items: open.data },
        pastConsultations: { total: past.meta.pagination.total, items: past.data },
        budgetProjects: projects,
        petitions: { total: petitions.meta.pagination.total, items: petitions.data },
      },
    };
  },
});
