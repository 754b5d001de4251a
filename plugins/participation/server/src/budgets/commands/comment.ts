import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { commentCreated, commentsRepository } from '../../comments/public';
import { initialStatus } from '../../moderation/domain/moderation';
import { isUniqueViolation } from '../../platform/database/rows';
import { transaction } from '../../platform/database/transaction';
import { fail, notFound } from '../../platform/errors';
import { budgetProjectPage } from '../../platform/links';
import { getService } from '../../platform/services';
import { projectCommentRefusal, PUBLIC_PROJECT_STATUSES, stageAt } from '../domain/rules';
import { budgetsRepository } from '../repository';

/**
 * POST /budget-projects/:id/comments — a comment on a project, or a reply (three levels), when the budget takes
 * comments (`settings.comments`): held for moderation (a_priori) or published at once (a_posteriori), moderated in
 * the same queue as the consultations' comments. The project's public count moves with the comment's publication.
 */
export async function commentProject(strapi: Core.Strapi, documentId: string, citizen: Citizen, input: { body: string; parent?: string }, now = new Date()) {
  const repository = budgetsRepository(strapi);
  const project = await repository.projectBy({ documentId });
  if (!project || !PUBLIC_PROJECT_STATUSES.includes(project.status)) throw notFound('Projet introuvable.');
  const process = (await repository.processBy({ id: project.processId }))!;
  const mode = process.settings.comments;
  const refusal = projectCommentRefusal(mode, stageAt(process, now), project.status);
  if (refusal) throw fail(refusal);
  const comments = commentsRepository(strapi);
  const subject = { kind: 'budgetProject' as const, id: project.id };
  const parent = input.parent ? await comments.parent(subject, input.parent, 'Commentaire parent introuvable sur ce projet.') : null;
  const status = initialStatus(mode === 'a_posteriori' ? 'a_posteriori' : 'a_priori');
  const row = comments.newRow(subject, { body: input.body, parent, citizen, status });
  let written = { documentId: '', createdAt: now };
  try {
    await transaction(strapi, async (trx) => {
      written = await comments.insert(trx, row, now);
      if (status !== 'published') return;
      await repository.countComment(trx, project.id);
      if (parent) {
        await getService(strapi, 'notifications').onCommentReplied(trx, {
          parentAuthorId: parent.authorId,
          replierId: citizen.id,
          replierName: citizen.displayName,
          replyDocumentId: written.documentId,
          body: input.body,
          subjectTitle: project.title,
          link: budgetProjectPage(strapi, project.documentId),
          at: now,
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('duplicate_comment');
    throw error;
  }
  return commentCreated(written, input, parent, citizen, status);
}
