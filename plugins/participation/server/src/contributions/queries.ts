import type { Core } from '@strapi/strapi';
import type { Citizen } from '../platform/citizen';
import { momentOf, participationContext, publicConsultationTitles } from '../consultations/public';
import { cursorCodec } from '../platform/cursor';
import { notFound } from '../platform/errors';
import { paginationMeta } from '../platform/validation';
import { presentContribution } from './presenter';
import { commentsRepository } from '../comments/public';
import { getService } from '../platform/services';
import { contributionsRepository, type ContributionRecord } from './repository';

import { readsRepository, type ListFilters } from './repository/reads';

export type { ListFilters };

/** Public reads of contributions and their comments, and the citizen's own. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = contributionsRepository(strapi);
  const reads = readsRepository(strapi);
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
      const cursor = filters.cursor && filters.sort !== 'random' ? codec().decode(filters.cursor, filters.sort) : null;
      const page = cursor?.p ?? filters.page;
      const { records, territories, marks, total } = await reads.publishedPage(context, filters, cursor, page, citizen?.id);
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
      const moment = momentOf(context);
      return {
        data: records.map((record, i) =>
          presentContribution(record, { territories, citizen, moment, supported: marks[i].supported, reported: marks[i].reported })
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
      const { records: rows, total } = await reads.ofAuthor(citizen.id, page, pageSize);
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
      const { comments, total } = await reads.commentsOf(citizen.id, page, pageSize);
      return {
        data: comments,
        meta: { pagination: paginationMeta(page, pageSize, Number(total)) },
      };
    },

    /** GET /me/supports — the contributions the citizen supports, newest support first (titles of public ones). */
    async mySupports(citizen: Citizen, page: number, pageSize: number) {
      const { supports, total } = await reads.supportsOf(citizen.id, page, pageSize);
      return {
        data: supports,
        meta: { pagination: paginationMeta(page, pageSize, Number(total)) },
      };
    },
  };
};
