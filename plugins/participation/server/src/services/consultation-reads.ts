import type { Core, UID } from '@strapi/strapi';
import { notFound } from '../domain/errors';
import type { CONSULTATION_SORTS } from '../domain/inputs';
import { PUBLIC_STATUSES, type ConsultationStatus } from '../domain/lifecycle';
import { refusalFor, rulesOf, type ParticipationRules } from '../domain/participation';
import { currentPhase, parsePhases, phaseAbilities, type Phase } from '../domain/phases';
import { paginationMeta } from '../domain/validation';
import { tableOf, whereSearchKey } from '../repositories/columns';
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

const MEDIA_FIELDS = ['url', 'alternativeText', 'caption', 'width', 'height', 'mime', 'size', 'name', 'formats'] as const;
const mediaPopulate = { fields: [...MEDIA_FIELDS] };

type Media = Partial<Record<(typeof MEDIA_FIELDS)[number], unknown>>;
const publicMedia = (file: Media | null | undefined) =>
  file
    ? {
        url: file.url,
        alternativeText: file.alternativeText ?? null,
        caption: file.caption ?? null,
        width: file.width ?? null,
        height: file.height ?? null,
        mime: file.mime,
        size: file.size,
        name: file.name,
        formats: file.formats ?? null,
      }
    : null;

const publicTheme = (t: any) => ({ slug: t.slug, name: t.name, color: t.color ?? null });
const publicTerritory = (t: any) => (t ? { inseeCode: t.inseeCode, name: t.name, kind: t.kind } : null);

const STAGE_TEXT: Record<ConsultationStatus, string[]> = {
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

  return {
    /** Public consultations (never drafts, never unpublished): filtered, sorted and paged on indexed columns. */
    async list(filters: ConsultationFilters) {
      const l = lifecycleTable(strapi);
      const c = tableOf(strapi, CONSULTATION_UID);
      const meta = strapi.db.metadata.get(CONSULTATION_UID).attributes as Record<string, any>;
      const statuses = filters.status?.length ? filters.status : PUBLIC_STATUSES;

      const base = knex()({ c: c.table })
        .join({ l: l.table }, `l.${l.column('consultationDocumentId')}`, `c.${c.column('documentId')}`)
        .whereNotNull(`c.${c.column('publishedAt')}`)
        .whereIn(`l.${l.column('status')}`, statuses);

      /** Keeps consultations related (through Strapi's link table for `relation`) to a row whose `column` is `value`. */
      const relatedTo = (relation: 'themes' | 'territory', uid: UID.Schema, column: string, value: string) => {
        const link = meta[relation].joinTable;
        const target = tableOf(strapi, uid);
        base.whereExists((qb) =>
          qb
            .select(knex().raw('1'))
            .from({ lk: link.name })
            .join({ t: target.table }, 't.id', `lk.${link.inverseJoinColumn.name}`)
            .whereRaw('?? = ??', [`lk.${link.joinColumn.name}`, 'c.id'])
            .where(`t.${target.column(column)}`, value)
        );
      };
      if (filters.theme) relatedTo('themes', 'plugin::participation.theme', 'slug', filters.theme);
      if (filters.territory) relatedTo('territory', 'plugin::participation.territory', 'inseeCode', filters.territory);
      if (filters.q) whereSearchKey(base, `l.${l.column('searchKey')}`, filters.q);

      const [{ total }] = await base.clone().count({ total: '*' });
      const order: Record<ConsultationSort, [string, 'asc' | 'desc']> = {
        closesAt: [`l.${l.column('closesAt')}`, 'asc'],
        '-opensAt': [`l.${l.column('opensAt')}`, 'desc'],
        '-createdAt': [`l.${l.column('createdAt')}`, 'desc'],
        '-contributionsCount': [`l.${l.column('contributionsCount')}`, 'desc'],
      };
      const [orderColumn, direction] = order[filters.sort];
      const page = await base
        .clone()
        .select(Object.fromEntries(Object.entries(l.selection).map(([k, v]) => [k, `l.${v}`])))
        .orderBy(orderColumn, direction)
        .orderBy(`l.id`, 'desc')
        .limit(filters.pageSize)
        .offset((filters.page - 1) * filters.pageSize);
      const rows = page.map((r: Record<string, unknown>) => l.fromDb(r)!);

      const docs = rows.length
        ? await strapi.documents(CONSULTATION_UID).findMany({
            filters: { documentId: { $in: rows.map((r) => r.consultationDocumentId) } },
            status: 'published',
            fields: ['title', 'summary'],
            populate: { cover: mediaPopulate, themes: { fields: ['slug', 'name', 'color'] }, territory: { fields: ['inseeCode', 'name', 'kind'] } },
          } as any)
        : [];
      const byId = new Map(docs.map((d: any) => [d.documentId, d]));
      return {
        data: rows
          .filter((r) => byId.has(r.consultationDocumentId))
          .map((r) => {
            const d: any = byId.get(r.consultationDocumentId);
            return {
              documentId: r.consultationDocumentId,
              slug: r.slug,
              title: d.title,
              summary: d.summary ?? null,
              status: r.status,
              opensAt: r.opensAt,
              closesAt: r.closesAt,
              cover: publicMedia(d.cover),
              themes: (d.themes ?? []).map(publicTheme),
              territory: publicTerritory(d.territory),
              counts: countsOf(r),
            };
          }),
        meta: { pagination: paginationMeta(filters.page, filters.pageSize, Number(total)) },
      };
    },

    /** One public consultation by slug: 404 for unknown, draft or unpublished alike. */
    async findBySlug(slug: string, citizen: Citizen | null, now = new Date()) {
      const l = lifecycleTable(strapi);
      const row = l.fromDb(
        await knex()(l.table).select(l.selection).where(l.column('slug'), slug).whereIn(l.column('status'), PUBLIC_STATUSES).first()
      );
      if (!row) throw notFound('Consultation introuvable.');
      const d: any = await strapi.documents(CONSULTATION_UID).findOne({
        documentId: row.consultationDocumentId,
        status: 'published',
        populate: {
          cover: mediaPopulate,
          documents: mediaPopulate,
          resultsAttachments: mediaPopulate,
          themes: { fields: ['slug', 'name', 'color'] },
          territory: { fields: ['inseeCode', 'name', 'kind'] },
        },
      } as any);
      if (!d) throw notFound('Consultation introuvable.');
      return { data: this.present(d, row, citizen, now) };
    },

    present(d: any, row: LifecycleRow, citizen: Citizen | null, now: Date) {
      const phases = parsePhases(d.phases);
      const phase = row.status === 'open' ? currentPhase(phases, now) : null;
      const stageText = STAGE_TEXT[row.status].map((field) => d[field]).find((t) => typeof t === 'string' && t.trim()) ?? null;
      const resultsPublic = row.status === 'results_published' || row.status === 'archived';
      return {
        documentId: row.consultationDocumentId,
        slug: row.slug,
        title: d.title,
        summary: d.summary ?? null,
        body: d.body ?? null,
        status: row.status,
        stage: { status: row.status, text: stageText },
        opensAt: row.opensAt,
        closesAt: row.closesAt,
        phases: phases.map((p) => ({ ...p, ...phaseAbilities(p), current: p === phase })),
        currentPhase: phase ? { ...phase, ...phaseAbilities(phase) } : null,
        rules: (({ reportThreshold, ...publicRules }) => publicRules)(rulesOf(d)),
        themes: (d.themes ?? []).map(publicTheme),
        territory: publicTerritory(d.territory),
        cover: publicMedia(d.cover),
        documents: (d.documents ?? []).map(publicMedia),
        counts: countsOf(row),
        results: resultsPublic
          ? {
              synthesis: d.resultsSynthesis ?? null,
              keyFigures: Array.isArray(d.resultsKeyFigures) ? d.resultsKeyFigures : [],
              decisions: d.resultsDecisions ?? null,
              attachments: (d.resultsAttachments ?? []).map(publicMedia),
            }
          : null,
        viewer: viewerFlags(rulesOf(d), row.status, phase, citizen),
      };
    },
  };
};

const countsOf = (r: LifecycleRow) => ({ contributions: r.contributionsCount, participants: r.participantsCount, supports: r.supportsCount });

