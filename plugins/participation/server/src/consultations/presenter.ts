import type * as z from 'zod/v4';
import type * as S from '../contract/schemas';
import { participationStatus, type ConsultationStatus } from './domain/lifecycle';
import { consultationViewer, publicRules } from './domain/policy';
import { presentProcedure } from '../procedures/public';
import { currentPhase, phaseAbilities } from './domain/phases';
import type { ConsultationCard, ConsultationDetail as DetailSnapshot, ConsultationParticipation } from './domain/snapshot';
import type { LifecycleRow } from './repository';

export type ConsultationSummary = z.output<typeof S.ConsultationSummary>;
export type ConsultationDetail = z.output<typeof S.ConsultationDetail>;
type Media = z.output<typeof S.Media>;

/** Which stage text a consultation shows in each state, first written wins. */
const STAGE_TEXT: Record<ConsultationStatus, (keyof DetailSnapshot['stageTexts'])[]> = {
  draft: [],
  scheduled: ['textUpcoming'],
  open: ['textOpen'],
  closed: ['textClosed'],
  results_published: ['textResults', 'textClosed'],
  archived: ['textResults', 'textClosed'],
};

export const iso = (date: Date | null) => date?.toISOString() ?? null;

const countsOf = (r: LifecycleRow) => ({ contributions: r.contributionsCount, participants: r.participantsCount, supports: r.supportsCount });

// Snapshots store media as Strapi gave them; the response schema names their public fields.
const media = (m: unknown) => m as Media;

/** A card of the public list. */
export function presentSummary(row: LifecycleRow, card: ConsultationCard): ConsultationSummary {
  return {
    documentId: row.consultationDocumentId,
    slug: row.slug,
    title: card.title,
    summary: card.summary,
    status: row.status,
    opensAt: iso(row.opensAt),
    closesAt: iso(row.closesAt),
    cover: card.cover ? media(card.cover) : null,
    themes: card.themes,
    territory: card.territory as ConsultationSummary['territory'],
    origin: card.origin ?? null,
    counts: countsOf(row),
  };
}

/** A consultation's own page: its stage text, phases, rules, results once public, and the viewer's flags. */
export function presentDetail(
  row: LifecycleRow,
  card: ConsultationCard,
  detail: DetailSnapshot,
  participation: ConsultationParticipation,
  signedIn: boolean,
  now: Date
): ConsultationDetail {
  const { rules, phases } = participation;
  const phase = row.status === 'open' ? currentPhase(phases, now) : null;
  const stageText = STAGE_TEXT[row.status].map((field) => detail.stageTexts[field]).find((t) => typeof t === 'string' && t.trim()) ?? null;
  const resultsPublic = row.status === 'results_published' || row.status === 'archived';
  // Key order is part of the contract's bytes (ETags, the benchmark's raw comparison): keep it.
  return {
    documentId: row.consultationDocumentId,
    slug: row.slug,
    title: card.title,
    summary: card.summary,
    // Snapshots written before the field existed lack it.
    easyRead: detail.easyRead ?? null,
    body: detail.body,
    status: row.status,
    stage: { status: row.status, text: stageText },
    opensAt: iso(row.opensAt),
    closesAt: iso(row.closesAt),
    phases: phases.map((p) => ({ ...p, ...phaseAbilities(p), current: p === phase })),
    currentPhase: phase ? { ...phase, ...phaseAbilities(phase) } : null,
    rules: publicRules(rules),
    procedure: presentProcedure(participation.procedure, row),
    themes: card.themes,
    territory: card.territory as ConsultationSummary['territory'],
    origin: card.origin ?? null,
    cover: card.cover ? media(card.cover) : null,
    documents: detail.documents.map(media),
    counts: countsOf(row),
    results: resultsPublic
      ? {
          ...detail.results,
          keyFigures: detail.results.keyFigures as NonNullable<ConsultationDetail['results']>['keyFigures'],
          attachments: detail.results.attachments.map(media),
          // Snapshots written before these fields existed lack them.
          decisionUrl: detail.results.decisionUrl ?? null,
          updates: detail.results.updates ?? [],
        }
      : null,
    viewer: consultationViewer({ rules, status: participationStatus(row.status, row.closesAt, now), phase }, signedIn),
  };
}
