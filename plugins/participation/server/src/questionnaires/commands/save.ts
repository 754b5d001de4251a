import type { Core } from '@strapi/strapi';
import type * as z from 'zod/v4';
import { notFound, validationFailed, type FieldError } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/database/rows';
import { consultationTitles } from '../../consultations/public';
import { definitionIssues, type Definition } from '../../../../shared/questionnaire';
import { answeredDefinitionIssues, chartIssues } from '../domain/rules';
import type { chartsBody, questionnaireBody } from '../inputs';
import { questionnairesRepository, type QuestionnaireFields } from '../repository';

export type QuestionnaireInput = z.infer<typeof questionnaireBody>;

/**
 * Creates (`documentId` null) or updates a questionnaire: its definition checked as a whole (keys, choices, limits,
 * conditions on earlier questions only), its dates in order, and once people answered, nothing removed or re-keyed
 * that the export's columns rest on. Every refusal is a field error; nothing is written then.
 */
export async function saveQuestionnaire(strapi: Core.Strapi, documentId: string | null, input: QuestionnaireInput, now = new Date()): Promise<string> {
  const repository = questionnairesRepository(strapi);
  const existing = documentId ? await repository.questionnaireBy({ documentId }) : null;
  if (documentId && !existing) throw notFound('Questionnaire introuvable.');
  const definition = input.definition as Definition;
  const errors: FieldError[] = definitionIssues(definition).map((i) => ({ path: ['definition', ...i.path], message: i.message }));
  if (new Date(input.closesAt) <= new Date(input.opensAt)) errors.push({ path: ['closesAt'], message: 'La clôture suit l’ouverture.' });
  if (existing && (await repository.hasResponses(existing.id))) errors.push(...answeredDefinitionIssues(existing.definition, definition));
  if (input.consultationDocumentId && !(await consultationTitles(strapi, [input.consultationDocumentId])).size)
    errors.push({ path: ['consultationDocumentId'], message: 'Aucune consultation ne porte cet identifiant.' });
  if (errors.length) throw validationFailed(errors);
  const fields: QuestionnaireFields = {
    title: input.title,
    slug: input.slug,
    description: input.description ?? null,
    definition,
    audience: input.audience,
    editable: input.editable,
    published: input.published,
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    consultationDocumentId: input.consultationDocumentId ?? null,
    // A published chart whose question can no longer be charted is withdrawn rather than refused.
    publishedCharts: existing ? existing.publishedCharts.filter((key) => !chartIssues(definition, [key]).length) : [],
    receiptNote: input.receiptNote ?? null,
  };
  try {
    if (!existing) return await repository.insertQuestionnaire(fields, now);
    await repository.updateQuestionnaire(existing.id, fields, now);
    return existing.documentId;
  } catch (error) {
    if (isUniqueViolation(error)) throw validationFailed([{ path: ['slug'], message: 'Cette adresse est déjà prise par un autre questionnaire.' }]);
    throw error;
  }
}

/** Chooses the questions whose chart is public (none: the results stay with staff). A text or a date has no chart. */
export async function publishCharts(strapi: Core.Strapi, documentId: string, input: z.infer<typeof chartsBody>, now = new Date()) {
  const repository = questionnairesRepository(strapi);
  const existing = await repository.questionnaireBy({ documentId });
  if (!existing) throw notFound('Questionnaire introuvable.');
  const issues = chartIssues(existing.definition, input.questions);
  if (issues.length) throw validationFailed(issues);
  await repository.updateQuestionnaire(existing.id, { publishedCharts: [...new Set(input.questions)] }, now);
}
