import { type PublicRoute } from '../contract/route';
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
