import { type PublicRoute } from '../platform/route';
import { noQuery, slugParams } from '../contract/base-inputs';
import { one } from '../platform/schemas';
import { registerExportQuery, registerQuery } from './inputs';
import * as z from 'zod/v4';
import { type AdminRoute } from '../platform/route';
import { documentIdParams, pageQuery } from '../contract/base-inputs';
import { PERMISSIONS } from '../permissions';
import { reportBody, scanFields, scanParams } from './inputs';
import { AdminProcedure, ProcedurePage, RegisterAnnex, RegisterExport, RegisterHead, RegisterPage, StaffObservation } from './schemas';

/** The public routes of the legal procedures' registers. */
export const proceduresRoutes: PublicRoute[] = [
  {
    method: 'GET',
    path: '/consultations/:slug/procedure',
    handler: 'procedures.procedure',
    summary:
      'Procédure légale d’une consultation : calendrier calculé (avis, clôture au plus tôt et au plus tard, bilan ou rapport…), documents publiés, tête du registre',
    tag: 'Procédures',
    auth: 'none',
    params: slugParams,
    query: noQuery,
    success: 200,
    response: one(ProcedurePage),
    errors: ['not_found'],
  },
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
    path: '/consultations/:slug/register/annexes',
    handler: 'procedures.annexes',
    summary: 'Annexes quotidiennes du registre : chaque jour, le registre arrêté à minuit en PDF, avec son empreinte et le nombre d’observations',
    tag: 'Procédures',
    auth: 'none',
    params: slugParams,
    query: noQuery,
    success: 200,
    response: one(z.array(RegisterAnnex)),
    errors: ['not_found'],
  },
  {
    method: 'GET',
    path: '/consultations/:slug/register/export',
    handler: 'procedures.export',
    summary: 'Registre entier : json vérifiable hors ligne, csv pour tableur, pdf pour l’annexe du registre papier',
    tag: 'Procédures',
    auth: 'none',
    params: slugParams,
    query: registerExportQuery,
    success: 200,
    response: one(RegisterExport),
    csv: true,
    pdf: true,
    errors: ['not_found'],
  },
];

/** The staff screens of the procedures: agents see all of them, a garant or commissaire enquêteur those they oversee. */
export const proceduresAdminRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/procedures',
    handler: 'admin-procedures.list',
    summary: 'Les procédures légales que la personne suit : calendrier, ce qu’elles attendent, documents publiés, ce qu’elle peut publier',
    tag: 'Procédures',
    permission: PERMISSIONS.procedures,
    success: 200,
    response: z.object({ data: z.array(AdminProcedure) }),
    errors: [],
  },
  {
    method: 'GET',
    path: '/procedures/:documentId',
    handler: 'admin-procedures.detail',
    summary: 'Une procédure légale : calendrier, documents publiés, ce que la personne peut publier',
    tag: 'Procédures',
    permission: PERMISSIONS.procedures,
    params: documentIdParams,
    success: 200,
    response: z.object({ data: AdminProcedure }),
    errors: ['not_found'],
  },
  {
    method: 'GET',
    path: '/procedures/:documentId/observations',
    handler: 'admin-procedures.observations',
    summary: 'Toutes les observations du registre, y compris celles retenues en modération, avec leur motif',
    tag: 'Procédures',
    permission: PERMISSIONS.procedures,
    params: documentIdParams,
    query: pageQuery,
    success: 200,
    response: z.object({
      data: z.array(StaffObservation),
      meta: z.object({ pagination: z.object({ page: z.int(), pageSize: z.int(), pageCount: z.int(), total: z.int() }) }),
    }),
    errors: ['not_found'],
  },
  {
    method: 'POST',
    path: '/procedures/:documentId/observations/:number/scans',
    handler: 'admin-procedures.attachScan',
    summary: 'Joint la numérisation d’une observation reçue sur papier (PDF, JPEG ou PNG, 10 Mo au plus, 10 par observation), publiable ou non',
    tag: 'Procédures',
    permission: PERMISSIONS.procedures,
    params: scanParams,
    body: scanFields,
    upload: { field: 'file', description: 'Le fichier numérisé : PDF, JPEG ou PNG, reconnu à ses premiers octets.' },
    success: 201,
    response: z.object({
      data: z.array(StaffObservation),
      meta: z.object({ pagination: z.object({ page: z.int(), pageSize: z.int(), pageCount: z.int(), total: z.int() }) }),
    }),
    errors: ['not_found', 'payload_too_large', 'unsupported_media_type', 'scan_limit_reached'],
  },
  {
    method: 'POST',
    path: '/procedures/:documentId/reports',
    handler: 'admin-procedures.publishReport',
    summary: 'Publie le bilan du garant, le rapport du commissaire enquêteur ou la synthèse, puis la réponse du maître d’ouvrage, datés',
    tag: 'Procédures',
    permission: PERMISSIONS.procedures,
    params: documentIdParams,
    body: reportBody,
    success: 201,
    response: z.object({ data: AdminProcedure }),
    errors: ['not_found', 'already_published', 'procedure_not_ready'],
  },
];
