import type { Core, UID } from '@strapi/strapi';
import { getService } from '../platform/services';
import { tableOf } from '../platform/database/columns';
import { CONSULTATION_UID, lifecycleTable } from './repository';
import { rowsOf, toDate, type RawRow } from '../platform/database/rows';

/** Figures for agents: per consultation, and participation per day. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  /** `YYYY-MM-DD` of a timestamp column, computed by the database (SQLite stores milliseconds). */
  const day = (column: string) =>
    strapi.db.dialect.client === 'postgres' ? knex().raw(`to_char(??, 'YYYY-MM-DD')`, [column]) : knex().raw(`date(?? / 1000, 'unixepoch')`, [column]);

  async function perDay(uid: UID.Schema, since: Date, consultation?: string) {
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
  }

  /** Every consultation as agents see it (draft titles included): state, dates, counts, items awaiting moderation. */
  async function consultations(filters: { status?: string; q?: string } = {}) {
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
    const rows = (await query) as RawRow[];
    const pending = new Map<string, number>((await getService(strapi, 'moderation').pendingCounts()).map((p) => [p.consultation.documentId, p.pending]));
    const followers = await getService(strapi, 'follows').followerCounts('consultation');
    return rows.map((r) => {
      const row = l.fromDb(r)!;
      return {
        documentId: row.consultationDocumentId,
        slug: row.slug,
        title: String(r.title ?? ''),
        status: row.status,
        published: r.published === true || Number(r.published) === 1,
        opensAt: row.opensAt,
        closesAt: row.closesAt,
        updatedAt: toDate(r.updatedAt),
        counts: {
          contributions: row.contributionsCount,
          participants: row.participantsCount,
          supports: row.supportsCount,
          followers: followers.get(row.consultationDocumentId) ?? 0,
        },
        pending: pending.get(row.consultationDocumentId) ?? 0,
      };
    });
  }

  return {
    consultations,

    async overview(options: { consultation?: string; days: number }) {
      const since = new Date(Date.now() - (options.days - 1) * 86_400_000);
      since.setUTCHours(0, 0, 0, 0);
      const [contributions, supports, comments] = await Promise.all([
        perDay('plugin::participation.contribution', since, options.consultation),
        perDay('plugin::participation.support', since, options.consultation),
        perDay('plugin::participation.comment', since, options.consultation),
      ]);
      const timeline = Array.from({ length: options.days }, (_, i) => {
        const date = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
        return { date, contributions: contributions.get(date) ?? 0, supports: supports.get(date) ?? 0, comments: comments.get(date) ?? 0 };
      });
      return {
        consultations: (await consultations()).map(({ published: _p, updatedAt: _u, ...rest }) => rest),
        timeline,
        generatedAt: toDate(Date.now()),
      };
    },
  };
};
