import { rulesOf, type ParticipationRules } from './policy';
import { parsePhases, type Phase } from './phases';
import { searchKey } from '../../platform/text';
import { sortUpdates, type ResultsUpdate } from './results-updates';
import { PROCEDURES, settingsOf, type ProcedureSettings } from '../../procedures/domain/rules';

/**
 * The public face of a consultation's published version, computed once when staff publish and stored on its
 * lifecycle row, so that a public read is one indexed row and no join: `card` for lists, `detail` for its own
 * page, `participation` for the rules every write checks. What depends on the moment (stage text, current
 * phase, counters) or on the visitor stays computed at read time.
 */
export type ConsultationCard = {
  title: string;
  summary: string | null;
  cover: PublicMedia | null;
  themes: { slug: string; name: string; color: string | null }[];
  territory: { inseeCode: string; name: string; kind: string } | null;
  /** Imported from another platform (Decidim): where it was. Absent from snapshots written before imports existed. */
  origin?: { platform: 'decidim'; url: string | null } | null;
};
export type ConsultationDetail = {
  easyRead?: string | null;
  body: string | null;
  documents: PublicMedia[];
  stageTexts: Record<'textUpcoming' | 'textOpen' | 'textClosed' | 'textResults', string | null>;
  results: {
    synthesis: string | null;
    keyFigures: unknown[];
    decisions: string | null;
    decisionUrl?: string | null;
    attachments: PublicMedia[];
    updates?: ResultsUpdate[];
  };
};
/** `procedure`: absent from snapshots written before procedures existed (a free consultation). */
export type ConsultationParticipation = { rules: ParticipationRules; phases: Phase[]; procedure?: ProcedureSettings };
export type ConsultationSnapshot = { card: ConsultationCard; detail: ConsultationDetail; participation: ConsultationParticipation; searchKey: string };

export const MEDIA_FIELDS = ['url', 'alternativeText', 'caption', 'width', 'height', 'mime', 'size', 'name', 'formats'] as const;
type Media = Partial<Record<(typeof MEDIA_FIELDS)[number], unknown>>;
export type PublicMedia = {
  url: unknown;
  alternativeText: unknown;
  caption: unknown;
  width: unknown;
  height: unknown;
  mime: unknown;
  size: unknown;
  name: unknown;
  formats: unknown;
};

const publicMedia = (file: Media): PublicMedia => ({
  url: file.url,
  alternativeText: file.alternativeText ?? null,
  caption: file.caption ?? null,
  width: file.width ?? null,
  height: file.height ?? null,
  mime: file.mime,
  size: file.size,
  name: file.name,
  formats: file.formats ?? null,
});

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** A published consultation document as the Document Service answers it, media, themes and territory populated. */
export type ConsultationDocument = Record<string, unknown> & {
  title?: string;
  summary?: unknown;
  body?: unknown;
  cover?: Media | null;
  documents?: Media[] | null;
  resultsAttachments?: Media[] | null;
  themes?: { slug: string; name: string; color?: string | null }[] | null;
  territory?: { inseeCode: string; name: string; kind: string } | null;
  phases?: unknown;
  resultsKeyFigures?: unknown;
};

/** From a published consultation document (media, themes and territory populated). */
export function snapshotOf(d: ConsultationDocument, origin: ConsultationCard['origin'] = null): ConsultationSnapshot {
  const procedure = settingsOf(d);
  const rules = rulesOf(d);
  // An inquiry register publishes every observation at once, moderated afterwards: the procedure's template decides.
  if (PROCEDURES[procedure.kind].moderation === 'a_posteriori') rules.moderationMode = 'a_posteriori';
  return {
    card: {
      title: d.title ?? '',
      summary: text(d.summary),
      cover: d.cover ? publicMedia(d.cover) : null,
      themes: (d.themes ?? []).map((t) => ({ slug: t.slug, name: t.name, color: t.color ?? null })),
      territory: d.territory ? { inseeCode: d.territory.inseeCode, name: d.territory.name, kind: d.territory.kind } : null,
      origin,
    },
    detail: {
      easyRead: text(d.easyRead),
      body: text(d.body),
      documents: (d.documents ?? []).map(publicMedia),
      stageTexts: { textUpcoming: text(d.textUpcoming), textOpen: text(d.textOpen), textClosed: text(d.textClosed), textResults: text(d.textResults) },
      results: {
        synthesis: text(d.resultsSynthesis),
        keyFigures: Array.isArray(d.resultsKeyFigures) ? d.resultsKeyFigures : [],
        decisions: text(d.resultsDecisions),
        decisionUrl: text(d.resultsDecisionUrl),
        attachments: (d.resultsAttachments ?? []).map(publicMedia),
        updates: sortUpdates(Array.isArray(d.resultsUpdates) ? (d.resultsUpdates as ResultsUpdate[]) : []),
      },
    },
    participation: { rules, phases: parsePhases(d.phases), procedure },
    searchKey: searchKey(`${d.title ?? ''} ${d.summary ?? ''}`),
  };
}

/** A JSON column as read with knex: an object on PostgreSQL (jsonb), a string on SQLite. */
export function jsonColumn<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value as T;
}
