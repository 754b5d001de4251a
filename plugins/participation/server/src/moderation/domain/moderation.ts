/**
 * Moderation status of contributions and comments, as data: which decision is allowed from which status.
 * Pure; used by the moderation queue, the report threshold and the initial status of a new item.
 */
export const MODERATION_STATUSES = ['pending', 'published', 'rejected', 'hidden'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];

export const DECISIONS = ['approve', 'reject', 'hide', 'restore'] as const;
export type Decision = (typeof DECISIONS)[number] | 'auto_hide';

export const TARGET_TYPES = ['contribution', 'comment'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export const REPORT_REASONS = ['spam', 'insulting', 'off_topic', 'personal_data', 'other'] as const;
export const ANSWER_STATUSES = ['retained', 'under_study', 'not_retained', 'already_done'] as const;

export const DECISION_TABLE: Record<Decision, { from: readonly ModerationStatus[]; to: ModerationStatus }> = {
  approve: { from: ['pending'], to: 'published' },
  reject: { from: ['pending', 'published', 'hidden'], to: 'rejected' },
  hide: { from: ['published'], to: 'hidden' },
  restore: { from: ['hidden', 'rejected'], to: 'published' },
  auto_hide: { from: ['published'], to: 'hidden' },
};

/** Decisions that tell the author something negative must say why. */
export const REASON_REQUIRED: ReadonlySet<Decision> = new Set(['reject', 'hide']);

export type StaffDecision = (typeof DECISIONS)[number];

/** The decisions a moderator may take on an item in this status, as the queue offers them (with whether each needs a reason). */
export function allowedDecisions(status: ModerationStatus): { decision: StaffDecision; reasonRequired: boolean }[] {
  return DECISIONS.filter((d) => DECISION_TABLE[d].from.includes(status)).map((decision) => ({ decision, reasonRequired: REASON_REQUIRED.has(decision) }));
}

/**
 * What happens after N reports: a published item is hidden pending review, once, when the reports that count
 * reach the consultation's threshold. Only reports made since the last moderator decision count (a restore
 * sticks), and only from accounts that could not have been made for the purpose (see `reportCounts`).
 */
export function reachesAutoHide(countedSinceDecision: number, threshold: number, status: ModerationStatus): boolean {
  return status === 'published' && countedSinceDecision >= threshold;
}

/** A report counts toward hiding when its author's e-mail is confirmed and their account is old enough. */
export function reportCounts(reporter: { confirmed: boolean; createdAt: Date | null }, now: Date, minAccountAgeMinutes: number): boolean {
  if (!reporter.confirmed || !reporter.createdAt) return false;
  return now.getTime() - reporter.createdAt.getTime() >= minAccountAgeMinutes * 60_000;
}

export type DecisionResult = { ok: true; from: ModerationStatus; to: ModerationStatus } | { ok: false; code: 'decision_not_allowed'; message: string };

export function decide(status: ModerationStatus, decision: Decision): DecisionResult {
  const rule = DECISION_TABLE[decision];
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      code: 'decision_not_allowed',
      message: `Décision « ${DECISION_LABELS[decision]} » impossible sur un élément ${STATUS_LABELS[status]}.`,
    };
  }
  return { ok: true, from: status, to: rule.to };
}

/** Under a priori moderation web items wait for approval; items entered by an agent are published at once. */
export function initialStatus(moderationMode: 'a_priori' | 'a_posteriori', enteredByAgent = false): ModerationStatus {
  return enteredByAgent || moderationMode === 'a_posteriori' ? 'published' : 'pending';
}

/** How a status change moves the public counters: +1 when an item becomes public, -1 when it stops being. */
export function publicDelta(from: ModerationStatus, to: ModerationStatus): -1 | 0 | 1 {
  if (from !== 'published' && to === 'published') return 1;
  if (from === 'published' && to !== 'published') return -1;
  return 0;
}

export const STATUS_LABELS: Record<ModerationStatus, string> = {
  pending: 'en attente de modération',
  published: 'publié',
  rejected: 'refusé',
  hidden: 'masqué',
};

export const DECISION_LABELS: Record<Decision, string> = {
  approve: 'approuver',
  reject: 'refuser',
  hide: 'masquer',
  restore: 'rétablir',
  auto_hide: 'masquer après signalements',
};
