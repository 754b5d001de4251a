import { CONTRIBUTION_CHANNELS } from '../contributions/domain/policy';
/**
 * The published shape of the open data: one Table Schema (frictionless, https://specs.frictionlessdata.io/) for the
 * contributions of a consultation and for the dump of all consultations, under Licence Ouverte 2.0. The CSV, the
 * JSON and the data package are all written from this list, so they cannot disagree.
 */
export const OPEN_DATA_FIELDS = [
  {
    name: 'consultation',
    type: 'string',
    description: 'Identifiant (slug) de la consultation ; seulement dans le fichier de toutes les consultations',
    allConsultationsOnly: true,
  },
  {
    name: 'documentId',
    type: 'string',
    description: 'Identifiant stable de la contribution (le même que dans l’API)',
    constraints: { required: true, unique: true },
  },
  { name: 'title', type: 'string', description: 'Titre de la contribution, tel que publié' },
  { name: 'body', type: 'string', description: 'Texte de la contribution, tel que publié' },
  {
    name: 'territory',
    type: 'string',
    description: 'Code INSEE de la commune concernée, déclarée par l’auteur·rice (vide sinon)',
    constraints: { pattern: '^[0-9][0-9AB][0-9]{3}$' },
  },
  {
    name: 'channel',
    type: 'string',
    description: 'Canal de dépôt : web, ou saisie par un agent d’une contribution reçue par courrier, papier ou en réunion',
    constraints: { enum: [...CONTRIBUTION_CHANNELS] },
  },
  { name: 'createdAt', type: 'datetime', description: 'Date de dépôt (ou de réception pour une contribution saisie par un agent), UTC, ISO 8601' },
  { name: 'supports', type: 'integer', description: 'Nombre de soutiens reçus', constraints: { minimum: 0 } },
  { name: 'comments', type: 'integer', description: 'Nombre de commentaires publiés', constraints: { minimum: 0 } },
  {
    name: 'answerStatus',
    type: 'string',
    description:
      'Réponse officielle : retained (retenue), under_study (à l’étude), not_retained (non retenue), already_done (déjà réalisée) ; vide sans réponse publiée',
    constraints: { enum: ['retained', 'under_study', 'not_retained', 'already_done'] },
  },
  { name: 'answerText', type: 'string', description: 'Texte de la réponse officielle publiée' },
] as const;

export type OpenDataColumn = (typeof OPEN_DATA_FIELDS)[number]['name'];

export const columnsOf = (scope: 'one' | 'all'): OpenDataColumn[] =>
  OPEN_DATA_FIELDS.filter((f) => scope === 'all' || !('allConsultationsOnly' in f)).map((f) => f.name);

export const LICENCE = {
  name: 'etalab-2.0',
  title: 'Licence Ouverte / Open Licence version 2.0',
  path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
} as const;

type DescribedField = { name: string; type: 'string' | 'integer' | 'datetime'; description: string; constraints?: Record<string, unknown> };

/** A Table Schema of `fields`, keyed by `primaryKey`. */
export const describeTable = (fields: readonly DescribedField[], primaryKey: string) => ({
  fields: fields.map((f) => ({
    name: f.name,
    type: f.type,
    description: f.description,
    ...(f.type === 'datetime' ? { format: 'default' } : {}),
    ...(f.constraints ? { constraints: f.constraints } : {}),
  })),
  primaryKey: [primaryKey],
  missingValues: [''],
});

/** A Table Schema of the columns of `scope`. */
export const tableSchema = (scope: 'one' | 'all') =>
  describeTable(
    OPEN_DATA_FIELDS.filter((f) => scope === 'all' || !('allConsultationsOnly' in f)),
    'documentId'
  );
