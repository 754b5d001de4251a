import type { PersonalData } from '../platform/personal-data';
import { questionnairesRepository } from './repository';

/**
 * A citizen's questionnaire responses (drafts and sent ones, with their receipts) and the files joined to them
 * (described, with their SHA-256; the person holds the files themselves); anonymous and paper ones are nobody's.
 */
export const questionnairesPersonalData: PersonalData = {
  holds: [{ uid: 'plugin::participation.questionnaire-response', attribute: 'userId' }],
  async exportOf(strapi, userId) {
    const repository = questionnairesRepository(strapi);
    const [rows, files] = await Promise.all([repository.responsesOfUser(userId), repository.filesOfUser(userId)]);
    return {
      questionnaireFiles: files,
      questionnaireResponses: rows.map((r) => ({
        questionnaire: r.questionnaire,
        slug: r.slug,
        status: r.submittedAt ? 'envoyée' : 'brouillon',
        submittedAt: r.submittedAt?.toISOString() ?? null,
        receipt: r.receipt,
        answers: r.answers,
      })),
    };
  },
  erase: async (strapi, trx, userId) => {
    await questionnairesRepository(strapi).eraseUser(trx, userId);
  },
};
