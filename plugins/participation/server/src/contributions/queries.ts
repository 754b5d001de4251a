import type { Core } from '@strapi/strapi';
import type { Citizen } from '../platform/citizen';
import { momentOf, participationContext, publicConsultationTitles } from '../consultations/public';
import { tableOf } from '../platform/database/columns';
import { numberParam, param, runPrepared } from '../platform/database/prepared';
import { isTrue, rowsOf, toDate, type RawRow } from '../platform/database/rows';
import { cursorCodec } from '../platform/cursor';
import { notFound } from '../platform/errors';
import { paginationMeta } from '../platform/validation';
import { presentContribution } from './presenter';
import { commentsRepository } from '../comments/public';
import { getService } from '../platform/services';
import { COMMENT, CONTRIBUTION_FIELDS, contributionsRepository, REPORT, SUPPORT, TERRITORY, toContributionRecord, type ContributionRecord } from './repository';

export type ListFilters = {
  sort: '-createdAt' | '-supportsCount' | 'random';
  seed?: number;
  territory?: string;
  answered?: boolean;
  cursor?: string;
  page: number;
  pageSize: number;
};

/** Public reads of contributions and their comments, and the citizen's own. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const repository = contributionsRepository(strapi);
  let cursors: ReturnType<typeof cursorCodec> | undefined;
  /** Built on first use: the key comes from the server's APP_KEYS. */
  const codec = () => (cursors ??= cursorCodec(String((strapi.config.get('server.app.keys') as string[] | undefined)?.[0] ?? '')));

  /** A published contribution, or the author's own in any status; 404 for everyone else alike. */
  async function visibleContribution(documentId: string, citizen: Citizen | null): Promise<ContributionRecord> {
    const row = await repository.find(documentId);
    if (!row || (row.status !== 'published' && !(citizen && row.authorId === citizen.id))) throw notFound('Contribution introuvable.');
    return row;
  }

  return {
    /**
     * GET /consultations/:slug/contributions — published only; sort, territory, answered, page or cursor. Two
     * statements: the consultation's row, then the page with territory names, the viewer's marks and, when a
     * filter makes the stored count unusable, the total as a window count.
     */
    async list(slug: string, filters: ListFilters, citizen: Citizen | null) {
      const context = await participationContext(strapi, { slug });
      if (!context) throw notFound('Consultation introuvable.');
      const c = repository.table();
      const t = tableOf(strapi, TERRITORY);
      const cursor = filters.cursor && filters.sort !== 'random' ? codec().decode(filters.cursor, filters.sort) : null;
      const page = cursor?.p ?? filters.page;
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
      const records = rows.map(toContributionRecord);
      const last = records[records.length - 1];
      const nextCursor =
        filters.sort !== 'random' && last && page * filters.pageSize < total
          ? codec().encode({
              s: filters.sort,
              p: page + 1,
              v: filters.sort === '-supportsCount' ? last.supportsCount : last.createdAt.toISOString(),
              id: last.id,
            })
          : null;
      const territories = new Map<string, string>(rows.filter((r) => r.territoryCode).map((r) => [String(r.territoryCode), String(r.territoryName)]));
      const moment = momentOf(context);
      return {
        data: records.map((record, i) =>
          presentContribution(record, { territories, citizen, moment, supported: isTrue(rows[i].hasSupported), reported: isTrue(rows[i].hasReported) })
        ),
        meta: { pagination: paginationMeta(page, filters.pageSize, total), nextCursor },
      };
    },

    /** GET /contributions/:id */
    async findOne(documentId: string, citizen: Citizen | null) {
      const row = await visibleContribution(documentId, citizen);
      const context = await participationContext(strapi, { documentId: row.consultationDocumentId });
      const marks = await repository.viewerMarks(citizen?.id, 'contribution', [row.id]);
      const territories = await repository.territoryNames(row.territoryCode ? [row.territoryCode] : []);
      const presented = presentContribution(row, {
        territories,
        citizen,
        moment: context ? momentOf(context) : null,
        supported: marks.supported.has(row.id),
        reported: marks.reported.has(row.id),
      });
      const isFollowing = citizen ? await getService(strapi, 'follows').isFollowing(citizen.id, 'contribution', row.documentId, row.authorId) : null;
      return {
        data: {
          ...presented,
          ...(isFollowing === null ? {} : { viewer: { ...presented.viewer, isFollowing } }),
          consultation: context ? { slug: context.row.slug, title: context.title, status: context.row.status } : null,
        },
      };
    },

    /** GET /contributions/:id/comments — published comments as threads; removed ones stay as placeholders. */
    async comments(documentId: string, citizen: Citizen | null, page: number, pageSize: number) {
      const row = await visibleContribution(documentId, citizen);
      if (row.status !== 'published') return { data: [], meta: { pagination: paginationMeta(page, pageSize, 0) } };
      return commentsRepository(strapi).threads(
        { kind: 'contribution', id: row.id, consultationDocumentId: row.consultationDocumentId },
        citizen,
        page,
        pageSize
      );
    },

    /** GET /me/contributions — the citizen's own, every status, with the moderation reason. */
    async mine(citizen: Citizen, page: number, pageSize: number) {
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
      const territories = await repository.territoryNames([...new Set(rows.map((r) => r.territoryCode).filter((x): x is string => !!x))]);
      const titles = await publicConsultationTitles(strapi, [...new Set(rows.map((r) => r.consultationDocumentId))]);
      return {
        data: rows.map((r) => {
          const consultation = titles.get(r.consultationDocumentId);
          return {
            ...presentContribution(r, { territories, citizen, moment: null }),
            consultation: consultation ? { slug: consultation.slug, title: consultation.title } : null,
          };
        }),
        meta: { pagination: paginationMeta(page, pageSize, Number(total)) },
      };
    },

    /**
     * GET /me/comments — the citizen's comments, every status (a refusal's reason included), newest first, with
     * what each answers: a contribution or a budget project (its title while it is public).
     */
    async myComments(citizen: Citizen, page: number, pageSize: number) {
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
        data: rows.map((r) => ({
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
        meta: { pagination: paginationMeta(page, pageSize, Number(total)) },
      };
    },

    /** GET /me/supports — the contributions the citizen supports, newest support first (titles of public ones). */
    async mySupports(citizen: Citizen, page: number, pageSize: number) {
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
        data: rows.map((r) => {
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
        meta: { pagination: paginationMeta(page, pageSize, Number(total)) },
      };
    },
  };
};
