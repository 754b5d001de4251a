import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { refusalAt } from '../../consultations/domain/policy';
import { holdOpen, momentOf, participationContext } from '../../consultations/public';
import { initialStatus } from '../../moderation/domain/moderation';
import { isUniqueViolation } from '../../platform/database/rows';
import { fail, notFound } from '../../platform/errors';
import { commentRefusal } from '../domain/policy';
import { commentCreated, commentsRepository } from '../../comments/public';
import { contributionsRepository } from '../repository';
import { consultationPage } from '../../platform/links';
import { getService } from '../../platform/services';
import { transaction } from '../../platform/database/transaction';

/** POST /contributions/:id/comments — a comment, or a reply to one (three levels), moderated like contributions. */
export async function commentContribution(strapi: Core.Strapi, documentId: string, citizen: Citizen | null, input: { body: string; parent?: string }) {
  const repository = contributionsRepository(strapi);
  const row = await repository.find(documentId);
  if (!row || row.status !== 'published') throw notFound('Contribution introuvable.');
  const context = await participationContext(strapi, { documentId: row.consultationDocumentId });
  if (!context) throw notFound('Consultation introuvable.');
  const refusal = commentRefusal({ status: row.status, isAuthor: false }, refusalAt(momentOf(context), 'comment', !!citizen));
  if (refusal) throw fail(refusal);
  const comments = commentsRepository(strapi);
  const subject = { kind: 'contribution' as const, id: row.id, consultationDocumentId: row.consultationDocumentId };
  const parent = input.parent ? await comments.parent(subject, input.parent, 'Commentaire parent introuvable sur cette contribution.') : null;
  const status = initialStatus(context.rules.moderationMode);
  const commentRow = comments.newRow(subject, { body: input.body, parent, citizen, status });
  let written = { documentId: '', createdAt: new Date() };
  try {
    await transaction(strapi, async (trx) => {
      // The state check and the write commit together: nothing is dated after a concurrent close.
      await holdOpen(strapi, trx, row.consultationDocumentId);
      written = await comments.insert(trx, commentRow);
      const now = written.createdAt;
      await repository.registerParticipant(trx, row.consultationDocumentId, citizen);
      if (status === 'published') {
        await repository.countComment(trx, row.id);
        if (parent) {
          await getService(strapi, 'notifications').onCommentReplied(trx, {
            parentAuthorId: parent.authorId,
            replierId: citizen?.id ?? null,
            replierName: citizen?.displayName ?? 'Une personne anonyme',
            replyDocumentId: written.documentId,
            body: input.body,
            subjectTitle: row.title,
            link: consultationPage(strapi, context.row.slug),
            at: now,
          });
        }
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('duplicate_comment');
    throw error;
  }
  return commentCreated(written, input, parent, citizen, status);
}
