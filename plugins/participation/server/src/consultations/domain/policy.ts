import type { ErrorCode } from '../../platform/errors';
import type { ConsultationStatus } from './lifecycle';
import { phaseAbilities, type Phase } from './phases';

/** Distinct reports that hide a published item pending review, unless the consultation sets its own threshold. */
export const DEFAULT_REPORT_THRESHOLD = 3;

/**
 * Who may take part in a consultation, and when: the single rule behind the `viewer` flags of public reads,
 * the checks of public writes and what the admin shows. Pure: no Strapi, no clock.
 */
export type ParticipationAction = 'contribute' | 'support' | 'comment';

export type ParticipationRules = {
  allowContributions: boolean;
  allowSupports: boolean;
  allowComments: boolean;
  requireAccount: boolean;
  moderationMode: 'a_priori' | 'a_posteriori';
  reportThreshold: number;
  maxContributionsPerUser: number | null;
};

/** What a consultation refuses, as `details.code` and `viewer.reason`. */
export type ParticipationRefusal = Extract<
  ErrorCode,
  | 'consultation_closed'
  | 'consultation_not_open'
  | 'contributions_disabled'
  | 'supports_disabled'
  | 'comments_disabled'
  | 'phase_does_not_allow'
  | 'authentication_required'
>;

/** The moment of a consultation a participation rule looks at. */
export type ParticipationMoment = { rules: ParticipationRules; status: ConsultationStatus; phase: Phase | null };

/** The states after the closing. */
export const CLOSED_STATES: ReadonlySet<string> = new Set<ConsultationStatus>(['closed', 'results_published', 'archived']);

/**
 * Why the visitor may not do `action` on a consultation now, or null when they may. Supports always need an
 * account: without one, "one per citizen" cannot hold.
 */
export function refusalFor(
  action: ParticipationAction,
  rules: ParticipationRules,
  status: ConsultationStatus,
  phase: Phase | null,
  signedIn: boolean
): ParticipationRefusal | null {
  if (status !== 'open') return CLOSED_STATES.has(status) ? 'consultation_closed' : 'consultation_not_open';
  const abilities = phase ? phaseAbilities(phase) : { allowContributions: true, allowSupports: true, allowComments: true };
  const [ruleOn, phaseOn, disabled] = (
    {
      contribute: [rules.allowContributions, abilities.allowContributions, 'contributions_disabled'],
      support: [rules.allowSupports, abilities.allowSupports, 'supports_disabled'],
      comment: [rules.allowComments, abilities.allowComments, 'comments_disabled'],
    } as const
  )[action];
  if (!ruleOn) return disabled;
  if (!phaseOn) return 'phase_does_not_allow';
  if (!signedIn && (rules.requireAccount || action === 'support')) return 'authentication_required';
  return null;
}

/** `refusalFor` at a given moment of a consultation. */
export const refusalAt = (moment: ParticipationMoment, action: ParticipationAction, signedIn: boolean) =>
  refusalFor(action, moment.rules, moment.status, moment.phase, signedIn);

/** What the current visitor may do on this consultation, and why not. */
export function consultationViewer(moment: ParticipationMoment, signedIn: boolean) {
  const [contribute, support, comment] = (['contribute', 'support', 'comment'] as const).map((action) => refusalAt(moment, action, signedIn));
  return {
    signedIn,
    canContribute: !contribute,
    canSupport: !support,
    canComment: !comment,
    ...(contribute ? { reason: contribute } : {}),
    reasons: { ...(contribute ? { contribute } : {}), ...(support ? { support } : {}), ...(comment ? { comment } : {}) },
  };
}

/** The rules as the public sees them: everything but the moderation threshold (which would help to game it). */
export const publicRules = ({ reportThreshold: _threshold, ...rules }: ParticipationRules) => rules;

type RuleFields = Partial<Record<keyof ParticipationRules, unknown>> & Record<string, unknown>;

/** Participation rules from a consultation document or row, whatever the database's booleans look like. */
export const rulesOf = (d: RuleFields): ParticipationRules => ({
  allowContributions: !!d.allowContributions,
  allowSupports: !!d.allowSupports,
  allowComments: !!d.allowComments,
  requireAccount: !!d.requireAccount,
  moderationMode: d.moderationMode === 'a_posteriori' ? 'a_posteriori' : 'a_priori',
  reportThreshold: Number(d.reportThreshold ?? DEFAULT_REPORT_THRESHOLD) || DEFAULT_REPORT_THRESHOLD,
  maxContributionsPerUser: d.maxContributionsPerUser === null || d.maxContributionsPerUser === undefined ? null : Number(d.maxContributionsPerUser),
});
