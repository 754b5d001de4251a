import { type PublicRoute } from '../platform/route';
import { noQuery } from './inputs';

/** The public routes of the contract itself: one entry per route, assembled in contract/routes.ts. */
export const contractRoutes: PublicRoute[] = [
  {
    method: 'GET',
    path: '/openapi.json',
    handler: 'contract.openapi',
    summary: 'Ce contrat, en OpenAPI 3.1',
    tag: 'Contrat',
    auth: 'none',
    query: noQuery,
    success: 200,
    response: 'openapi',
    errors: [],
    cache: true,
  },
];
