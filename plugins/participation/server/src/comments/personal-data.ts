import { toDate } from '../platform/database/rows';
import type { PersonalData } from '../platform/personal-data';
import { commentsOfAuthor, eraseCommentAuthor } from './repository';
import { COMMENT } from './threads';

/** A citizen's comments, every status, with what each answers (a contribution or a budget project). */
export const commentsPersonalData: PersonalData = {
  holds: [{ uid: COMMENT, attribute: 'authorId' }],
  async exportOf(strapi, userId) {
    const comments = await commentsOfAuthor(strapi, userId);
    return { comments: comments.map((x) => ({ ...x, createdAt: toDate(x.createdAt)?.toISOString() ?? null })) };
  },
  async erase(strapi, trx, userId, tombstone) {
    await eraseCommentAuthor(strapi, trx, userId, tombstone);
  },
};
