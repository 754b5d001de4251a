import * as z from 'zod/v4';
import { PERMISSIONS } from '../permissions';
import { type AdminRoute, type PublicRoute } from '../platform/route';
import { documentIdParams } from '../contract/base-inputs';
import { adminConsultationsQuery, dashboardQuery, transitionBody } from './inputs';
import { ConsultationRow, DashboardOverview, LifecycleEvent, LifecycleState, TransitionDone } from './schemas';
import { consultationsQuery, noQuery, slugParams } from '../contract/inputs';
import * as S from '../contract/schemas';

/** The public routes of public consultations: one entry per route, assembled in contract/routes.ts. */
export const consultationsRoutes: PublicRoute[] = [
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
];

const TRANSITION_REFUSALS = [
  'transition_not_allowed',
  'already_in_state',
  'not_published',
  'summary_missing',
  'results_missing',
  'dates_missing',
  'dates_out_of_order',
  'closes_in_past',
  'closes_at_required',
  'closes_at_not_later',
  'reason_required',
  'stale_state',
] as const;

/** The agents' consultation screens (admin API): dashboard, list, lifecycle and its transitions. */
export const consultationsAdminRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/dashboard',
    handler: 'admin-lifecycle.dashboard',
    summary: 'Le tableau de bord : consultations, chiffres et activité jour par jour',
    tag: 'Tableau de bord',
    permission: PERMISSIONS.consultationRead,
    query: dashboardQuery,
    success: 200,
    response: z.object({ data: DashboardOverview }),
    errors: [],
  },
  {
    method: 'GET',
    path: '/consultations',
    handler: 'admin-lifecycle.list',
    summary: 'Les consultations : état, dates, chiffres, éléments à modérer',
    tag: 'Consultations',
    permission: PERMISSIONS.consultationRead,
    query: adminConsultationsQuery,
    success: 200,
    response: z.object({ data: z.array(ConsultationRow) }),
    errors: [],
  },
  {
    method: 'GET',
    path: '/consultations/:documentId/lifecycle',
    handler: 'admin-lifecycle.state',
    summary: 'Où en est une consultation, et vers quels états elle peut passer',
    tag: 'Consultations',
    permission: PERMISSIONS.consultationRead,
    params: documentIdParams,
    success: 200,
    response: z.object({ data: LifecycleState }),
    errors: ['not_found'],
  },
  {
    method: 'GET',
    path: '/consultations/:documentId/transitions',
    handler: 'admin-lifecycle.history',
    summary: 'L’historique des changements d’état d’une consultation',
    tag: 'Consultations',
    permission: PERMISSIONS.consultationRead,
    params: documentIdParams,
    success: 200,
    response: z.object({ data: z.array(LifecycleEvent) }),
    errors: ['not_found'],
  },
  {
    method: 'POST',
    path: '/consultations/:documentId/transitions',
    handler: 'admin-lifecycle.transition',
    summary: 'Change l’état d’une consultation (programmer, ouvrir, clôturer, prolonger, publier les résultats, archiver)',
    tag: 'Consultations',
    permission: PERMISSIONS.consultationTransition,
    params: documentIdParams,
    body: transitionBody,
    success: 200,
    response: z.object({ data: TransitionDone }),
    errors: ['not_found', ...TRANSITION_REFUSALS],
  },
];
