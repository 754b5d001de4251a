import * as z from 'zod/v4';
import type { ErrorCode } from '../platform/errors';

/** A nullable field, as the route entries write it. */
export const nullable = <T extends z.ZodType>(t: T) => t.nullable();

/**
 * One route of the public API, as a capability declares it in its contract.ts: Strapi's route and the OpenAPI
 * operation are both generated from it.
 */
export type PublicRoute = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: string;
  summary: string;
  tag:
    | 'Taxonomies'
    | 'Consultations'
    | 'Procédures'
    | 'Contributions'
    | 'Pétitions'
    | 'Budgets participatifs'
    | 'Questionnaires'
    | 'Réunions'
    | 'Compte'
    | 'Suivi'
    | 'Flux'
    | 'Données ouvertes'
    | 'Contrat';
  /** none: public; optional: a JWT personalises the answer; required: 401 without one. */
  auth: 'none' | 'optional' | 'required';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  success: 200 | 201 | 302;
  response: z.ZodType | 'csv' | 'openapi' | 'rss' | 'atom' | 'ics' | 'redirect';
  /** `details.code` values this route may answer, besides validation_failed, rate_limited and the like (and, with `auth` optional or required, invalid_token; required, authentication_required). */
  errors: ErrorCode[];
  /** `Cache-Control` on anonymous reads, and an ETag (304 on `If-None-Match`); `streamed`: Cache-Control only (the body is never held to be hashed). */
  cache?: true | 'streamed';
  /** Also answers text/csv (with `format=csv`). */
  csv?: boolean;
  /** Also answers application/pdf (with `format=pdf`). */
  pdf?: boolean;
  /** Also accepts an HTML form body (`application/x-www-form-urlencoded`), as RFC 8058 one-click unsubscribe posts. */
  form?: boolean;
  /** The route takes a file as `multipart/form-data` (its other fields are `body`'s), of `maxBytes` at most. */
  upload?: { field: string; description: string; maxBytes?: number };
};

/** What taking part in a consultation may be refused with. */
export const PARTICIPATE: ErrorCode[] = ['consultation_not_open', 'consultation_closed', 'phase_does_not_allow'];

/**
 * One route of the admin API (prefix /participation, admin JWT), as a capability declares it in its contract.ts:
 * Strapi's admin route, its permission check and the admin OpenAPI operation (from which the admin panel's types
 * are generated) all come from it.
 */
export type AdminRoute = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: string;
  summary: string;
  tag:
    | 'Tableau de bord'
    | 'Consultations'
    | 'Procédures'
    | 'Modération'
    | 'Exports'
    | 'Pétitions'
    | 'Budgets participatifs'
    | 'Questionnaires'
    | 'Réunions'
    | 'Envois et webhooks';
  /** The plugin permission the route requires (route policy), whatever the admin panel shows. */
  permission: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The route takes a file as `multipart/form-data` (its other fields are `body`'s). */
  upload?: { field: string; description: string };
  success: 200 | 201 | 204;
  /** JSON (zod), a CSV file, a spreadsheet or CSV download (`file`), a PDF or image download (`document`), or no body (204). */
  response: z.ZodType | 'csv' | 'file' | 'document' | 'empty';
  /** `details.code` values this route may answer besides validation_failed, staff_session_required and permission_required. */
  errors: ErrorCode[];
};
