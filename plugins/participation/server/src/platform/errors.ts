import { errors as strapiErrors } from '@strapi/utils';
/**
 * The error catalogue: every `details.code` the plugin answers, with its HTTP status and its default French
 * message. Use cases throw `fail(code)`; the `errors` middleware, the route registry (which codes a route may
 * answer) and the OpenAPI generator (which status each code has) all read this one table.
 */
export const ERROR_CATALOGUE = {
  validation_failed: { status: 400, message: 'Paramètres invalides.' },

  authentication_required: { status: 401, message: 'Connectez-vous pour participer.' },
  invalid_token: { status: 401, message: 'Session invalide ou expirée : reconnectez-vous.' },
  // The admin routes of the plugin (see platform/staff-session.ts).
  staff_session_required: { status: 401, message: 'Session d’administration absente, expirée ou fermée : reconnectez-vous.' },

  not_author: { status: 403, message: 'Seul·e son auteur·rice peut modifier une contribution.' },
  password_mismatch: { status: 403, message: 'Mot de passe incorrect : le compte n’a pas été modifié.' },
  // Staff roles (see consultations/domain/editing.ts).
  configuration_forbidden: { status: 403, message: 'Votre rôle ne permet pas de modifier le calendrier ni les règles de participation.' },
  schedule_publication_forbidden: { status: 403, message: "Seul un agent habilité à changer l'état de la consultation peut publier un nouveau calendrier." },
  personal_data_forbidden: { status: 403, message: 'Votre rôle ne permet pas d’exporter des données personnelles.' },
  permission_required: { status: 403, message: 'Votre rôle ne donne pas ce droit : demandez-le à un administrateur.' },

  not_found: { status: 404, message: 'Ressource introuvable.' },

  // Participation refused by the consultation's state or rules (see consultations/domain/policy.ts).
  consultation_not_open: { status: 409, message: "La consultation n'est pas encore ouverte." },
  consultation_closed: { status: 409, message: 'La consultation est close.' },
  contributions_disabled: { status: 409, message: "Cette consultation n'accepte pas de contributions." },
  supports_disabled: { status: 409, message: "Cette consultation n'accepte pas de soutiens." },
  comments_disabled: { status: 409, message: "Cette consultation n'accepte pas de commentaires." },
  phase_does_not_allow: { status: 409, message: 'La phase en cours de la consultation ne le permet pas.' },
  // Refused by the contribution itself (see contributions/domain/policy.ts).
  contribution_not_published: { status: 409, message: "Cette contribution n'est pas publiée." },
  own_contribution: { status: 409, message: 'Vous ne pouvez pas soutenir votre propre contribution.' },
  own_item: { status: 409, message: 'Vous ne pouvez pas signaler votre propre publication.' },
  already_reported: { status: 409, message: 'Vous avez déjà signalé cet élément.' },
  not_editable: { status: 409, message: 'Une contribution ne se modifie plus une fois modérée.' },
  contribution_limit_reached: { status: 409, message: 'Vous avez atteint le nombre maximum de contributions sur cette consultation.' },
  duplicate_contribution: { status: 409, message: 'Vous avez déjà déposé cette contribution.' },
  duplicate_comment: { status: 409, message: 'Vous avez déjà publié ce commentaire.' },
  // Petitions (see petitions/domain/rules.ts).
  petition_not_open: { status: 409, message: "Cette pétition n'est pas ouverte aux signatures." },
  petition_closed: { status: 409, message: 'Les signatures de cette pétition sont closes.' },
  already_signed: { status: 409, message: 'Vous avez déjà signé cette pétition.' },
  appeal_not_allowed: { status: 409, message: "Un recours gracieux n'est possible que contre une décision d'irrecevabilité, une fois, dans les deux mois." },
  scheme_closed: { status: 409, message: "Ce dispositif n'accepte pas de nouvelles pétitions." },
  duplicate_petition: { status: 409, message: 'Vous avez déjà déposé cette pétition.' },
  // Participatory budgets (see budgets/domain/rules.ts).
  filing_closed: { status: 409, message: "Le dépôt des projets n'est pas ouvert." },
  duplicate_project: { status: 409, message: 'Vous avez déjà déposé ce projet.' },
  vote_not_open: { status: 409, message: "Le vote n'est pas encore ouvert." },
  vote_closed: { status: 409, message: 'Le vote est clos.' },
  voted_on_paper: { status: 409, message: 'Votre bulletin papier a déjà été enregistré : il compte.' },
  already_voted: { status: 409, message: 'Une personne avec ce nom et cette date de naissance a déjà voté.' },
  project_comments_disabled: { status: 409, message: "Ce budget participatif n'accepte pas de commentaires sur ses projets." },
  project_comments_closed: { status: 409, message: 'Les commentaires sur ce projet sont clos.' },
  configuration_locked: { status: 409, message: 'Les règles ne changent plus une fois le vote ouvert.' },
  // Questionnaires (see questionnaires/domain/rules.ts).
  questionnaire_not_open: { status: 409, message: "Ce questionnaire n'est pas encore ouvert aux réponses." },
  questionnaire_closed: { status: 409, message: 'Ce questionnaire est clos.' },
  already_answered: { status: 409, message: 'Vous avez déjà répondu à ce questionnaire.' },
  answer_locked: { status: 409, message: 'Ce questionnaire ne permet pas de modifier une réponse envoyée.' },
  // Public meetings (see meetings/domain/rules.ts).
  meeting_cancelled: { status: 409, message: 'Cette réunion est annulée.' },
  registration_closed: { status: 409, message: 'Les inscriptions à cette réunion ne sont pas ouvertes.' },
  meeting_full: { status: 409, message: 'Cette réunion est complète.' },
  already_registered: { status: 409, message: 'Vous êtes déjà inscrit·e à cette réunion.' },
  not_registered: { status: 409, message: "Vous n'êtes pas inscrit·e à cette réunion." },
  no_reserved_place: { status: 409, message: 'Toutes les places réservées aux invitations sont prises : augmentez-les ou la capacité.' },
  already_checked_in: { status: 409, message: 'Cette personne est déjà pointée à l’entrée.' },
  meeting_not_held: { status: 409, message: 'Cette réunion n’a pas encore commencé : son bilan et ce qui y a été dit s’écrivent ensuite.' },
  registration_questions_unanswered: {
    status: 409,
    message: 'Répondez d’abord aux questions d’inscription de cette réunion (son questionnaire), puis inscrivez-vous.',
  },
  meeting_not_over: { status: 409, message: 'Le compte rendu se propose aux inscrit·es une fois la réunion terminée.' },
  meeting_without_consultation: {
    status: 409,
    message: 'Cette réunion ne fait partie d’aucune consultation : rattachez-la à une consultation pour y verser les contributions.',
  },
  minutes_missing: { status: 409, message: 'Écrivez le compte rendu avant de le proposer aux inscrit·es.' },
  minutes_already_proposed: { status: 409, message: 'Le compte rendu a déjà été proposé aux inscrit·es.' },
  report_already_published: { status: 409, message: 'Le bilan est déjà publié.' },
  minutes_not_proposed: { status: 409, message: 'Le compte rendu de cette réunion n’est pas soumis aux remarques des inscrit·es.' },
  remarks_closed: { status: 409, message: 'La période des remarques sur le compte rendu est close.' },
  remarks_open: { status: 409, message: 'Les inscrit·es peuvent encore faire leurs remarques : le bilan se publie à la fin de la période.' },
  not_checkable: { status: 409, message: "Ce code n'est pas celui d'une place confirmée (liste d'attente ou inscription annulée)." },
  // Staff actions (see consultations/domain/lifecycle.ts and moderation/domain/moderation.ts).
  stale_state: { status: 409, message: "L'état vient de changer ; rechargez la page et réessayez." },
  decision_not_allowed: { status: 409, message: 'Cette décision est impossible sur cet élément.' },
  transition_not_allowed: { status: 409, message: 'Ce changement d’état est impossible.' },
  already_in_state: { status: 409, message: 'La consultation est déjà dans cet état.' },
  not_published: { status: 409, message: 'Publiez la consultation avant de changer son état.' },
  summary_missing: { status: 409, message: 'Renseignez le résumé de la consultation.' },
  results_missing: { status: 409, message: 'Renseignez la synthèse des résultats.' },
  dates_missing: { status: 409, message: "Renseignez les dates d'ouverture et de clôture." },
  dates_out_of_order: { status: 409, message: "La date de clôture doit suivre la date d'ouverture." },
  closes_in_past: { status: 409, message: 'La date de clôture est déjà passée.' },
  closes_at_required: { status: 409, message: 'Indiquez la nouvelle date de clôture.' },
  closes_at_not_later: { status: 409, message: 'La nouvelle date de clôture doit suivre la date actuelle.' },
  reason_required: { status: 409, message: 'Indiquez le motif de ce changement.' },
  procedure_not_ready: { status: 409, message: "La procédure attend encore ce que la loi exige avant l'ouverture (garant désigné, avis publié)." },
  schedule_not_lawful: { status: 409, message: 'Ce calendrier est contraire aux règles de la procédure.' },
  already_published: { status: 409, message: 'Ce document est déjà publié.' },
  scan_limit_reached: { status: 409, message: 'Cette observation a déjà le nombre maximum de numérisations.' },

  payload_too_large: { status: 413, message: 'Requête trop volumineuse.' },
  unsupported_media_type: { status: 415, message: 'Envoyez un corps JSON (Content-Type: application/json).' },
  rate_limited: { status: 429, message: 'Trop de requêtes : réessayez plus tard.' },
} as const satisfies Record<string, { status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export type ErrorStatus = (typeof ERROR_CATALOGUE)[ErrorCode]['status'];

export const statusOf = (code: ErrorCode): ErrorStatus => ERROR_CATALOGUE[code].status;

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CATALOGUE, code);

const ERROR_NAMES: Record<ErrorStatus, string> = {
  400: 'ValidationError',
  401: 'UnauthorizedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  429: 'RateLimitError',
};

export type FieldError = { path: (string | number)[]; message: string };

/** A refusal the public API answers in Strapi's error envelope, its status read from the catalogue. */
export class DomainError extends Error {
  readonly status: ErrorStatus;

  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOGUE[code].message,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>
  ) {
    super(message);
    this.status = statusOf(code);
    this.name = ERROR_NAMES[this.status];
  }
}

/** The error of `code`, with the catalogue's message unless a more precise one is given. */
export const fail = (code: ErrorCode, message?: string) => new DomainError(code, message);

export const validationFailed = (errors: FieldError[], message = 'Paramètres invalides.') => new DomainError('validation_failed', message, errors);

export const notFound = (message = 'Ressource introuvable.') => new DomainError('not_found', message);

/**
 * A 403 with its French message and details, thrown from below a Strapi route (a Document Service middleware
 * under the Content Manager). Strapi's route wrapper turns any ForbiddenError into a bare English "Forbidden"
 * except a PolicyError, which it lets through: hence this subclass, named as the envelope expects.
 */
export function forbiddenWithReason(message: string, details: Record<string, unknown>) {
  const error = new strapiErrors.PolicyError(message, details);
  (error as { name: string }).name = 'ForbiddenError';
  return error;
}
