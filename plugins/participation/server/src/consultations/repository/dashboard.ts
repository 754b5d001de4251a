import type { Core } from '@strapi/strapi';
import { tableOf } from '../../platform/database/columns';
import { isTrue, rowsOf, toDate, type RawRow } from '../../platform/database/rows';
import { CONSULTATION_UID, lifecycleTable, type LifecycleRow } from './index';
import { pendingPerConsultation } from '../../moderation/public';
import { followersPerTarget } from '../../follows/public';

const CONTRIBUTION = 'plugin::participation.contribution' as const;
const SUPPORT = 'plugin::participation.support' as const;
const COMMENT = 'plugin::participation.comment' as const;

/** A consultation as agents list it: its lifecycle row, its draft's title, whether a version is published. */
export type StaffConsultationRow = { row: LifecycleRow; title: string; published: boolean; updatedAt: Date | null; pending: number; followers: number };

/** The agents' figures: consultations with their drafts' titles, and participation counted per day by the database. */
export function dashboardRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;

  /** `YYYY-MM-DD` of a timestamp column, computed by the database (SQLite stores milliseconds). */
  const day = (column: string) =>
    strapi.db.dialect.client === 'postgres' ? knex().raw(`to_char(??, 'YYYY-MM-DD')`, [column]) : knex().raw(`date(?? / 1000, 'unixepoch')`, [column]);

  return {
    /**
     * Contributions, supports and comments created since `since`, per day, in one statement; a support belongs to a
     * consultation through its contribution.
     */
    async perDay(since: Date, consultation?: string) {
      const kinds = { contributions: CONTRIBUTION, supports: SUPPORT, comments: COMMENT } as const;
      const parts = Object.entries(kinds).map(([kind, uid]) => {
        const t = rowsOf(strapi, uid);
        const q = knex()(t.table)
          // The kind is one of the three constant names above, written as a literal (a typed constant in the union).
          .select({ kind: knex().raw(`'${kind}'`), day: day(t.column('createdAt')) })
          .count({ n: '*' })
          .where(t.column('createdAt'), '>=', since)
          .groupByRaw('1, 2');
        if (consultation && uid !== SUPPORT) q.where(t.column('consultationDocumentId'), consultation);
        if (consultation && uid === SUPPORT) {
          const c = rowsOf(strapi, CONTRIBUTION);
          q.whereIn(t.column('contributionId'), knex()(c.table).select('id').where(c.column('consultationDocumentId'), consultation));
        }
        // Each grouped part as a subquery: knex would place the first part's GROUP BY after the union.
        return knex()
          .select('*')
          .from(q.as(`per_${kind}`));
      });
      const rows = (await parts[0].unionAll(parts.slice(1))) as RawRow[];
      const out = { contributions: new Map<string, number>(), supports: new Map<string, number>(), comments: new Map<string, number>() };
      for (const r of rows) out[r.kind as keyof typeof out].set(String(r.day), Number(r.n));
      return out;
    },

    /** Every consultation (draft titles included), by status and title, those with an opening date first, newest first. */
    async consultations(filters: { status?: string; q?: string } = {}): Promise<StaffConsultationRow[]> {
      const l = lifecycleTable(strapi);
      const c = tableOf(strapi, CONSULTATION_UID);
      const query = knex()({ l: l.table })
        .join({ c: c.table }, `c.${c.column('documentId')}`, `l.${l.column('consultationDocumentId')}`)
        .leftJoin(pendingPerConsultation(strapi).as('pc'), 'pc.documentId', `l.${l.column('consultationDocumentId')}`)
        .leftJoin(followersPerTarget(strapi, 'consultation').as('fc'), 'fc.documentId', `l.${l.column('consultationDocumentId')}`)
        .whereNull(`c.${c.column('publishedAt')}`)
        .select({
          ...Object.fromEntries(Object.entries(l.selection).map(([k, v]) => [k, `l.${v}`])),
          title: `c.${c.column('title')}`,
          updatedAt: `c.${c.column('updatedAt')}`,
          pending: knex().raw('COALESCE(pc.n, 0)'),
          followers: knex().raw('COALESCE(fc.n, 0)'),
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
        published: isTrue(r.published),
        updatedAt: toDate(r.updatedAt),
        pending: Number(r.pending ?? 0),
        followers: Number(r.followers ?? 0),
      }));
    },
  };
}
