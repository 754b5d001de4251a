import { rowsOf, toDate, type RawRow } from '../platform/database/rows';
import type { PersonalData } from '../platform/personal-data';
import { ERASED_AUTHOR } from '../platform/text';
import { COMMENT } from './threads';

/** A citizen's comments, every status, with what each answers (a contribution or a budget project). */
export const commentsPersonalData: PersonalData = {
  holds: [{ uid: COMMENT, attribute: 'authorId' }],
  async exportOf(strapi, userId) {
    const m = rowsOf(strapi, COMMENT);
    const c = rowsOf(strapi, 'plugin::participation.contribution');
    const bp = rowsOf(strapi, 'plugin::participation.budget-project');
    const comments: RawRow[] = await strapi.db
      .connection({ m: m.table })
      .leftJoin({ c: c.table }, `c.id`, `m.${m.column('contributionId')}`)
      .leftJoin({ bp: bp.table }, `bp.id`, `m.${m.column('budgetProjectId')}`)
      .select({
        documentId: `m.${m.column('documentId')}`,
        contribution: `c.${c.column('documentId')}`,
        budgetProject: `bp.${bp.column('documentId')}`,
        body: `m.${m.column('body')}`,
        status: `m.${m.column('status')}`,
        moderationReason: `m.${m.column('moderationReason')}`,
        createdAt: `m.${m.column('createdAt')}`,
      })
      .where(`m.${m.column('authorId')}`, userId)
      .orderBy(`m.${m.column('createdAt')}`);
    return { comments: comments.map((x) => ({ ...x, createdAt: toDate(x.createdAt)?.toISOString() ?? null })) };
  },
  async erase(strapi, trx, userId, tombstone) {
    const m = rowsOf(strapi, COMMENT);
    await trx(m.table)
      .where(m.column('authorId'), userId)
      .update(m.toColumns({ authorId: tombstone, authorName: ERASED_AUTHOR }));
  },
};
