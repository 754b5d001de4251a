import { DomainError } from './errors';
import type { ConsultationStatus } from './lifecycle';
import { phaseAbilities, type Phase } from './phases';

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

const CLOSED_STATES = new Set<ConsultationStatus>(['closed', 'results_published', 'archived']);

/**
 * Why the visitor may not do `action` on a consultation now, or null when they may. The single rule behind
 * both the `viewer` flags of public reads and the checks of public writes. Supports always need an account:
 * without one, "one per citizen" cannot hold.
 */
export function refusalFor(
  action: ParticipationAction,
  rules: ParticipationRules,
  status: ConsultationStatus,
  phase: Phase | null,
  signedIn: boolean
): string | null {
  if (status !== 'open') return CLOSED_STATES.has(status) ? 'consultation_closed' : 'consultation_not_open';
  const abilities = phase ? phaseAbilities(phase) : { allowContributions: true, allowSupports: true, allowComments: true };
  const [ruleOn, phaseOn, disabled] = {
    contribute: [rules.allowContributions, abilities.allowContributions, 'contributions_disabled'],
    support: [rules.allowSupports, abilities.allowSupports, 'supports_disabled'],
    comment: [rules.allowComments, abilities.allowComments, 'comments_disabled'],
  }[action] as [boolean, boolean, string];
  if (!ruleOn) return disabled;
  if (!phaseOn) return 'phase_does_not_allow';
  if (!signedIn && (rules.requireAccount || action === 'support')) return 'authentication_required';
  return null;
}

export const REFUSAL_MESSAGES: Record<string, string> = {
  consultation_closed: 'La consultation est close.',
  consultation_not_open: "La consultation n'est pas encore ouverte.",
  contributions_disabled: "Cette consultation n'accepte pas de contributions.",
  supports_disabled: "Cette consultation n'accepte pas de soutiens.",
  comments_disabled: "Cette consultation n'accepte pas de commentaires.",
  phase_does_not_allow: "La phase en cours de la consultation ne le permet pas.",
  authentication_required: 'Connectez-vous pour participer.',
};

/** The HTTP answer to a refusal: 401 when signing in would help, 409 when the consultation's state forbids it. */
export function refusalError(code: string): DomainError {
  return new DomainError(code === 'authentication_required' ? 401 : 409, code, REFUSAL_MESSAGES[code] ?? 'Action impossible.');
}

/** Participation rules from a consultation row, whatever the database's booleans look like. */
export const rulesOf = (d: any): ParticipationRules => ({
  allowContributions: !!d.allowContributions,
  allowSupports: !!d.allowSupports,
  allowComments: !!d.allowComments,
  requireAccount: !!d.requireAccount,
  moderationMode: d.moderationMode === 'a_posteriori' ? 'a_posteriori' : 'a_priori',
  reportThreshold: Number(d.reportThreshold ?? 3) || 3,
  maxContributionsPerUser: d.maxContributionsPerUser ?? null,
});
