import type { ErrorCode } from '../../platform/errors';
import { openingBlocker, scheduleViolations, type ProcedureFacts } from '../../procedures/domain/rules';

/**
 * The consultation lifecycle as data: one table of transitions with their guards, used by every entry point
 * (admin action, scheduler, demo). Pure: no Strapi, no clock but the one passed in.
 */
export const CONSULTATION_STATUSES = ['draft', 'scheduled', 'open', 'closed', 'results_published', 'archived'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
export const PUBLIC_STATUSES = CONSULTATION_STATUSES.filter((s) => s !== 'draft');

/** What the guards look at: the lifecycle row plus what the published consultation contains. */
export type LifecycleSnapshot = {
  status: ConsultationStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  isPublished: boolean;
  hasSummary: boolean;
  hasResults: boolean;
  /** The legal procedure of the published version, with the dates it announced (absent: a free consultation). */
  procedure?: ProcedureFacts | null;
};

export type TransitionRequest = { to: ConsultationStatus; reason?: string | null; closesAt?: Date | null };

export type Refusal = { ok: false; code: ErrorCode; message: string };
export type Plan = {
  ok: true;
  from: ConsultationStatus;
  to: ConsultationStatus;
  /** Dates the transition sets on the lifecycle row. */
  patch: { opensAt?: Date; closesAt?: Date };
};

type Guard = (s: LifecycleSnapshot, r: TransitionRequest, now: Date) => Refusal | null;

const refuse = (code: ErrorCode, message: string): Refusal => ({ ok: false, code, message });

const datesPresent: Guard = (s) => (s.opensAt && s.closesAt ? null : refuse('dates_missing', "Renseignez les dates d'ouverture et de clôture."));
const datesOrdered: Guard = (s) =>
  s.opensAt && s.closesAt && s.opensAt < s.closesAt ? null : refuse('dates_out_of_order', "La date de clôture doit suivre la date d'ouverture.");
const closesInFuture: Guard = (s, _r, now) => (s.closesAt && s.closesAt > now ? null : refuse('closes_in_past', 'La date de clôture est déjà passée.'));
const published: Guard = (s) => (s.isPublished ? null : refuse('not_published', 'Publiez la consultation avant de la programmer.'));
const summary: Guard = (s) => (s.hasSummary ? null : refuse('summary_missing', "Le résumé de la consultation est obligatoire pour l'ouvrir."));
const results: Guard = (s) => (s.hasResults ? null : refuse('results_missing', 'Rédigez et publiez la synthèse des résultats avant de les publier.'));
const reason: Guard = (_s, r) => (r.reason && r.reason.trim().length > 0 ? null : refuse('reason_required', 'Indiquez la raison de ce changement.'));
const extensionAsked: Guard = (s, r) => (r.closesAt ? null : refuse('already_in_state', `La consultation est déjà ${STATUS_LABELS[s.status]}.`));
const newClosingDate: Guard = (s, r, now) => {
  if (!r.closesAt) return refuse('closes_at_required', 'Indiquez la nouvelle date de clôture.');
  if (r.closesAt <= now) return refuse('closes_in_past', 'La nouvelle date de clôture doit être dans le futur.');
  if (s.closesAt && r.closesAt <= s.closesAt && s.status === 'open')
    return refuse('closes_at_not_later', 'La nouvelle date de clôture doit être postérieure à la date actuelle de clôture.');
  return null;
};

/** A procedure opens only once what the law requires is done: its overseer appointed, its notice published. */
const procedureReady: Guard = (s) => {
  const blocker = s.procedure ? openingBlocker(s.procedure) : null;
  return blocker ? refuse(blocker.code, blocker.message) : null;
};
/**
 * The schedule a transition leads to is one the procedure allows: opening early still leaves the notice period and
 * the minimum duration; closing early comes no sooner than the minimum duration; an extension stays within the
 * maximum duration and the extension the law allows.
 */
const lawfulSchedule: Guard = (s, r, now) => {
  if (!s.procedure || s.procedure.procedure === 'libre') return null;
  const started = s.status === 'open' || s.status === 'closed';
  const opensAt = !started && r.to === 'open' && s.opensAt && s.opensAt > now ? now : s.opensAt;
  // Closing early closes now: still no sooner than the minimum duration allows.
  const closingEarly = r.to === 'closed' && s.closesAt && s.closesAt > now;
  const closesAt = closingEarly ? now : started ? (r.closesAt ?? s.closesAt) : s.closesAt;
  const violations = scheduleViolations({ ...s.procedure, opensAt, closesAt }, now, { started, publishedClosesAt: started ? s.procedure.closesAt : null });
  return violations.length ? refuse('schedule_not_lawful', violations[0].message) : null;
};

type Rule = {
  from: ConsultationStatus;
  to: ConsultationStatus;
  guards: Guard[];
  patch?: (s: LifecycleSnapshot, r: TransitionRequest, now: Date) => Plan['patch'];
};

/**
 * `open → open` is the extension of an open consultation; `closed → open` re-opens it, only by extending
 * its closing date and with a reason. Opening early sets `opensAt` to now; closing early sets `closesAt`.
 */
export const TRANSITIONS: readonly Rule[] = [
  // Scheduling commits to an automatic opening: it asks for what opening will need.
  { from: 'draft', to: 'scheduled', guards: [datesPresent, datesOrdered, closesInFuture, published, summary, lawfulSchedule] },
  { from: 'scheduled', to: 'draft', guards: [] },
  {
    from: 'scheduled',
    to: 'open',
    guards: [datesPresent, closesInFuture, published, summary, procedureReady, lawfulSchedule],
    patch: (s, _r, now) => (s.opensAt && s.opensAt <= now ? {} : { opensAt: now }),
  },
  {
    from: 'open',
    to: 'closed',
    guards: [lawfulSchedule],
    patch: (s, _r, now) => (s.closesAt && s.closesAt <= now ? {} : { closesAt: now }),
  },
  { from: 'open', to: 'open', guards: [extensionAsked, reason, newClosingDate, lawfulSchedule], patch: (_s, r) => ({ closesAt: r.closesAt! }) },
  { from: 'closed', to: 'open', guards: [reason, newClosingDate, published, summary, lawfulSchedule], patch: (_s, r) => ({ closesAt: r.closesAt! }) },
  { from: 'closed', to: 'results_published', guards: [results] },
  { from: 'closed', to: 'archived', guards: [] },
  { from: 'results_published', to: 'archived', guards: [] },
];

export function allowedTargets(from: ConsultationStatus): ConsultationStatus[] {
  return TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

/** Decides a requested transition: the plan to carry out, or the first guard that refuses it. */
export function planTransition(snapshot: LifecycleSnapshot, request: TransitionRequest, now: Date): Plan | Refusal {
  const rule = TRANSITIONS.find((t) => t.from === snapshot.status && t.to === request.to);
  if (!rule) {
    return refuse('transition_not_allowed', `Passage de « ${STATUS_LABELS[snapshot.status]} » à « ${STATUS_LABELS[request.to]} » impossible.`);
  }
  for (const guard of rule.guards) {
    const refusal = guard(snapshot, request, now);
    if (refusal) return refusal;
  }
  return { ok: true, from: snapshot.status, to: rule.to, patch: rule.patch?.(snapshot, request, now) ?? {} };
}

/**
 * The transition the scheduler owes now, if any, and the moment it fell due: opening at `opensAt`, closing at
 * `closesAt`. The scheduler plans it as of that moment, so that after downtime a consultation whose two dates
 * have passed is opened and then closed, each at its own date.
 */
export function dueTransition(snapshot: LifecycleSnapshot, now: Date): { to: ConsultationStatus; dueAt: Date } | null {
  if (snapshot.status === 'scheduled' && snapshot.opensAt && snapshot.opensAt <= now) {
    return { to: 'open', dueAt: snapshot.opensAt };
  }
  if (snapshot.status === 'open' && snapshot.closesAt && snapshot.closesAt <= now) {
    return { to: 'closed', dueAt: snapshot.closesAt };
  }
  return null;
}

/**
 * The state participation sees: an open consultation whose closing date has passed is closed for citizens, even
 * in the minute before the scheduler records it.
 */
export function participationStatus(status: ConsultationStatus, closesAt: Date | null, now: Date): ConsultationStatus {
  return status === 'open' && closesAt && closesAt <= now ? 'closed' : status;
}

export const STATUS_LABELS: Record<ConsultationStatus, string> = {
  draft: 'brouillon',
  scheduled: 'programmée',
  open: 'ouverte',
  closed: 'clôturée',
  results_published: 'résultats publiés',
  archived: 'archivée',
};
