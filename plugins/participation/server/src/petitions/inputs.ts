import * as z from 'zod/v4';
import { AUTHOR_KINDS, DECISIONS as PETITION_DECISIONS, PETITION_STATUSES, PUBLIC_PETITION_STATUSES, type PetitionStatus, SCHEME_KINDS } from './domain/rules';
import { paginationQuery, searchText } from '../platform/validation';
import { documentId, honeypot, inseeCode, listOf, placeCode, slug, text } from '../contract/base-inputs';

/** Request schemas of this capability's routes: controllers parse with them, the OpenAPI document is generated from them. */
const confirmsMinimumAge = z.literal(true, { error: "Confirmez avoir l'âge minimum demandé par le dispositif." });

export const PETITION_SORTS = ['-createdAt', '-signaturesCount', 'closesAt'] as const;

export const petitionsQuery = z.strictObject({
  status: listOf(z.enum(PUBLIC_PETITION_STATUSES as [PetitionStatus, ...PetitionStatus[]]), PUBLIC_PETITION_STATUSES.length)
    .optional()
    .meta({ description: `Un ou plusieurs états parmi ${PUBLIC_PETITION_STATUSES.join(', ')}.` }),
  scheme: slug.optional(),
  territory: placeCode
    .optional()
    .meta({ description: "Code INSEE d'un lieu (commune, EPCI ou département) : les pétitions déposées depuis une commune de ce lieu." }),
  q: searchText.optional(),
  sort: z.enum(PETITION_SORTS).optional().default('-createdAt'),
  ...paginationQuery,
});

export const petitionBody = z
  .strictObject({
    scheme: slug,
    title: text(10, 150),
    body: text(50, 10000),
    authorKind: z.enum(AUTHOR_KINDS).optional().default('citizen'),
    organisationName: text(2, 120).optional(),
    communeCode: inseeCode.optional(),
    confirmsMinimumAge,
    website: honeypot,
  })
  .refine((b) => b.authorKind === 'citizen' || !!b.organisationName, {
    error: "Indiquez le nom de l'association ou du collectif.",
    path: ['organisationName'],
  });

export const signatureBody = z.strictObject({
  communeCode: inseeCode,
  territoryCode: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,20}$/)
    .optional()
    .meta({ description: 'Le territoire du regroupement, quand la commune en partage plusieurs.' }),
  showName: z.boolean().optional().default(false).meta({ description: 'Consentement à afficher son nom dans la liste publique (masqué par défaut).' }),
  confirmsMinimumAge,
});

export const appealBody = z.strictObject({ reason: text(20, 5000) });

export const petitionDecisionBody = z.strictObject({
  decision: z.enum(PETITION_DECISIONS),
  reason: text(0, 5000).optional(),
  forwardedTo: text(2, 200).optional(),
});

export const petitionAnswerBody = z.strictObject({ text: text(20, 20000) });

export const adminPetitionsQuery = z.strictObject({ status: z.enum(PETITION_STATUSES).optional(), ...paginationQuery });

export const paperPetitionBody = z.strictObject({
  scheme: slug,
  title: text(10, 150),
  body: text(20, 10000),
  authorKind: z.enum(AUTHOR_KINDS),
  authorName: text(2, 120),
  provenance: text(2, 200),
  communeCode: inseeCode.optional(),
});

export const paperSignatureBody = z.strictObject({
  name: text(2, 120),
  birthDate: z.iso.date({ error: 'Date de naissance attendue (AAAA-MM-JJ).' }),
  communeCode: inseeCode,
  territoryCode: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,20}$/)
    .optional(),
  provenance: text(2, 200),
  showName: z.boolean().optional().default(false),
});

export const verificationBody = z.strictObject({ verified: z.boolean(), note: text(0, 500).optional() });

export const signatureParams = z.object({
  documentId,
  signatureId: z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
});

export const schemeBody = z.strictObject({
  name: text(3, 120),
  slug,
  kind: z.enum(SCHEME_KINDS),
  description: text(0, 5000).nullable().optional(),
  criteria: text(0, 5000).nullable().optional(),
  minimumAge: z.int().min(0).max(120),
  groupingKey: slug.nullable().optional(),
  stages: z.array(z.unknown()).max(10),
  retentionDays: z.int().min(1).max(3650),
  acceptsPetitions: z.boolean(),
});
