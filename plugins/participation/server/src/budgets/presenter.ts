import { csvText } from '../platform/csv';
import { FOLLOW_UP_LABELS, PROJECT_STATUS_LABELS, STAGE_LABELS, stageAt } from './domain/rules';
import { costOf, type BudgetProcess, type BudgetProject } from './repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A budget as the public lists show it: its stage now and its calendar. */
export function processSummary(p: BudgetProcess, now: Date) {
  const stage = stageAt(p, now);
  return {
    documentId: p.documentId,
    slug: p.slug,
    name: p.name,
    description: p.description,
    stage,
    stageLabel: STAGE_LABELS[stage],
    calendar: {
      filingOpensAt: p.filingOpensAt.toISOString(),
      filingClosesAt: p.filingClosesAt.toISOString(),
      voteOpensAt: p.voteOpensAt.toISOString(),
      voteClosesAt: p.voteClosesAt.toISOString(),
      followUpAt: iso(p.followUpAt),
    },
    envelope: p.settings.envelope,
  };
}

/** A public project: its cost, place, decision, votes once public, and a winner's follow-up (never its author's id or the analysis). */
export function projectView(p: BudgetProject, communes: Map<string, string>, votes: { total: number; web: number; paper: number } | null) {
  return {
    documentId: p.documentId,
    title: p.title,
    description: p.description,
    cost: costOf(p),
    estimatedCost: p.estimatedCost,
    revisedCost: p.revisedCost,
    commune: { code: p.communeCode, name: communes.get(p.communeCode) ?? p.communeCode },
    territoryCode: p.territoryCode,
    theme: p.theme,
    imageUrl: p.imageUrl,
    authorName: p.authorName,
    coAuthors: p.coAuthors,
    channel: p.channel,
    status: p.status,
    statusLabel: PROJECT_STATUS_LABELS[p.status],
    decisionReason: p.status === 'published' ? null : p.decisionReason,
    isWinner: p.isWinner,
    votes,
    commentsCount: p.commentsCount,
    followUp: p.isWinner
      ? {
          status: p.followUpStatus,
          statusLabel: p.followUpStatus ? FOLLOW_UP_LABELS[p.followUpStatus as keyof typeof FOLLOW_UP_LABELS] : null,
          milestones: p.milestones,
          deliveredAt: p.deliveredAt,
        }
      : null,
    createdAt: p.createdAt.toISOString(),
  };
}

/** The columns of the results file (open data, and the committee's export). */
export const OPEN_DATA_COLUMNS = [
  'projet_id',
  'titre',
  'cout_euros',
  'territoire_projet',
  'territoire_votant',
  'voix',
  'voix_en_ligne',
  'voix_papier',
  'laureat',
  'depose_le',
];
export const openDataCsv = (rows: (string | number)[][]) => csvText(OPEN_DATA_COLUMNS, rows);
