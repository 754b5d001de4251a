import type { PersonalData } from '../platform/personal-data';
import { moderationRepository, REPORT } from './repository';

/** The reports a citizen made, with what each was about. */
export const moderationPersonalData: PersonalData = {
  holds: [{ uid: REPORT, attribute: 'userId' }],
  async exportOf(strapi, userId) {
    const reports = await moderationRepository(strapi).reportsOf(userId);
    return { reports: reports.map((x) => ({ ...x, at: x.at?.toISOString() ?? null })) };
  },
  async erase(strapi, trx, userId, tombstone) {
    await moderationRepository(strapi).tombstoneReports(trx, userId, tombstone);
  },
};
