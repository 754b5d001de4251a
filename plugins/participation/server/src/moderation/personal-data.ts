import { rowsOf, toDate, type RawRow } from '../platform/database/rows';
import type { PersonalData } from '../platform/personal-data';
import { MODERATED, REPORT } from './repository';

/** The reports a citizen made, with what each was about. */
export const moderationPersonalData: PersonalData = {
  holds: [{ uid: REPORT, attribute: 'userId' }],
  async exportOf(strapi, userId) {
    const knex = strapi.db.connection;
    const r = rowsOf(strapi, REPORT);
    const reports: RawRow[] = await knex(r.table)
      .select(r.select(['targetType', 'targetId', 'reason', 'details', 'createdAt']))
      .where(r.column('userId'), userId);
    const targets = new Map<string, string>();
    for (const type of ['contribution', 'comment'] as const) {
      const ids = reports.filter((x) => x.targetType === type).map((x) => Number(x.targetId));
      if (!ids.length) continue;
      const t = rowsOf(strapi, MODERATED[type]);
      const found: RawRow[] = await knex(t.table)
        .select({ id: 'id', documentId: t.column('documentId') })
        .whereIn('id', ids);
      for (const x of found) targets.set(`${type}:${x.id}`, String(x.documentId));
    }
    return {
      reports: reports.map((x) => ({
        type: x.targetType,
        target: targets.get(`${x.targetType}:${x.targetId}`) ?? null,
        reason: x.reason,
        details: x.details ?? null,
        at: toDate(x.createdAt)?.toISOString() ?? null,
      })),
    };
  },
  async erase(strapi, trx, userId, tombstone) {
    const r = rowsOf(strapi, REPORT);
    await trx(r.table)
      .where(r.column('userId'), userId)
      .update({ [r.column('userId')]: tombstone });
  },
};
