import * as z from 'zod/v4';
import { PUBLIC_STATUSES, type ConsultationStatus } from '../consultations/domain/lifecycle';
import { ANSWER_STATUSES, DECISIONS, MODERATION_STATUSES, REPORT_REASONS, TARGET_TYPES } from '../moderation/domain/moderation';
import { paginationQuery, searchText } from '../platform/validation';
import { FREQUENCIES, KIND_NAMES, type Frequency, type NotificationKind } from '../notifications/domain/rules';
import { ELIGIBILITY_LINKS, FOLLOW_UP_STATUSES, PROJECT_DECISIONS, PUBLIC_PROJECT_STATUSES, type ProjectStatus } from '../budgets/domain/rules';
import {
  AUTHOR_KINDS,
  DECISIONS as PETITION_DECISIONS,
  PETITION_STATUSES,
  PUBLIC_PETITION_STATUSES,
  SCHEME_KINDS,
  type PetitionStatus,
} from '../petitions/domain/rules';

/** Request schemas of every route: controllers parse with them, and the OpenAPI document is generated from them. */

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(120);
export const slugParams = z.object({ slug });
export const noQuery = z.strictObject({});

const listOf = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .union([z.string(), z.array(z.string()).max(max)])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter((s) => s !== ''))
    .pipe(z.array(item).min(1).max(max));

export const CONSULTATION_SORTS = ['closesAt', '-opensAt', '-createdAt', '-contributionsCount'] as const;

/** A place's code: a commune (INSEE), an EPCI (SIREN) or the département. */
const placeCode = z.string().regex(/^[0-9][0-9AB][0-9]{0,7}$/, { error: 'Code de lieu invalide.' });

export const placeParams = z.object({ code: placeCode });

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

export const territoriesQuery = z.strictObject({
  q: searchText.optional(),
  kind: z.enum(['departement', 'epci', 'commune']).optional(),
  ...paginationQuery,
});

export const themesQuery = z.strictObject({ ...paginationQuery });

/** Tab, line feed and carriage return are text; every other control character is refused. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A UTF-16 surrogate without its pair: not a character, and stored as U+FFFD by the database if let through. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const text = (min: number, max: number) =>
  z
    .string()
    .refine((s) => !CONTROL_CHARACTERS.test(s), { error: 'Caractères de contrôle interdits.' })
    .refine((s) => !LONE_SURROGATE.test(s), { error: 'Texte mal encodé (caractère Unicode invalide).' })
    .transform((s) => s.trim().replace(/\r\n/g, '\n'))
    .pipe(z.string().min(min).max(max));

export const documentId = z.string().regex(/^[a-z0-9]{10,40}$/, { error: 'Identifiant invalide.' });
export const idParams = z.object({ id: documentId });
export const inseeCode = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, { error: 'Code INSEE de commune attendu (5 caractères).' });

/** A field no person fills in; bots do. */
const honeypot = z.string().max(0, { error: 'Ce champ doit rester vide.' }).optional();

export const contributionBody = z.strictObject({
  title: text(3, 140),
  body: text(10, 5000),
  territory: inseeCode.nullable().optional(),
  website: honeypot,
});

export const contributionEditBody = z
  .strictObject({ title: text(3, 140).optional(), body: text(10, 5000).optional(), territory: inseeCode.nullable().optional(), website: honeypot })
  .refine((b) => b.title !== undefined || b.body !== undefined || b.territory !== undefined, { error: 'Rien à modifier.' });

export const commentBody = z.strictObject({ body: text(2, 2000), parent: documentId.optional(), website: honeypot });

export const reportBody = z.strictObject({ reason: z.enum(REPORT_REASONS), details: text(0, 1000).optional() });

export const contributionsQuery = z
  .strictObject({
    sort: z.enum(['-createdAt', '-supportsCount', 'random']).optional().default('-createdAt'),
    seed: z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number)
      .optional(),
    territory: inseeCode.optional(),
    answered: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,300}\.[A-Za-z0-9_-]{1,64}$/, { error: 'Curseur invalide : reprenez la liste depuis sa première page.' })
      .optional(),
    ...paginationQuery,
  })
  .refine((q) => q.sort !== 'random' || q.seed !== undefined, { error: 'Le tri aléatoire demande un paramètre seed.', path: ['seed'] })
  .refine((q) => q.sort !== 'random' || q.cursor === undefined, { error: 'Le tri aléatoire se pagine par numéro de page.', path: ['cursor'] });

export const pageQuery = z.strictObject({ ...paginationQuery });

export const notificationsReadBody = z
  .strictObject({ documentIds: z.array(documentId).min(1).max(100).optional() })
  .meta({ description: 'Les notifications à marquer comme lues (`documentIds`), ou toutes sans ce champ.' });

export const exportQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional().default('json') });

export const moderationQueueQuery = z.strictObject({
  consultation: documentId.optional(),
  status: z.enum(MODERATION_STATUSES).optional(),
  type: z.enum(TARGET_TYPES).optional(),
  reported: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...paginationQuery,
});

export const decisionsBody = z
  .strictObject({
    items: z
      .array(z.strictObject({ type: z.enum(TARGET_TYPES), id: documentId }))
      .min(1)
      .max(100),
    decision: z.enum(DECISIONS),
    reason: text(0, 1000).optional(),
    note: text(0, 2000).optional(),
  })
  .refine((b) => !['reject', 'hide'].includes(b.decision) || !!b.reason, { error: 'Indiquez le motif de cette décision.', path: ['reason'] });

/** `with_results` holds the answer until the consultation's results are published (then all go public at once). */
export const ANSWER_RELEASES = ['now', 'with_results'] as const;
export const answerBody = z.strictObject({ status: z.enum(ANSWER_STATUSES), text: text(1, 5000), release: z.enum(ANSWER_RELEASES).optional().default('now') });
export const bulkAnswerBody = answerBody.extend({ items: z.array(documentId).min(1).max(200) });

export const enteredContributionBody = z.strictObject({
  title: text(3, 140),
  body: text(10, 5000),
  territory: inseeCode.nullable().optional(),
  channel: z.enum(['paper', 'mail', 'meeting']),
  authorName: text(1, 80).optional(),
  /** The day the letter, form or meeting note arrived: the contribution is dated from it. */
  receivedAt: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
});

/** Erasing an account is irreversible: the password is asked again. */
export const eraseBody = z.strictObject({ password: z.string().min(1, { error: 'Indiquez votre mot de passe.' }).max(200) });

/** PUT /me/notification-preferences: only the kinds to change, each to a known frequency. */
export const notificationPreferencesBody = z.strictObject({
  frequencies: z
    .strictObject(
      Object.fromEntries(KIND_NAMES.map((kind) => [kind, z.enum(FREQUENCIES).optional()])) as Record<
        NotificationKind,
        z.ZodOptional<z.ZodEnum<{ [K in Frequency]: K }>>
      >
    )
    .refine((value) => Object.keys(value).length > 0, { error: 'Indiquez au moins un type de notification.' }),
});

/** The signed token of an unsubscribe link. */
export const unsubscribeQuery = z.strictObject({ token: z.string().min(10).max(2000) });

// Petitions and interpellation (petitions/domain/rules.ts).

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

export const groupingParams = z.object({ key: slug });

// Staff (admin routes).
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
export const groupingImportBody = z.strictObject({ key: slug.max(40), name: text(2, 120), csv: z.string().min(1).max(2_000_000) });

// Participatory budgets (budgets/domain/rules.ts).

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

// Staff (admin routes).
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
