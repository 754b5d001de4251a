import { type PublicRoute } from '../platform/route';
import { territoriesQuery, themesQuery } from '../contract/inputs';
import * as S from '../contract/schemas';

/** The public routes of themes and territories: one entry per route, assembled in contract/routes.ts. */
export const territoriesRoutes: PublicRoute[] = [
  {
    method: 'GET',
    path: '/themes',
    handler: 'taxonomy.themes',
    summary: 'Thèmes des consultations',
    tag: 'Taxonomies',
    auth: 'none',
    query: themesQuery,
    success: 200,
    response: S.list(S.Theme),
    errors: [],
    cache: true,
  },
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
];
