import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Citizen } from '../platform/citizen';
import { enterPaper, mine, saveMine, submit, type PaperResponseInput, type StaffActor } from './commands/answer';
import { openFile, sendFile, sendPaperFile } from './commands/files';
import type { UploadedFile } from '../platform/file-kinds';
import { publishCharts, saveQuestionnaire, type QuestionnaireInput } from './commands/save';
import { exportResponses, tableSchemaOf } from './export';
import { notFound } from '../platform/errors';
import { questionnairesRepository } from './repository';

/** Questionnaires, as the controllers call them: a façade over the use cases (commands/) and the export. Reads: queries.ts. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  submit: (slug: string, citizen: Citizen | null, answers: unknown, ip: string) => submit(strapi, slug, citizen, answers, ip),
  saveMine: (slug: string, citizen: Citizen, answers: unknown, submitNow: boolean) => saveMine(strapi, slug, citizen, answers, submitNow),
  mine: (slug: string, citizen: Citizen) => mine(strapi, slug, citizen),
  enterPaper: (documentId: string, input: PaperResponseInput, actor: StaffActor) => enterPaper(strapi, documentId, input, actor),
  sendFile: (slug: string, citizen: Citizen | null, question: string, file: UploadedFile | undefined) => sendFile(strapi, slug, citizen, question, file),
  sendPaperFile: (documentId: string, question: string, file: UploadedFile | undefined, actor: StaffActor) =>
    sendPaperFile(strapi, documentId, question, file, actor),
  openFile: (documentId: string, fileId: string) => openFile(strapi, documentId, fileId),
  save: (documentId: string | null, input: QuestionnaireInput) => saveQuestionnaire(strapi, documentId, input),
  publishCharts: (documentId: string, questions: string[]) => publishCharts(strapi, documentId, { questions }),
  exportResponses: (documentId: string, format: 'csv' | 'xlsx', actor: { id: number; name: string }) => exportResponses(strapi, documentId, format, actor),
  async tableSchema(documentId: string) {
    const q = await questionnairesRepository(strapi).questionnaireBy({ documentId });
    if (!q) throw notFound('Questionnaire introuvable.');
    return tableSchemaOf(q);
  },
  eraseCitizen: (trx: Knex.Transaction, userId: number) => questionnairesRepository(strapi).eraseUser(trx, userId),
});
