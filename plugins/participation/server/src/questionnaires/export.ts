import type { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { csvStream } from '../platform/csv';
import { XLSX_TYPE, xlsxStream } from '../platform/xlsx';
import { notFound } from '../platform/errors';
import { getService } from '../platform/services';
import { exportColumns, exportRow, questionsOf, type Column } from '../../../shared/questionnaire';
import { questionnairesRepository, type AnswerFile, type Questionnaire } from './repository';

/** The columns every export starts with, before one or more per question. */
const RESPONSE_COLUMNS: Column[] = [
  { name: 'numero', question: '', title: 'Numéro de la réponse', type: 'integer' },
  { name: 'canal', question: '', title: 'Canal (online : en ligne, paper : papier saisi par un agent)', type: 'string' },
  { name: 'envoyee_le', question: '', title: 'Envoyée ou saisie le (UTC)', type: 'string' },
  { name: 'lieu_papier', question: '', title: 'Questionnaire papier : lieu où il a été rempli', type: 'string' },
  { name: 'date_papier', question: '', title: 'Questionnaire papier : date où il a été rempli', type: 'date' },
  { name: 'commune_declaree', question: '', title: 'Commune déclarée (code INSEE)', type: 'string' },
  { name: 'tranche_age', question: '', title: 'Tranche d’âge déclarée', type: 'string' },
];

/** The export's columns: the response's own, then those of the questions, from the definition alone (same file shape whatever the answers). */
export const columnsOf = (q: Questionnaire): Column[] => [...RESPONSE_COLUMNS, ...exportColumns(q.definition)];

/**
 * The data dictionary of the export, as a Frictionless Table Schema: each column's name, title, type and the
 * question it comes from; the same for two exports of the same questionnaire.
 */
export function tableSchemaOf(q: Questionnaire) {
  return {
    name: `questionnaire-${q.slug}`,
    title: q.title,
    fields: columnsOf(q).map((c) => ({ name: c.name, title: c.title, type: c.type, ...(c.question ? { question: c.question } : {}) })),
    missingValues: [''],
  };
}

export type QuestionnaireExport = { stream: Readable; filename: string; contentType: string };

/** Streams every sent response (CSV with semicolons, or XLSX), page by page; the export is logged first. */
export async function exportResponses(
  strapi: Core.Strapi,
  documentId: string,
  format: 'csv' | 'xlsx',
  actor: { id: number; name: string }
): Promise<QuestionnaireExport> {
  const repository = questionnairesRepository(strapi);
  const q = await repository.questionnaireBy({ documentId });
  if (!q) throw notFound('Questionnaire introuvable.');
  const at = new Date();
  await getService(strapi, 'exports').record(
    { subjectDocumentId: q.documentId, subjectType: 'questionnaire-responses', format, personalData: false, actor },
    at
  );
  const columns = columnsOf(q);
  const filename = `reponses-${q.slug}-${at.toISOString().slice(0, 10)}.${format}`;
  const fileQuestions = questionsOf(q.definition).filter((x) => x.type === 'file');
  const pages = (async function* () {
    for await (const page of repository.exportPages(q.id)) {
      // A file is listed by its name and its id (staff open it from the questionnaire's files): one statement per page.
      const files = fileQuestions.length
        ? await repository.filesByIds(
            q.id,
            page.flatMap((r) => fileQuestions.flatMap((x) => (r.answers[x.key] as string[] | undefined) ?? []))
          )
        : new Map<string, AnswerFile>();
      const fileLabel = (id: string) => `${files.get(id)?.name ?? 'fichier retiré'} (${id})`;
      yield page.map((r) => {
        const values = [
          r.id,
          r.channel,
          r.submittedAt.toISOString(),
          r.paperPlace,
          r.paperDate,
          r.territoryCode,
          r.ageBand,
          ...exportRow(q.definition, r.answers, fileLabel),
        ];
        return Object.fromEntries(columns.map((c, i) => [c.name, values[i] ?? '']));
      });
    }
  })();
  if (format === 'csv') {
    const stream = csvStream(
      columns.map((c) => ({ key: c.name, header: c.name })),
      pages,
      { delimiter: ';' }
    );
    return { stream, filename, contentType: 'text/csv; charset=utf-8' };
  }
  const stream = xlsxStream(
    'Réponses',
    columns.map((c) => ({ key: c.name, header: c.name })),
    pages
  );
  return { stream, filename, contentType: XLSX_TYPE };
}
