import * as z from 'zod/v4';
import { PUBLIC_STATUSES, type ConsultationStatus } from '../consultations/domain/lifecycle';
import { ANSWER_STATUSES, DECISIONS, MODERATION_STATUSES, REPORT_REASONS, TARGET_TYPES } from '../moderation/domain/moderation';
import { paginationQuery, searchText } from '../platform/validation';
import { FREQUENCIES, KIND_NAMES, type Frequency, type NotificationKind } from '../notifications/domain/rules';

/** Request schemas of every route: controllers parse with them, and the OpenAPI document is generated from them. */

export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(120);
export const slugParams = z.object({ slug });
export const noQuery = z.strictObject({});

const listOf = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .union([z.string(), z.array(z.string()).max(max)])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter((s) => s !== ''))
    .pipe(z.array(item).min(1).max(max));

export const CONSULTATION_SORTS = ['closesAt', '-opensAt', '-createdAt', '-contributionsCount'] as const;

export const consultationsQuery = z.strictObject({
  status: listOf(z.enum(PUBLIC_STATUSES as [ConsultationStatus, ...ConsultationStatus[]]), PUBLIC_STATUSES.length)
    .optional()
    .meta({ description: `Un ou plusieurs états parmi ${PUBLIC_STATUSES.join(', ')} : paramètre répété ou valeurs séparées par des virgules.` }),
  theme: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80).optional(),
  territory: z.string().regex(/^[0-9][0-9AB][0-9]{0,7}$/).optional(),
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
    seed: z.string().regex(/^\d{1,9}$/).transform(Number).optional(),
    territory: inseeCode.optional(),
    answered: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,300}\.[A-Za-z0-9_-]{1,64}$/, { error: 'Curseur invalide : reprenez la liste depuis sa première page.' }).optional(),
    ...paginationQuery,
  })
  .refine((q) => q.sort !== 'random' || q.seed !== undefined, { error: 'Le tri aléatoire demande un paramètre seed.', path: ['seed'] })
  .refine((q) => q.sort !== 'random' || q.cursor === undefined, { error: 'Le tri aléatoire se pagine par numéro de page.', path: ['cursor'] });

export const pageQuery = z.strictObject({ ...paginationQuery });

export const exportQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional().default('json') });

export const moderationQueueQuery = z.strictObject({
  consultation: documentId.optional(),
  status: z.enum(MODERATION_STATUSES).optional(),
  type: z.enum(TARGET_TYPES).optional(),
  reported: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...paginationQuery,
});

export const decisionsBody = z
  .strictObject({
    items: z.array(z.strictObject({ type: z.enum(TARGET_TYPES), id: documentId })).min(1).max(100),
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
    .strictObject(Object.fromEntries(KIND_NAMES.map((kind) => [kind, z.enum(FREQUENCIES).optional()])) as Record<NotificationKind, z.ZodOptional<z.ZodEnum<{ [K in Frequency]: K }>>>)
    .refine((value) => Object.keys(value).length > 0, { error: 'Indiquez au moins un type de notification.' }),
});

/** The signed token of an unsubscribe link. */
export const unsubscribeQuery = z.strictObject({ token: z.string().min(10).max(2000) });
