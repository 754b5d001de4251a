import * as z from 'zod/v4';
import { ELIGIBILITY_LINKS, FOLLOW_UP_STATUSES, PROJECT_DECISIONS, PUBLIC_PROJECT_STATUSES, type ProjectStatus } from './domain/rules';
import { paginationQuery, searchText } from '../platform/validation';
import { documentId, honeypot, inseeCode, listOf, slug, text } from '../contract/base-inputs';

/** Request schemas of this capability's routes: controllers parse with them, the OpenAPI document is generated from them. */
export const budgetProjectsQuery = z.strictObject({
  status: listOf(z.enum(PUBLIC_PROJECT_STATUSES as [ProjectStatus, ...ProjectStatus[]]), PUBLIC_PROJECT_STATUSES.length).optional(),
  territory: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,20}$/)
    .optional()
    .meta({ description: 'Code INSEE de la commune du projet, ou code du territoire de vote auquel elle appartient.' }),
  theme: slug.optional(),
  q: searchText.optional(),
  winners: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  sort: z
    .enum(['-createdAt', 'cost', '-cost', '-votes', 'title'])
    .optional()
    .default('-createdAt')
    .meta({ description: '`-votes` ne trie par voix qu’une fois les résultats publiés (ou si le budget affiche les voix en direct).' }),
  ...paginationQuery,
});

export const budgetProjectBody = z.strictObject({
  title: text(5, 150),
  description: text(30, 10000),
  estimatedCost: z.int().min(0).max(1_000_000_000),
  communeCode: inseeCode,
  theme: slug.optional(),
  imageUrl: z
    .url({ protocol: /^https$/ })
    .max(500)
    .optional(),
  coAuthors: z.array(text(2, 80)).max(10).optional(),
  website: honeypot,
});

const declaration = z.strictObject({
  fullName: text(2, 120),
  birthDate: z.iso.date({ error: 'Date de naissance attendue (AAAA-MM-JJ).' }),
  communeCode: inseeCode,
  link: z.enum(ELIGIBILITY_LINKS),
});

export const ballotBody = z
  .strictObject({
    blank: z.boolean().optional().default(false),
    choices: z.array(documentId).max(100).optional().default([]),
    declaration: declaration.optional(),
  })
  .meta({
    description:
      'Le bulletin entier : blanc, ou ses choix ; avec la déclaration d’éligibilité (nom, date de naissance, commune, lien avec le département), que peut omettre un vote modifié (celle du premier vote vaut alors).',
  });

export const budgetProcessBody = z.strictObject({
  name: text(3, 150),
  slug,
  description: text(0, 10000).nullable().optional(),
  filingOpensAt: z.iso.datetime({ offset: true }),
  filingClosesAt: z.iso.datetime({ offset: true }),
  voteOpensAt: z.iso.datetime({ offset: true }),
  voteClosesAt: z.iso.datetime({ offset: true }),
  followUpAt: z.iso.datetime({ offset: true }).nullable().optional(),
  settings: z.record(z.string(), z.unknown()),
});

export const budgetProjectDecisionBody = z.strictObject({
  decision: z.enum(PROJECT_DECISIONS),
  reason: text(0, 5000).optional(),
  revisedCost: z.int().min(0).max(1_000_000_000).optional(),
  mergeInto: documentId.optional(),
  assignedService: text(0, 150).optional(),
  analysis: text(0, 10000).optional(),
  committee: z.boolean().optional(),
});

export const paperProjectBody = budgetProjectBody.omit({ website: true }).extend({ authorName: text(2, 120), provenance: text(2, 200) });

export const paperBallotBody = z.strictObject({
  pollingPlace: text(2, 150),
  blank: z.boolean().optional().default(false),
  choices: z.array(documentId).max(100).optional().default([]),
  declaration,
  rejectionReason: text(2, 300).optional(),
});

export const followUpBody = z.strictObject({
  status: z.enum(FOLLOW_UP_STATUSES),
  milestones: z.array(z.strictObject({ date: z.iso.date(), label: text(2, 200), done: z.boolean() })).max(30),
  deliveredAt: z.iso.date().nullable().optional(),
  note: text(0, 1000).optional(),
});
