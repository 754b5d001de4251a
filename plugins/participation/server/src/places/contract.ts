import { type PublicRoute } from '../platform/route';
import { noQuery, placeParams } from '../contract/inputs';
import * as S from '../contract/schemas';

/** The public routes of « Près de chez moi »: one entry per route, assembled in contract/routes.ts. */
export const placesRoutes: PublicRoute[] = [
  {
    method: 'GET',
    path: '/places/:code',
    handler: 'places.overview',
    summary: 'Près de chez moi : ce qui concerne un lieu (commune, EPCI ou département) — consultations, projets de budget participatif, pétitions',
    tag: 'Taxonomies',
    auth: 'none',
    params: placeParams,
    query: noQuery,
    success: 200,
    response: S.one(S.PlaceOverview),
    errors: ['not_found'],
    cache: true,
  },
];
