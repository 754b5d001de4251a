import * as z from 'zod/v4';
import { QUESTION_TYPES } from '../../../shared/questionnaire';
import { dateTime, nullable } from '../platform/schemas';
import { AUDIENCES, CHANNELS, CHART_KINDS, STATES } from './domain/rules';
import { questionnaireDefinition } from './inputs';

const summaryFields = {
  documentId: z.string(),
  slug: z.string(),
  title: z.string(),
  description: nullable(z.string()),
  audience: z.enum(AUDIENCES),
  editable: z.boolean().meta({ description: 'Une réponse envoyée reste modifiable jusqu’à la clôture.' }),
  consultationDocumentId: nullable(z.string()),
  state: z.enum(STATES),
  stateLabel: z.string(),
  opensAt: dateTime,
  closesAt: dateTime,
};

export const QuestionnaireSummary = z
  .object({ ...summaryFields, respondents: z.int(), chartsPublished: z.boolean() })
  .meta({ id: 'QuestionnaireSummary', description: 'Un questionnaire publié, son état (qui suit ses dates) et le nombre de réponses envoyées.' });

export const QuestionnaireDetail = z
  .object({
    ...summaryFields,
    definition: questionnaireDefinition,
    receiptNote: nullable(z.string()),
    chartsPublished: z.boolean(),
    viewer: z.object({
      signedIn: z.boolean(),
      canAnswer: z.boolean(),
      mustSignIn: z.boolean().meta({ description: 'Ce questionnaire demande un compte : connectez-vous pour répondre.' }),
      status: nullable(z.enum(['draft', 'submitted'])).meta({ description: 'Votre réponse : brouillon enregistré, envoyée, ou aucune.' }),
    }),
  })
  .meta({
    id: 'QuestionnaireDetail',
    description:
      'La page de réponse : les pages et questions avec leurs conditions d’affichage (à évaluer avec shared/questionnaire.ts, la même fonction que le serveur) et ce que la personne peut faire.',
  });

export const AnswerFileInfo = z
  .object({
    id: z.string().meta({ description: 'À donner comme réponse à la question (liste d’identifiants).' }),
    question: z.string(),
    name: z.string(),
    mime: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    bytes: z.int(),
  })
  .meta({ id: 'AnswerFile', description: 'Un fichier déposé pour une question « Fichier joint » : jamais public, lu par l’équipe seulement.' });

export const QuestionnaireResponse = z
  .object({
    receipt: z.string().meta({ description: 'Code de récépissé à conserver.' }),
    status: z.enum(['draft', 'submitted']),
    answers: z.record(z.string(), z.unknown()),
    files: z
      .array(AnswerFileInfo)
      .meta({ description: 'Les fichiers joints à la réponse (questions « Fichier joint »), que la personne peut retirer ou remplacer.' }),
    submittedAt: nullable(dateTime),
    updatedAt: dateTime,
    editable: z.boolean(),
  })
  .meta({ id: 'QuestionnaireResponse', description: 'Une réponse (brouillon ou envoyée) et son récépissé.' });

const Labelled = z.object({ key: z.string(), label: z.string(), count: z.int() });
export const QuestionResult = z
  .object({
    key: z.string(),
    label: z.string(),
    type: z.enum(QUESTION_TYPES),
    chart: z.enum(CHART_KINDS),
    answered: z.int().meta({ description: 'Personnes qui ont répondu à cette question.' }),
    options: nullable(z.array(Labelled)),
    ranking: nullable(z.array(z.object({ key: z.string(), label: z.string(), positions: z.array(z.int()), score: z.int() }))),
    rows: nullable(z.array(z.object({ key: z.string(), label: z.string(), columns: z.array(Labelled) }))),
    stats: nullable(z.object({ mean: z.number(), min: z.number(), max: z.number() })),
    distribution: nullable(z.array(z.object({ value: z.number(), count: z.int() }))),
  })
  .meta({ id: 'QuestionResult', description: 'Les résultats d’une question, comptés par la base : choix, rangs (score de Borda), cases d’une grille, notes.' });

const Respondents = z.object({ online: z.int(), paper: z.int(), total: z.int() });

export const PublicQuestionnaireResults = z
  .object({ respondents: Respondents, questions: z.array(QuestionResult) })
  .meta({ id: 'QuestionnaireResults', description: 'Les graphiques que l’équipe a publiés, et rien d’autre.' });

export const AdminQuestionnaireRow = z.object({
  ...summaryFields,
  published: z.boolean(),
  questions: z.int(),
  respondents: Respondents,
});

export const AdminQuestionnaire = z.object({
  ...summaryFields,
  published: z.boolean(),
  definition: questionnaireDefinition,
  receiptNote: nullable(z.string()),
  publishedCharts: z.array(z.string()),
  locked: z.boolean().meta({ description: 'Des réponses sont arrivées : questions et choix ne se retirent plus.' }),
});

export const AdminQuestionnaireResults = z.object({
  respondents: Respondents,
  questions: z.array(QuestionResult),
  filter: z.object({ channel: nullable(z.enum(CHANNELS)), territory: nullable(z.string()), ageBand: nullable(z.string()) }),
  ageBands: z.array(z.object({ key: z.string(), label: z.string() })),
  publishedCharts: z.array(z.string()),
  repeatedSources: z
    .array(z.object({ source: z.string(), count: z.int() }))
    .meta({ description: 'Sources (empreinte de l’adresse IP, jamais l’adresse) qui ont envoyé 5 réponses anonymes ou plus.' }),
});

export const QuestionnaireFileRow = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  bytes: z.int(),
  response: z.int().meta({ description: 'Numéro de la réponse (celui de l’export).' }),
  channel: z.enum(CHANNELS),
  at: dateTime,
});

export const QuestionnaireText = z.object({ text: z.string(), channel: z.enum(CHANNELS), territoryCode: nullable(z.string()), at: dateTime });

export const PaperResponseEntered = z.object({ receipt: z.string(), channel: z.literal('paper'), submittedAt: dateTime });

export const TableSchema = z.object({
  name: z.string(),
  title: z.string(),
  fields: z.array(z.object({ name: z.string(), title: z.string(), type: z.string(), question: z.string().optional() })),
  missingValues: z.array(z.string()),
});
