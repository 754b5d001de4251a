import type { Knex } from 'knex';
import type { Core, UID } from '@strapi/strapi';
import type { CONSULTATION_SORTS } from '../../contract/inputs';
import { searchPattern, tableOf, whereMatches } from '../../platform/database/columns';
import { numberParam, param, runPrepared } from '../../platform/database/prepared';
import { PUBLIC_STATUSES, type ConsultationStatus } from '../domain/lifecycle';
import { jsonColumn, type ConsultationCard, type ConsultationDetail, type ConsultationParticipation } from '../domain/snapshot';
import { CONSULTATION_UID, lifecycleTable, type LifecycleRow } from './index';
import { type RawRow } from '../../platform/database/rows';

export type ConsultationSort = (typeof CONSULTATION_SORTS)[number];

export type ConsultationFilters = {
  status?: ConsultationStatus[];
  theme?: string;
  territory?: string;
  q?: string;
  sort: ConsultationSort;
  page: number;
  pageSize: number;
};

type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };

/** A public consultation as the lists and the detail read it: its lifecycle row and the parts of its public snapshot. */
export type PublicConsultation = { row: LifecycleRow; card: ConsultationCard };
export type PublicConsultationDetail = PublicConsultation & { detail: ConsultationDetail; participation: ConsultationParticipation };

/** Public reads of consultations, from the snapshots on their lifecycle rows (never drafts, never unpublished). */
export function listingRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;

  /** Lifecycle columns plus the snapshot parts a read needs, all from the lifecycle row. */
  const publicRows = (parts: ('card' | 'detail' | 'participation')[]) => {
    const l = lifecycleTable(strapi);
    const columns = { card: 'publicCard', detail: 'publicDetail', participation: 'participationRules' } as const;
    return knex()({ l: l.table })
      .select(Object.fromEntries(Object.entries(l.selection).map(([k, v]) => [k, `l.${v}`])))
      .select(Object.fromEntries(parts.map((p) => [p, `l.${l.column(columns[p])}`])))
      .whereNotNull(`l.${l.column('participationRules')}`);
  };

  return {
    /**
     * Public consultations, filtered, sorted and paged on the lifecycle rows: one statement (the total rides along
     * as a window count), a second only for a page past the end.
     */
    async list(filters: ConsultationFilters): Promise<{ consultations: PublicConsultation[]; total: number }> {
      const l = lifecycleTable(strapi);
      const c = tableOf(strapi, CONSULTATION_UID);
      const meta = strapi.db.metadata.get(CONSULTATION_UID).attributes as Record<string, { joinTable?: JoinTable }>;
      const statuses = filters.status?.length ? filters.status : PUBLIC_STATUSES;
      const pattern = filters.q ? searchPattern(filters.q) : null;
      const order: Record<ConsultationSort, [string, 'asc' | 'desc']> = {
        closesAt: [`l.${l.column('closesAt')}`, 'asc'],
        '-opensAt': [`l.${l.column('opensAt')}`, 'desc'],
        '-createdAt': [`l.${l.column('createdAt')}`, 'desc'],
        '-contributionsCount': [`l.${l.column('contributionsCount')}`, 'desc'],
      };
      const flags = {
        statuses: statuses.length,
        theme: !!filters.theme,
        territory: !!filters.territory,
        // A text with no searchable characters matches nothing: a shape of its own.
        search: filters.q ? (pattern !== null ? 'pattern' : 'nothing') : 'none',
        sort: filters.sort,
      };

      /** The filtered rows, without paging: one query shape per combination of filters present. */
      const filtered = (f: typeof flags) => {
        const base = publicRows(['card']).whereIn(
          `l.${l.column('status')}`,
          Array.from({ length: f.statuses }, (_, i) => param(`status${i}`))
        );
        /** Keeps consultations whose published version is related (through Strapi's link table for `relation`) to a row `matches` keeps. */
        const relatedTo = (relation: 'themes' | 'territory', uid: UID.Schema, matches: (qb: Knex.QueryBuilder, column: (name: string) => string) => void) => {
          const link = meta[relation].joinTable!;
          const target = tableOf(strapi, uid);
          base.whereExists((qb) => {
            qb.select(knex().raw('1'))
              .from({ c: c.table })
              .join({ lk: link.name }, `lk.${link.joinColumn.name}`, 'c.id')
              .join({ t: target.table }, 't.id', `lk.${link.inverseJoinColumn.name}`)
              .whereRaw('?? = ??', [`c.${c.column('documentId')}`, `l.${l.column('consultationDocumentId')}`])
              .whereNotNull(`c.${c.column('publishedAt')}`);
            matches(qb, (name) => `t.${target.column(name)}`);
          });
        };
        if (f.theme) relatedTo('themes', 'plugin::participation.theme', (qb, t) => qb.where(t('slug'), param('theme')));
        if (f.territory) {
          // Everything concerning the place: consultations on the place itself, on the territories it lies in (a
          // commune's EPCI, the département) and on those within it (an EPCI's communes, the département's EPCIs
          // and communes).
          const territory = tableOf(strapi, 'plugin::participation.territory');
          const code = territory.column('inseeCode');
          const parent = territory.column('parentCode');
          relatedTo('territory', 'plugin::participation.territory', (qb, t) =>
            qb.where((w) =>
              w
                .where(t('inseeCode'), param('territory'))
                .orWhere(t('parentCode'), param('territory'))
                .orWhereIn(t('parentCode'), knex()({ p: territory.table }).select(`p.${code}`).where(`p.${parent}`, param('territory')))
                .orWhereIn(t('inseeCode'), knex()({ p: territory.table }).select(`p.${parent}`).where(`p.${code}`, param('territory')))
                .orWhereIn(
                  t('inseeCode'),
                  knex()({ p: territory.table })
                    .join({ g: territory.table }, `g.${code}`, `p.${parent}`)
                    .select(`g.${parent}`)
                    .where(`p.${code}`, param('territory'))
                )
            )
          );
        }
        if (f.search === 'nothing') base.whereRaw('1 = 0');
        if (f.search === 'pattern') whereMatches(base, `l.${l.column('searchKey')}`, param('pattern'));
        return base;
      };
      const values = {
        ...Object.fromEntries(statuses.map((status, i) => [`status${i}`, status])),
        theme: filters.theme,
        territory: filters.territory,
        pattern,
      };
      const rows = await runPrepared<RawRow, typeof flags>(
        knex(),
        'consultations',
        flags,
        (f) => {
          const [orderColumn, direction] = order[f.sort];
          return filtered(f)
            .select(knex().raw('COUNT(*) OVER () AS ??', ['total']))
            .orderBy(orderColumn, direction)
            .orderBy(`l.id`, 'desc')
            .limit(numberParam('limit'))
            .offset(numberParam('offset'));
        },
        { ...values, limit: filters.pageSize, offset: (filters.page - 1) * filters.pageSize }
      );
      // Past the last page the window count has no row to ride on: count apart (rare).
      const total = rows.length
        ? Number(rows[0].total)
        : filters.page > 1
          ? Number(
              (await runPrepared<RawRow, typeof flags>(knex(), 'consultations:count', flags, (f) => filtered(f).clearSelect().count({ total: '*' }), values))[0]
                .total
            )
          : 0;
      return { consultations: rows.map((raw) => ({ row: l.fromDb(raw)!, card: jsonColumn<ConsultationCard>(raw.card)! })), total };
    },

    /** One public consultation by slug, in one statement; null for unknown, draft or unpublished alike. */
    async bySlug(slug: string): Promise<PublicConsultationDetail | null> {
      const l = lifecycleTable(strapi);
      const [raw] = await runPrepared<RawRow>(
        knex(),
        'consultation-by-slug',
        {},
        () =>
          publicRows(['card', 'detail', 'participation'])
            .where(`l.${l.column('slug')}`, param('slug'))
            .whereIn(`l.${l.column('status')}`, PUBLIC_STATUSES)
            .first(),
        { slug }
      );
      const row = l.fromDb(raw);
      if (!row) return null;
      return {
        row,
        card: jsonColumn<ConsultationCard>(raw.card)!,
        detail: jsonColumn<ConsultationDetail>(raw.detail)!,
        participation: jsonColumn<ConsultationParticipation>(raw.participation)!,
      };
    },
  };
}
