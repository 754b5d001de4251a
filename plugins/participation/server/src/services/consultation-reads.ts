import type { Core, UID } from '@strapi/strapi';
import { notFound } from '../domain/errors';
import type { CONSULTATION_SORTS } from '../domain/inputs';
import { PUBLIC_STATUSES, type ConsultationStatus } from '../domain/lifecycle';
import { refusalFor, type ParticipationRules } from '../domain/participation';
import { currentPhase, phaseAbilities, type Phase } from '../domain/phases';
import { jsonColumn, type ConsultationCard, type ConsultationDetail, type ConsultationParticipation } from '../domain/snapshot';
import { paginationMeta } from '../domain/validation';
import { searchPattern, tableOf, whereSearchKey } from '../repositories/columns';
import { numberParam, param, runPrepared } from '../repositories/prepared';
import { CONSULTATION_UID, lifecycleTable, type LifecycleRow } from '../repositories/lifecycles';
import type { Citizen } from './citizen';

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

const STAGE_TEXT: Record<ConsultationStatus, (keyof ConsultationDetail['stageTexts'])[]> = {
  draft: [],
  scheduled: ['textUpcoming'],
  open: ['textOpen'],
  closed: ['textClosed'],
  results_published: ['textResults', 'textClosed'],
  archived: ['textResults', 'textClosed'],
};

/** What the current visitor may do on this consultation, and why not (one rule with the writes: refusalFor). */
export function viewerFlags(rules: ParticipationRules, status: ConsultationStatus, phase: Phase | null, citizen: Citizen | null) {
  const [contribute, support, comment] = (['contribute', 'support', 'comment'] as const).map((action) =>
    refusalFor(action, rules, status, phase, !!citizen)
  );
  return {
    signedIn: !!citizen,
    canContribute: !contribute,
    canSupport: !support,
    canComment: !comment,
    ...(contribute ? { reason: contribute } : {}),
    reasons: { ...(contribute ? { contribute } : {}), ...(support ? { support } : {}), ...(comment ? { comment } : {}) },
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
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
     * Public consultations (never drafts, never unpublished), filtered, sorted and paged on the lifecycle rows:
     * one statement (the total rides along as a window count), a second only for a page past the end.
     */
    async list(filters: ConsultationFilters) {
      const l = lifecycleTable(strapi);
      const c = tableOf(strapi, CONSULTATION_UID);
      const meta = strapi.db.metadata.get(CONSULTATION_UID).attributes as Record<string, any>;
      const statuses = filters.status?.length ? filters.status : PUBLIC_STATUSES;
      const pattern = filters.q ? searchPattern(filters.q) : null;
      const order: Record<ConsultationSort, [string, 'asc' | 'desc']> = {
        closesAt: [`l.${l.column('closesAt')}`, 'asc'],
        '-opensAt': [`l.${l.column('opensAt')}`, 'desc'],
        '-createdAt': [`l.${l.column('createdAt')}`, 'desc'],
        '-contributionsCount': [`l.${l.column('contributionsCount')}`, 'desc'],
      };

      /** The filtered rows, without paging: one query shape per combination of filters present. */
      const filtered = () => {
        const base = publicRows(['card']).whereIn(
          `l.${l.column('status')}`,
          statuses.map((_, i) => param(`status${i}`))
        );
        /** Keeps consultations whose published version is related (through Strapi's link table for `relation`) to a row whose `column` is `value`. */
        const relatedTo = (relation: 'themes' | 'territory', uid: UID.Schema, column: string, value: string) => {
          const link = meta[relation].joinTable;
          const target = tableOf(strapi, uid);
          base.whereExists((qb) =>
            qb
              .select(knex().raw('1'))
              .from({ c: c.table })
              .join({ lk: link.name }, `lk.${link.joinColumn.name}`, 'c.id')
              .join({ t: target.table }, 't.id', `lk.${link.inverseJoinColumn.name}`)
              .whereRaw('?? = ??', [`c.${c.column('documentId')}`, `l.${l.column('consultationDocumentId')}`])
              .whereNotNull(`c.${c.column('publishedAt')}`)
              .where(`t.${target.column(column)}`, value)
          );
        };
        if (filters.theme) relatedTo('themes', 'plugin::participation.theme', 'slug', param('theme'));
        if (filters.territory) relatedTo('territory', 'plugin::participation.territory', 'inseeCode', param('territory'));
        if (filters.q) whereSearchKey(base, `l.${l.column('searchKey')}`, filters.q, param('pattern'));
        return base;
      };
      const values = {
        ...Object.fromEntries(statuses.map((status, i) => [`status${i}`, status])),
        theme: filters.theme,
        territory: filters.territory,
        pattern,
      };
      const shape = ['consultations', statuses.length, !!filters.theme, !!filters.territory, filters.q ? pattern !== null : 'none', filters.sort].join(':');
      const [orderColumn, direction] = order[filters.sort];
      const rows: Record<string, any>[] = await runPrepared(
        knex(),
        shape,
        () =>
          filtered()
            .select(knex().raw('COUNT(*) OVER () AS ??', ['total']))
            .orderBy(orderColumn, direction)
            .orderBy(`l.id`, 'desc')
            .limit(numberParam('limit'))
            .offset(numberParam('offset')),
        { ...values, limit: filters.pageSize, offset: (filters.page - 1) * filters.pageSize }
      );
      // Past the last page the window count has no row to ride on: count apart (rare).
      const total = rows.length
        ? Number(rows[0].total)
        : filters.page > 1
          ? Number((await runPrepared(knex(), `${shape}:count`, () => filtered().clearSelect().count({ total: '*' }), values))[0].total)
          : 0;
      return {
        data: rows.map((raw) => {
          const r = l.fromDb(raw)!;
          const card = jsonColumn<ConsultationCard>(raw.card)!;
          return {
            documentId: r.consultationDocumentId,
            slug: r.slug,
            title: card.title,
            summary: card.summary,
            status: r.status,
            opensAt: r.opensAt,
            closesAt: r.closesAt,
            cover: card.cover,
            themes: card.themes,
            territory: card.territory,
            counts: countsOf(r),
          };
        }),
        meta: { pagination: paginationMeta(filters.page, filters.pageSize, total) },
      };
    },

    /** One public consultation by slug, in one statement: 404 for unknown, draft or unpublished alike. */
    async findBySlug(slug: string, citizen: Citizen | null, now = new Date()) {
      const l = lifecycleTable(strapi);
      const [raw] = await runPrepared(
        knex(),
        'consultation-by-slug',
        () => publicRows(['card', 'detail', 'participation']).where(`l.${l.column('slug')}`, param('slug')).whereIn(`l.${l.column('status')}`, PUBLIC_STATUSES).first(),
        { slug }
      );
      const row = l.fromDb(raw);
      if (!row) throw notFound('Consultation introuvable.');
      return {
        data: this.present(
          jsonColumn<ConsultationCard>(raw.card)!,
          jsonColumn<ConsultationDetail>(raw.detail)!,
          jsonColumn<ConsultationParticipation>(raw.participation)!,
          row,
          citizen,
          now
        ),
      };
    },

    present(card: ConsultationCard, detail: ConsultationDetail, participation: ConsultationParticipation, row: LifecycleRow, citizen: Citizen | null, now: Date) {
      const { rules, phases } = participation;
      const phase = row.status === 'open' ? currentPhase(phases, now) : null;
      const stageText = STAGE_TEXT[row.status].map((field) => detail.stageTexts[field]).find((t) => typeof t === 'string' && t.trim()) ?? null;
      const resultsPublic = row.status === 'results_published' || row.status === 'archived';
      return {
        documentId: row.consultationDocumentId,
        slug: row.slug,
        title: card.title,
        summary: card.summary,
        body: detail.body,
        status: row.status,
        stage: { status: row.status, text: stageText },
        opensAt: row.opensAt,
        closesAt: row.closesAt,
        phases: phases.map((p) => ({ ...p, ...phaseAbilities(p), current: p === phase })),
        currentPhase: phase ? { ...phase, ...phaseAbilities(phase) } : null,
        rules: (({ reportThreshold, ...publicRules }) => publicRules)(rules),
        themes: card.themes,
        territory: card.territory,
        cover: card.cover,
        documents: detail.documents,
        counts: countsOf(row),
        results: resultsPublic ? detail.results : null,
        viewer: viewerFlags(rules, row.status, phase, citizen),
      };
    },
  };
};

const countsOf = (r: LifecycleRow) => ({ contributions: r.contributionsCount, participants: r.participantsCount, supports: r.supportsCount });
