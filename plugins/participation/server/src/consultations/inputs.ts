import * as z from 'zod/v4';
import { CONSULTATION_STATUSES, type ConsultationStatus, PUBLIC_STATUSES } from './domain/lifecycle';
import { paginationQuery, searchText } from '../platform/validation';
import { documentId, listOf } from '../contract/base-inputs';

/** Request schemas of this capability's routes: controllers parse with them, the OpenAPI document is generated from them. */
export const CONSULTATION_SORTS = ['closesAt', '-opensAt', '-createdAt', '-contributionsCount'] as const;

export const consultationsQuery = z.strictObject({
  status: listOf(z.enum(PUBLIC_STATUSES as [ConsultationStatus, ...ConsultationStatus[]]), PUBLIC_STATUSES.length)
    .optional()
    .meta({ description: `Un ou plusieurs états parmi ${PUBLIC_STATUSES.join(', ')} : paramètre répété ou valeurs séparées par des virgules.` }),
  theme: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .max(80)
    .optional(),
  territory: z
    .string()
    .regex(/^[0-9][0-9AB][0-9]{0,7}$/)
    .optional()
    .meta({
      description:
        "Code INSEE d'un lieu (commune, EPCI ou département) : les consultations qui le concernent, c'est-à-dire sur ce lieu, sur les territoires qui le contiennent (l'EPCI d'une commune, le département) ou sur ceux qu'il contient (les communes d'un EPCI).",
    }),
  q: searchText.optional(),
  sort: z.enum(CONSULTATION_SORTS).optional().default('-opensAt'),
  ...paginationQuery,
});

/** An agent's transition: the state to reach, the reason (required by some), the new closing date of an extension. */
export const transitionBody = z.strictObject({
  to: z.enum(CONSULTATION_STATUSES),
  reason: z.string().trim().max(1000).nullable().optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
});

/** The dashboard: one consultation or all, over the last `days` days. */
export const dashboardQuery = z.strictObject({
  consultation: documentId.optional(),
  days: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(365))
    .optional()
    .default(30),
});

/** The agents' list of consultations, by state or title. */
export const adminConsultationsQuery = z.strictObject({ status: z.enum(CONSULTATION_STATUSES).optional(), q: z.string().trim().max(100).optional() });
