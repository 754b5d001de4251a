import * as z from 'zod/v4';
import { documentId, honeypot, slug, text } from '../contract/base-inputs';
import { paginationQuery } from '../platform/validation';
import { AUDIENCES, CHANNELS } from './domain/rules';

/** Request schemas of questionnaires: controllers parse with them, the OpenAPI documents are generated from them. */

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'Clé : minuscules, chiffres et _, 40 caractères au plus.' });
const label = z.string().trim().min(1, { error: 'Libellé obligatoire.' }).max(300);
const choice = z.strictObject({ key, label });
const choices = z.array(choice).max(50);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Une date au format AAAA-MM-JJ.' });

const leaf = z.union([
  z.strictObject({ question: key, op: z.enum(['answered', 'not_answered']) }),
  z.strictObject({ question: key, op: z.enum(['equals', 'not_equals', 'matches']), value: z.string().max(200) }),
]);
/** A display condition: one test on an earlier question, or several combined with « et » / « ou », two levels deep. */
const condition = z
  .union([
    leaf,
    z.strictObject({
      all: z
        .array(z.union([leaf, z.strictObject({ any: z.array(leaf).min(1).max(20) })]))
        .min(1)
        .max(20),
    }),
    z.strictObject({
      any: z
        .array(z.union([leaf, z.strictObject({ all: z.array(leaf).min(1).max(20) })]))
        .min(1)
        .max(20),
    }),
  ])
  .meta({ id: 'QuestionCondition', description: 'Condition d’affichage sur les réponses aux questions précédentes (« et » : `all`, « ou » : `any`).' });

const base = {
  key,
  label,
  help: z.string().max(1000).nullable().optional(),
  required: z.boolean(),
  condition: condition.nullable().optional(),
  declares: z.enum(['age', 'territory']).nullable().optional(),
};
const question = z
  .discriminatedUnion('type', [
    z.strictObject({ ...base, type: z.enum(['short_text', 'long_text']), maxLength: z.int().min(1).max(10_000) }),
    z.strictObject({ ...base, type: z.literal('single_choice'), options: choices, other: z.boolean() }),
    z.strictObject({
      ...base,
      type: z.literal('multiple_choice'),
      options: choices,
      other: z.boolean(),
      min: z.int().min(0).max(50).nullable().optional(),
      max: z.int().min(1).max(50).nullable().optional(),
    }),
    z.strictObject({ ...base, type: z.literal('ranking'), options: choices, positions: z.int().min(1).max(50) }),
    z.strictObject({ ...base, type: z.enum(['matrix_single', 'matrix_multiple']), rows: choices, columns: choices }),
    z.strictObject({
      ...base,
      type: z.literal('scale'),
      min: z.int().min(0).max(10),
      max: z.int().min(0).max(10),
      minLabel: z.string().max(100).nullable().optional(),
      maxLabel: z.string().max(100).nullable().optional(),
    }),
    z.strictObject({
      ...base,
      type: z.literal('number'),
      min: z.number().nullable().optional(),
      max: z.number().nullable().optional(),
      integer: z.boolean(),
    }),
    z.strictObject({ ...base, type: z.literal('date'), min: day.nullable().optional(), max: day.nullable().optional() }),
    z.strictObject({ ...base, type: z.literal('commune') }),
    z.strictObject({
      ...base,
      type: z.literal('file'),
      maxFiles: z.int().min(1).max(5).meta({ description: 'Fichiers joints au plus (PDF, JPEG ou PNG, 5 Mo chacun).' }),
    }),
  ])
  .meta({ id: 'Question', description: 'Une question : son type, ses choix et ses limites, sa condition d’affichage.' });

export const questionnaireDefinition = z
  .strictObject({
    pages: z
      .array(
        z.strictObject({
          key,
          title: z.string().trim().min(1).max(200),
          description: z.string().max(2000).nullable().optional(),
          questions: z.array(question).max(100),
        })
      )
      .max(30),
  })
  .meta({ id: 'QuestionnaireDefinition', description: 'Les pages d’un questionnaire et leurs questions, dans l’ordre.' });

export const questionnaireBody = z.strictObject({
  title: text(3, 150),
  slug,
  description: z.string().max(5000).nullable().optional(),
  definition: questionnaireDefinition,
  audience: z.enum(AUDIENCES).meta({ description: '`signed_in` : une réponse par compte ; `anonymous` : sans compte, avec limites par adresse IP.' }),
  editable: z.boolean().meta({ description: 'Une réponse envoyée reste modifiable jusqu’à la clôture.' }),
  published: z.boolean(),
  opensAt: z.iso.datetime({ offset: true }),
  closesAt: z.iso.datetime({ offset: true }),
  consultationDocumentId: documentId.nullable().optional().meta({ description: 'La consultation (ou procédure) dont le questionnaire fait partie.' }),
  receiptNote: z.string().max(2000).nullable().optional().meta({ description: 'Ce que le récépissé dit aux répondant·es (suite donnée, date des résultats).' }),
});

export const chartsBody = z.strictObject({
  questions: z.array(key).max(100).meta({ description: 'Les questions dont le graphique est public, dans l’ordre ; une liste vide retire la publication.' }),
});

export const responseBody = z.strictObject({
  answers: z.record(z.string().max(40), z.unknown()).meta({ description: 'Une entrée par question affichée, sous sa clé.' }),
  website: honeypot,
});

export const myResponseBody = z.strictObject({
  answers: z.record(z.string().max(40), z.unknown()),
  submit: z.boolean().meta({ description: '`false` : brouillon à reprendre (les questions obligatoires peuvent attendre) ; `true` : envoyer.' }),
});

export const paperResponseBody = z.strictObject({
  answers: z.record(z.string().max(40), z.unknown()),
  place: text(2, 150).meta({ description: 'Où le questionnaire a été rempli (marché, mairie, réunion…).' }),
  date: day.meta({ description: 'Le jour où il a été rempli.' }),
});

export const resultsQuery = z.strictObject({
  channel: z.enum(CHANNELS).optional(),
  territory: z
    .string()
    .regex(/^[0-9][0-9AB][0-9]{3}$/)
    .optional()
    .meta({ description: 'Code INSEE de la commune déclarée.' }),
  ageBand: z
    .string()
    .regex(/^[a-z0-9_]{1,40}$/)
    .optional()
    .meta({ description: 'Tranche d’âge déclarée.' }),
});

export const textsQuery = z.strictObject({ question: key, ...paginationQuery });

export const filesQuery = z.strictObject({ question: key, ...paginationQuery });

// Not strict: on GET, the admin router adds the whole path as a param of its own.
export const fileParams = z.object({ documentId, fileId: z.string().regex(/^f_[A-Za-z0-9_-]{22}$/, { error: 'Identifiant de fichier inconnu.' }) });

/** The text fields of a file's form: the question the file answers. */
export const fileFields = z.strictObject({ question: key });

export const questionnaireExportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const questionnairesQuery = z.strictObject({
  consultation: documentId.optional().meta({ description: 'Les questionnaires d’une consultation.' }),
});
