import type { Core } from '@strapi/strapi';
import type { ParticipationContext } from '../../consultations/public';
import { tableOf } from '../../platform/database/columns';
import { numberParam, param, runPrepared } from '../../platform/database/prepared';
import { isTrue, rowsOf, toDate, type RawRow } from '../../platform/database/rows';
import { COMMENT, CONTRIBUTION_FIELDS, contributionsRepository, REPORT, SUPPORT, TERRITORY, toContributionRecord, type ContributionRecord } from './index';

export type ListFilters = {
  sort: '-createdAt' | '-supportsCount' | 'random';
  seed?: number;
  territory?: string;
  answered?: boolean;
  cursor?: string;
  page: number;
  pageSize: number;
};

/** Where a cursor resumes: after the item with this sort value and id. */
export type ListCursor = { v: string | number; id: number };

/** One page of published contributions with their territories' names and the viewer's marks. */
export type ContributionPage = {
  records: ContributionRecord[];
  territories: Map<string, string>;
  marks: { supported: boolean; reported: boolean }[];
  total: number;
};

/** A citizen's comment as `/me/comments` lists it, with what it answers. */
export type OwnComment = {
  documentId: string;
  body: string;
  status: 'pending' | 'published' | 'hidden' | 'rejected';
  moderationReason: string | null;
  createdAt: string;
  contribution: { documentId: string; title: string | null } | null;
  project: { documentId: string; title: string | null; budget: { slug: string; name: string } } | null;
};

/** A support as `/me/supports` lists it (the title and count only of a public contribution). */
export type OwnSupport = { contribution: { documentId: string; title: string | null; supportsCount: number | null }; supportedAt: string };

/** The public and personal reads of contributions: a consultation's page, a citizen's contributions, comments and supports. */
export function readsRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;
  const repository = contributionsRepository(strapi);

  return {
    /**
     * A page of a consultation's published contributions, filtered and sorted, in one statement prepared per shape
     * (territory names, the viewer's marks and, when a filter makes the stored count unusable, the total as a
     * window count ride along); a second only past the last page.
     */
    async publishedPage(
      context: ParticipationContext,
      filters: ListFilters,
      cursor: ListCursor | null,
      page: number,
      citizenId: number | undefined
    ): Promise<ContributionPage> {
      const citizen = citizenId === undefined ? null : { id: citizenId };
      const c = repository.table();
      const t = tableOf(strapi, TERRITORY);
      const seed = filters.seed ?? 1;
      const flags = {
        sort: filters.sort,
        territory: !!filters.territory,
        answered: filters.answered === undefined ? 'all' : filters.answered ? 'yes' : 'no',
        signedIn: !!citizen,
        cursor: !!cursor,
      };
      type Flags = typeof flags;
      const sortColumn = (f: Flags) => (f.sort === '-supportsCount' ? `k.${c.column('supportsCount')}` : `k.${c.column('createdAt')}`);
      const filtered = (f: Flags) => f.territory || f.answered !== 'all';
      /** The published contributions the filters keep, unpaged: the page and, past its end, the count. */
      const published = (f: Flags) => {
        const query = knex()({ k: c.table })
          .where(`k.${c.column('consultationDocumentId')}`, param('consultation'))
          .where(`k.${c.column('status')}`, 'published');
        if (f.territory) query.where(`k.${c.column('territoryCode')}`, param('territory'));
        if (f.answered === 'yes') query.whereNotNull(`k.${c.column('officialAnswerStatus')}`);
        if (f.answered === 'no') query.whereNull(`k.${c.column('officialAnswerStatus')}`);
        return query;
      };
      const build = (f: Flags) => {
        const query = published(f)
          .select(c.select(CONTRIBUTION_FIELDS, 'k'))
          .select({ territoryName: `t.${t.column('name')}` })
          .leftJoin({ t: t.table }, `t.${t.column('inseeCode')}`, `k.${c.column('territoryCode')}`);
        if (filtered(f)) query.select(knex().raw(`COUNT(*) OVER () AS ??`, ['total']));
        if (f.signedIn) {
          const s = rowsOf(strapi, SUPPORT);
          const r = rowsOf(strapi, REPORT);
          query.select(
            knex().raw(`EXISTS (SELECT 1 FROM ?? s WHERE s.?? = k.id AND s.?? = ?) AS ??`, [
              s.table,
              s.column('contributionId'),
              s.column('userId'),
              param('citizen'),
              'hasSupported',
            ]),
            knex().raw(`EXISTS (SELECT 1 FROM ?? r WHERE r.?? = 'contribution' AND r.?? = k.id AND r.?? = ?) AS ??`, [
              r.table,
              r.column('targetType'),
              r.column('targetId'),
              r.column('userId'),
              param('citizen'),
              'hasReported',
            ])
          );
        }
        if (f.sort === 'random') {
          // A stable shuffle for a given seed, in integer arithmetic that cannot overflow on either database.
          query.orderByRaw(`((k.id % 10007) * ? + ?) % 10007`, [param('seedFactor'), param('seedShift')]).orderBy('k.id');
        } else {
          query.orderBy(sortColumn(f), 'desc').orderBy('k.id', 'desc');
        }
        // After the cursor's item in (sort value, id) order, as a row-value comparison, which both databases turn
        // into one seek on the (…, sort, id) index; the window count, if any, is then the rest only.
        if (f.cursor) query.whereRaw('(??, ??) < (?, ?)', [sortColumn(f), 'k.id', param('after'), param('afterId')]);
        return query.limit(numberParam('limit')).offset(numberParam('offset'));
      };
      const kept = { consultation: context.row.consultationDocumentId, territory: filters.territory };
      const rows = await runPrepared<RawRow, Flags>(knex(), 'contributions', flags, build, {
        ...kept,
        citizen: citizen?.id,
        seedFactor: (seed % 10006) + 1,
        seedShift: seed % 9973,
        after: cursor ? (filters.sort === '-supportsCount' ? Number(cursor.v) : new Date(cursor.v)) : undefined,
        afterId: cursor?.id,
        limit: filters.pageSize,
        offset: cursor ? 0 : (page - 1) * filters.pageSize,
      });
      let total = context.row.contributionsCount;
      if (filtered(flags)) {
        const seen = (page - 1) * filters.pageSize;
        // Past the last page the window count has no row to ride on: count apart (rare).
        total = rows.length
          ? Number(rows[0].total) + (cursor ? seen : 0)
          : Number((await runPrepared<RawRow, Flags>(knex(), 'contributions:count', flags, (f) => published(f).count({ total: '*' }), kept))[0].total);
      }
      const territories = new Map<string, string>(rows.filter((r) => r.territoryCode).map((r) => [String(r.territoryCode), String(r.territoryName)]));
      return {
        records: rows.map(toContributionRecord),
        territories,
        marks: rows.map((r) => ({ supported: isTrue(r.hasSupported), reported: isTrue(r.hasReported) })),
        total,
      };
    },

    /** A citizen's own contributions, every status, newest first. */
    async ofAuthor(citizenId: number, page: number, pageSize: number): Promise<{ records: ContributionRecord[]; total: number }> {
      const citizen = { id: citizenId };
      const c = repository.table();
      const base = knex()(c.table).where(c.column('authorId'), citizen.id);
      const [{ total }] = (await base.clone().count({ total: '*' })) as RawRow[];
      const rows = (
        (await base
          .clone()
          .select(c.select(CONTRIBUTION_FIELDS))
          .orderBy(c.column('createdAt'), 'desc')
          .orderBy(c.column('id'), 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)) as RawRow[]
      ).map(toContributionRecord);
      return { records: rows, total: Number(total) };
    },

    /** A citizen's comments, every status, newest first, with the contribution or budget project each answers. */
    async commentsOf(citizenId: number, page: number, pageSize: number): Promise<{ comments: OwnComment[]; total: number }> {
      const citizen = { id: citizenId };
      const m = rowsOf(strapi, COMMENT);
      const c = repository.table();
      const p = rowsOf(strapi, 'plugin::participation.budget-project');
      const b = rowsOf(strapi, 'plugin::participation.budget-process');
      const base = knex()({ m: m.table }).where(`m.${m.column('authorId')}`, citizen.id);
      const [{ total }] = (await base.clone().count({ total: '*' })) as RawRow[];
      const rows = (await base
        .clone()
        .leftJoin({ c: c.table }, 'c.id', `m.${m.column('contributionId')}`)
        .leftJoin({ p: p.table }, 'p.id', `m.${m.column('budgetProjectId')}`)
        .leftJoin({ b: b.table }, 'b.id', `p.${p.column('processId')}`)
        .select(m.select(['documentId', 'body', 'status', 'moderationReason', 'createdAt'], 'm'))
        .select({
          contributionDocumentId: `c.${c.column('documentId')}`,
          contributionTitle: `c.${c.column('title')}`,
          contributionStatus: `c.${c.column('status')}`,
        })
        .select({
          projectDocumentId: `p.${p.column('documentId')}`,
          projectTitle: `p.${p.column('title')}`,
          projectStatus: `p.${p.column('projectStatus')}`,
          budgetSlug: `b.${b.column('slug')}`,
          budgetName: `b.${b.column('name')}`,
        })
        .orderBy(`m.${m.column('createdAt')}`, 'desc')
        .orderBy('m.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)) as RawRow[];
      return {
        comments: rows.map((r) => ({
          documentId: String(r.documentId),
          body: String(r.body),
          status: String(r.status) as 'pending' | 'published' | 'hidden' | 'rejected',
          moderationReason: r.status === 'published' || r.status === 'pending' ? null : ((r.moderationReason as string | null) ?? null),
          createdAt: toDate(r.createdAt)!.toISOString(),
          contribution: r.contributionDocumentId
            ? { documentId: String(r.contributionDocumentId), title: r.contributionStatus === 'published' ? String(r.contributionTitle) : null }
            : null,
          project: r.projectDocumentId
            ? {
                documentId: String(r.projectDocumentId),
                title: r.projectStatus !== 'submitted' && r.projectStatus !== 'rejected' ? String(r.projectTitle) : null,
                budget: { slug: String(r.budgetSlug), name: String(r.budgetName) },
              }
            : null,
        })),
        total: Number(total),
      };
    },

    /** The contributions a citizen supports, newest support first. */
    async supportsOf(citizenId: number, page: number, pageSize: number): Promise<{ supports: OwnSupport[]; total: number }> {
      const citizen = { id: citizenId };
      const s = rowsOf(strapi, SUPPORT);
      const c = repository.table();
      const base = knex()({ s: s.table }).where(`s.${s.column('userId')}`, citizen.id);
      const [{ total }] = (await base.clone().count({ total: '*' })) as RawRow[];
      const rows = (await base
        .clone()
        .join({ c: c.table }, 'c.id', `s.${s.column('contributionId')}`)
        .select({ supportedAt: `s.${s.column('createdAt')}` })
        .select(c.select(['documentId', 'title', 'status', 'supportsCount'], 'c'))
        .orderBy(`s.${s.column('createdAt')}`, 'desc')
        .orderBy('s.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)) as RawRow[];
      return {
        supports: rows.map((r) => {
          const visible = r.status === 'published';
          return {
            contribution: {
              documentId: String(r.documentId),
              title: visible ? String(r.title) : null,
              supportsCount: visible ? Number(r.supportsCount ?? 0) : null,
            },
            supportedAt: toDate(r.supportedAt)!.toISOString(),
          };
        }),
        total: Number(total),
      };
    },
  };
}
