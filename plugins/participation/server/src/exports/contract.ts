import * as z from 'zod/v4';
import { PERMISSIONS } from '../permissions';
import type { AdminRoute } from '../platform/route';
import { documentIdParams, noQuery } from '../contract/base-inputs';
import { consultationExportQuery } from './inputs';
import { ExportLogEntry } from './schemas';

/** The agents' exports (admin API): a consultation's contributions as a file, and the log of every export. */
export const exportsAdminRoutes: AdminRoute[] = [
  {
    method: 'GET',
    path: '/consultations/:documentId/export',
    handler: 'admin-exports.download',
    summary: 'Les contributions d’une consultation en XLSX ou CSV ; avec données personnelles pour un rôle qui le permet, journalisé',
    tag: 'Exports',
    permission: PERMISSIONS.export,
    params: documentIdParams,
    query: consultationExportQuery,
    success: 200,
    response: 'file',
    errors: ['not_found', 'personal_data_forbidden'],
  },
  {
    method: 'GET',
    path: '/exports/log',
    handler: 'admin-exports.log',
    summary: 'Le journal des exports',
    tag: 'Exports',
    permission: PERMISSIONS.export,
    query: noQuery,
    success: 200,
    response: z.object({ data: z.array(ExportLogEntry) }),
    errors: [],
  },
];
