import { publicConsultationTitles } from '../consultations/public';
import { toDate } from '../platform/database/rows';
import type { PersonalData } from '../platform/personal-data';
import { ERASED_AUTHOR } from '../platform/text';
import { CONTRIBUTION, contributionsRepository, PARTICIPANT, SUPPORT } from './repository';

const iso = (v: unknown) => toDate(v)?.toISOString() ?? null;

/** A citizen's contributions (every status, the moderation's reason, the official answer), supports, and the consultations they took part in. */
export const contributionsPersonalData: PersonalData = {
  holds: [
    { uid: CONTRIBUTION, attribute: 'authorId' },
    { uid: SUPPORT, attribute: 'userId' },
    { uid: PARTICIPANT, attribute: 'userId' },
  ],
  async exportOf(strapi, userId) {
    const { contributions, supports, participated } = await contributionsRepository(strapi).personalDataOf(userId);
    // Published titles only: a draft's text is staff's until they publish it.
    const titles = await publicConsultationTitles(strapi, [...new Set([...participated, ...contributions.map((x) => String(x.consultationDocumentId))])]);
    return {
      contributions: contributions.map(({ id: _id, consultationDocumentId, ...x }) => ({
        ...x,
        consultation: titles.get(String(consultationDocumentId))?.slug ?? null,
        createdAt: iso(x.createdAt),
        updatedAt: iso(x.updatedAt),
      })),
      supports: supports.map((x) => ({ contribution: x.contribution, at: iso(x.at) })),
      consultations: [...titles.values()].map((t) => ({ slug: t.slug, title: t.title })),
    };
  },
  async erase(strapi, trx, userId, tombstone) {
    await contributionsRepository(strapi).tombstoneAuthor(trx, userId, tombstone, ERASED_AUTHOR);
  },
};
