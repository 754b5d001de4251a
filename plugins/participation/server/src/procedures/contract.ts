import { type PublicRoute } from '../platform/route';
import { noQuery, slugParams } from '../contract/base-inputs';
import { one } from '../platform/schemas';
import { registerExportQuery, registerQuery } from './inputs';
import { RegisterExport, RegisterHead, RegisterPage } from './schemas';

/** The public routes of the legal procedures' registers. */
export const proceduresRoutes: PublicRoute[] = [
  {
    method: 'GET',
    path: '/consultations/:slug/register',
    handler: 'procedures.register',
    summary: 'Registre d’une procédure : observations numérotées sans trou dans l’ordre de réception, quel que soit le canal, publiées dès la modération',
    tag: 'Procédures',
    auth: 'none',
    params: slugParams,
    query: registerQuery,
    success: 200,
    response: RegisterPage,
    errors: ['not_found'],
  },
  {
    method: 'GET',
    path: '/consultations/:slug/register/head',
    handler: 'procedures.head',
    summary: 'Tête du registre : nombre d’observations et dernière empreinte, à comparer à celle d’un registre exporté',
    tag: 'Procédures',
    auth: 'none',
    params: slugParams,
    query: noQuery,
    success: 200,
    response: one(RegisterHead),
    errors: ['not_found'],
  },
  {
    method: 'GET',
    path: '/consultations/:slug/register/export',
    handler: 'procedures.export',
    summary: 'Registre entier (json vérifiable hors ligne, ou csv pour l’annexe du registre papier)',
    tag: 'Procédures',
    auth: 'none',
    params: slugParams,
    query: registerExportQuery,
    success: 200,
    response: one(RegisterExport),
    csv: true,
    errors: ['not_found'],
  },
];
