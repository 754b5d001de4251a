import type { Core } from '@strapi/strapi';
import { questionnairesRepository } from './repository';

/**
 * What other capabilities may use of questionnaires: a meeting's registration questions are a questionnaire of its
 * own (signed-in audience), answered through the questionnaire's routes before registering; its results, exports and
 * moderation of free text are the questionnaire's. Meetings read only whether it exists and whether a person sent it.
 */

export type QuestionnaireLink = { documentId: string; slug: string; title: string; audience: string; published: boolean };

/** A questionnaire by documentId, as a link (null when there is none). */
export async function questionnaireLink(strapi: Core.Strapi, documentId: string): Promise<QuestionnaireLink | null> {
  const q = await questionnairesRepository(strapi).questionnaireBy({ documentId });
  return q ? { documentId: q.documentId, slug: q.slug, title: q.title, audience: q.audience, published: q.published } : null;
}

/** Whether the signed-in person has sent (not only drafted) their response to this questionnaire. */
export async function hasAnswered(strapi: Core.Strapi, documentId: string, userId: number): Promise<boolean> {
  const repository = questionnairesRepository(strapi);
  const q = await repository.questionnaireBy({ documentId });
  if (!q) return false;
  const response = await repository.responseOf(q.id, `user:${userId}`);
  return !!response?.submittedAt;
}
