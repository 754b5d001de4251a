import type { Core, UID } from '@strapi/strapi';
import { tableOf } from '../../platform/database/columns';
import { rowsOf, toDate, type RawRow } from '../../platform/database/rows';
import { CONSULTATION_UID, lifecycleTable, type LifecycleRow } from './index';

/** A consultation as agents list it: its lifecycle row, its draft's title, whether a version is published. */
export type StaffConsultationRow = { row: LifecycleRow; title: string; published: boolean; updatedAt: Date | null };

/** The agents' figures: consultations with their drafts' titles, and participation counted per day by the database. */
export function dashboardRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;

  /** `YYYY-MM-DD` of a timestamp column, computed by the database (SQLite stores milliseconds). */
  const day = (column: string) =>
    strapi.db.dialect.client === 'postgres' ? knex().raw(`to_char(??, 'YYYY-MM-DD')`, [column]) : knex().raw(`date(?? / 1000, 'unixepoch')`, [column]);

  return {
    /** Rows of `uid` created since `since`, per day; a support belongs to a consultation through its contribution. */
    async perDay(uid: UID.Schema, since: Date, consultation?: string) {
      const t = rowsOf(strapi, uid);
      const q = knex()(t.table)
        .select({ day: day(t.column('createdAt')) })
        .count({ n: '*' })
        .where(t.column('createdAt'), '>=', since)
        .groupByRaw('1');
      if (consultation && uid !== 'plugin::participation.support') q.where(t.column('consultationDocumentId'), consultation);
      if (consultation && uid === 'plugin::participation.support') {
        const c = rowsOf(strapi, 'plugin::participation.contribution');
        q.whereIn(t.column('contributionId'), knex()(c.table).select('id').where(c.column('consultationDocumentId'), consultation));
      }
      return new Map<string, number>(((await q) as RawRow[]).map((r) => [String(r.day), Number(r.n)]));
    },

    /** Every consultation (draft titles included), by status and title, those with an opening date first, newest first. */
    async consultations(filters: { status?: string; q?: string } = {}): Promise<StaffConsultationRow[]> {
      const l = lifecycleTable(strapi);
      const c = tableOf(strapi, CONSULTATION_UID);
      const query = knex()({ l: l.table })
        .join({ c: c.table }, `c.${c.column('documentId')}`, `l.${l.column('consultationDocumentId')}`)
        .whereNull(`c.${c.column('publishedAt')}`)
        .select({
          ...Object.fromEntries(Object.entries(l.selection).map(([k, v]) => [k, `l.${v}`])),
          title: `c.${c.column('title')}`,
          updatedAt: `c.${c.column('updatedAt')}`,
          published: knex().raw(`exists (select 1 from ?? p where p.?? = c.?? and p.?? is not null)`, [
            c.table,
            c.column('documentId'),
            c.column('documentId'),
            c.column('publishedAt'),
          ]),
        })
        .orderByRaw(`case when l.?? is null then 1 else 0 end, l.?? desc`, [l.column('opensAt'), l.column('opensAt')]);
      if (filters.status) query.where(`l.${l.column('status')}`, filters.status);
      if (filters.q) query.whereRaw(`lower(c.??) like ?`, [c.column('title'), `%${filters.q.toLowerCase().replace(/[%_\\]/g, '')}%`]);
      return ((await query) as RawRow[]).map((r) => ({
        row: l.fromDb(r)!,
        title: String(r.title ?? ''),
        published: r.published === true || Number(r.published) === 1,
        updatedAt: toDate(r.updatedAt),
      }));
    },
  };
}
