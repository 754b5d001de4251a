import type { Phase } from './phases';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** What a copy of a consultation starts with: its results belong to the original. */
export const RESULT_FIELDS = ['resultsSynthesis', 'resultsKeyFigures', 'resultsDecisions', 'resultsDecisionUrl', 'resultsUpdates'] as const;

export const copyTitle = (title: string | null | undefined) => `Copie de ${title ?? 'consultation'}`.slice(0, 160);

/**
 * A copy's calendar: the original's, moved by whole weeks so that it opens at least a week from now (same weekday,
 * same hours, same durations); a calendar already that far ahead is kept as it is.
 */
export function copiedCalendar(calendar: { opensAt: Date | null; closesAt: Date | null; phases: Phase[] }, now: Date) {
  const earliest = calendar.opensAt ?? (calendar.phases[0] ? new Date(calendar.phases[0].startsAt) : null);
  const weeks = earliest && earliest.getTime() < now.getTime() + WEEK ? Math.ceil((now.getTime() + WEEK - earliest.getTime()) / WEEK) : 0;
  const move = (date: Date) => new Date(date.getTime() + weeks * WEEK);
  return {
    opensAt: calendar.opensAt ? move(calendar.opensAt) : null,
    closesAt: calendar.closesAt ? move(calendar.closesAt) : null,
    phases: calendar.phases.map((phase) => ({
      ...phase,
      startsAt: move(new Date(phase.startsAt)).toISOString(),
      endsAt: move(new Date(phase.endsAt)).toISOString(),
    })),
  };
}
