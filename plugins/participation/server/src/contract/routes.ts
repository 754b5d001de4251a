import type * as z from 'zod/v4';
import {
  commentBody,
  consultationsQuery,
  contributionBody,
  contributionEditBody,
  contributionsQuery,
  eraseBody,
  exportQuery,
  idParams,
  noQuery,
  pageQuery,
  reportBody,
  slugParams,
  territoriesQuery,
  themesQuery,
} from './inputs';
import type { ErrorCode } from '../platform/errors';
import * as S from './schemas';

/**
 * The public API, one entry per route: Strapi's routes (routes/content-api.ts) and the OpenAPI document
 * (contract/openapi.ts) are both generated from this list, so they cannot drift apart.
 */
export type PublicRoute = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: string;
  summary: string;
  tag: 'Taxonomies' | 'Consultations' | 'Contributions' | 'Compte' | 'Contrat';
  /** none: public; optional: a JWT personalises the answer; required: 401 without one. */
  auth: 'none' | 'optional' | 'required';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  success: 200 | 201;
  response: z.ZodType | 'csv' | 'openapi';
  /** `details.code` values this route may answer, besides validation_failed, rate_limited and the like (and, with `auth` optional or required, invalid_token; required, authentication_required). */
  errors: ErrorCode[];
  /** `Cache-Control` on anonymous reads, and an ETag (304 on `If-None-Match`); `streamed`: Cache-Control only (the body is never held to be hashed). */
  cache?: true | 'streamed';
  /** Also answers text/csv (with `format=csv`). */
  csv?: boolean;
};

const PARTICIPATE: ErrorCode[] = ['consultation_not_open', 'consultation_closed', 'phase_does_not_allow'];

export const PUBLIC_ROUTES: PublicRoute[] = [
  { method: 'GET', path: '/themes', handler: 'taxonomy.themes', summary: 'Thèmes des consultations', tag: 'Taxonomies', auth: 'none', query: themesQuery, success: 200, response: S.list(S.Theme), errors: [], cache: true },
  {
    method: 'GET',
    path: '/territories',
    handler: 'taxonomy.territories',
    summary: 'Département, intercommunalités et communes (recherche sans accents ni casse)',
    tag: 'Taxonomies',
    auth: 'none',
    query: territoriesQuery,
    success: 200,
    response: S.list(S.Territory),
    errors: [],
    cache: true,
  },
  {
    method: 'GET',
    path: '/consultations',
    handler: 'consultations.find',
    summary: 'Consultations publiques (jamais les brouillons)',
    tag: 'Consultations',
    auth: 'none',
    query: consultationsQuery,
    success: 200,
    response: S.list(S.ConsultationSummary),
    errors: [],
    cache: true,
  },
  {
    method: 'GET',
    path: '/consultations/:slug',
    handler: 'consultations.findOne',
    summary: "Une consultation : texte de l'étape en cours, phases, règles, compteurs, résultats, droits de la personne",
    tag: 'Consultations',
    auth: 'optional',
    params: slugParams,
    query: noQuery,
    success: 200,
    response: S.one(S.ConsultationDetail),
    errors: ['not_found'],
    cache: true,
  },
  {
    method: 'GET',
    path: '/consultations/:slug/contributions',
    handler: 'contributions.list',
    summary: "Contributions publiées d'une consultation",
    tag: 'Contributions',
    auth: 'optional',
    params: slugParams,
    query: contributionsQuery,
    success: 200,
    response: S.cursorList(S.Contribution),
    errors: ['not_found'],
    cache: true,
  },
  {
    method: 'POST',
    path: '/consultations/:slug/contributions',
    handler: 'contributions.create',
    summary: 'Contribuer (en attente de modération a priori, publiée a posteriori)',
    tag: 'Contributions',
    auth: 'optional',
    params: slugParams,
    body: contributionBody,
    success: 201,
    response: S.one(S.Contribution),
    errors: ['not_found', 'contributions_disabled', 'contribution_limit_reached', 'duplicate_contribution', ...PARTICIPATE],
  },
  {
    method: 'GET',
    path: '/consultations/:slug/export',
    handler: 'open-data.export',
    summary: 'Données ouvertes : contributions publiées et réponses officielles, sans donnée personnelle (json ou csv)',
    tag: 'Consultations',
    auth: 'none',
    params: slugParams,
    query: exportQuery,
    success: 200,
    response: S.one(S.OpenData),
    csv: true,
    errors: ['not_found'],
    cache: 'streamed',
  },
  {
    method: 'GET',
    path: '/contributions/:id',
    handler: 'contributions.findOne',
    summary: 'Une contribution publiée (ou la sienne, quel que soit son statut)',
    tag: 'Contributions',
    auth: 'optional',
    params: idParams,
    query: noQuery,
    success: 200,
    response: S.one(S.ContributionDetail),
    errors: ['not_found'],
    cache: true,
  },
  {
    method: 'PUT',
    path: '/contributions/:id',
    handler: 'contributions.update',
    summary: 'Modifier sa contribution tant qu’elle attend la modération',
    tag: 'Contributions',
    auth: 'required',
    params: idParams,
    body: contributionEditBody,
    success: 200,
    response: S.one(S.Contribution),
    errors: ['not_found', 'not_author', 'not_editable', 'duplicate_contribution'],
  },
  {
    method: 'POST',
    path: '/contributions/:id/supports',
    handler: 'contributions.support',
    summary: 'Soutenir (idempotent)',
    tag: 'Contributions',
    auth: 'required',
    params: idParams,
    success: 200,
    response: S.one(S.SupportResult),
    errors: ['not_found', 'supports_disabled', 'own_contribution', ...PARTICIPATE],
  },
  {
    method: 'DELETE',
    path: '/contributions/:id/supports',
    handler: 'contributions.withdrawSupport',
    summary: 'Retirer son soutien (idempotent)',
    tag: 'Contributions',
    auth: 'required',
    params: idParams,
    success: 200,
    response: S.one(S.SupportResult),
    errors: ['not_found', 'supports_disabled', ...PARTICIPATE],
  },
  {
    method: 'GET',
    path: '/contributions/:id/comments',
    handler: 'contributions.comments',
    summary: 'Commentaires publiés, en fils (trois niveaux)',
    tag: 'Contributions',
    auth: 'optional',
    params: idParams,
    query: pageQuery,
    success: 200,
    response: S.list(S.CommentNode),
    errors: ['not_found'],
    cache: true,
  },
  {
    method: 'POST',
    path: '/contributions/:id/comments',
    handler: 'contributions.comment',
    summary: 'Commenter, ou répondre à un commentaire (parent)',
    tag: 'Contributions',
    auth: 'optional',
    params: idParams,
    body: commentBody,
    success: 201,
    response: S.one(S.CommentCreated),
    errors: ['not_found', 'comments_disabled', 'duplicate_comment', ...PARTICIPATE],
  },
  {
    method: 'POST',
    path: '/contributions/:id/reports',
    handler: 'contributions.reportContribution',
    summary: 'Signaler une contribution (une fois par personne)',
    tag: 'Contributions',
    auth: 'required',
    params: idParams,
    body: reportBody,
    success: 201,
    response: S.one(S.ReportResult),
    errors: ['not_found', 'already_reported', 'own_item'],
  },
  {
    method: 'POST',
    path: '/comments/:id/reports',
    handler: 'contributions.reportComment',
    summary: 'Signaler un commentaire (une fois par personne)',
    tag: 'Contributions',
    auth: 'required',
    params: idParams,
    body: reportBody,
    success: 201,
    response: S.one(S.ReportResult),
    errors: ['not_found', 'already_reported', 'own_item'],
  },
  {
    method: 'GET',
    path: '/me/contributions',
    handler: 'contributions.mine',
    summary: 'Mes contributions, tous statuts, avec le motif des refus',
    tag: 'Compte',
    auth: 'required',
    query: pageQuery,
    success: 200,
    response: S.list(S.MyContribution),
    errors: [],
  },
  {
    method: 'GET',
    path: '/me/export',
    handler: 'account.export',
    summary: 'Tout ce que la plateforme détient sur moi (JSON)',
    tag: 'Compte',
    auth: 'required',
    query: noQuery,
    success: 200,
    response: S.one(S.AccountExport),
    errors: [],
  },
  {
    method: 'DELETE',
    path: '/me',
    handler: 'account.erase',
    summary: 'Effacer mon compte (mot de passe demandé à nouveau) : données personnelles supprimées, sessions révoquées, contributions conservées sous « Participant·e supprimé·e »',
    tag: 'Compte',
    auth: 'required',
    body: eraseBody,
    success: 200,
    response: S.one(S.AccountErased),
    errors: ['password_mismatch'],
  },
  {
    method: 'DELETE',
    path: '/me/sessions',
    handler: 'account.signOutEverywhere',
    summary: 'Me déconnecter partout : tous mes jetons, celui-ci compris, cessent de fonctionner',
    tag: 'Compte',
    auth: 'required',
    query: noQuery,
    success: 200,
    response: S.one(S.SignedOut),
    errors: [],
  },
  { method: 'GET', path: '/openapi.json', handler: 'contract.openapi', summary: 'Ce contrat, en OpenAPI 3.1', tag: 'Contrat', auth: 'none', query: noQuery, success: 200, response: 'openapi', errors: [], cache: true },
];

/** Error codes any route may answer. */
export const COMMON_ERRORS: ErrorCode[] = ['validation_failed', 'rate_limited', 'payload_too_large', 'unsupported_media_type'];

/** What a route may answer: its own codes, the common ones, and those its sign-in requirement adds (enforced by the `citizen` middleware). */
export function routeErrors(route: PublicRoute): ErrorCode[] {
  const common = COMMON_ERRORS.filter((c) => c === 'validation_failed' || route.method !== 'GET');
  const identity: ErrorCode[] = route.auth === 'required' ? ['authentication_required'] : route.auth === 'optional' || route.method !== 'GET' ? ['invalid_token'] : [];
  return [...new Set([...route.errors, ...identity, ...common])];
}
