import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../accounts/citizen';
import { refusalAt } from '../../consultations/domain/policy';
import { holdOpen, momentOf, participationContext, toDate, type RawRow } from '../../consultations/repository';
import { initialStatus } from '../../moderation/domain/moderation';
import { isUniqueViolation, rowsOf } from '../../platform/database/rows';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { commentRefusal, MAX_COMMENT_DEPTH } from '../domain/policy';
import { contentHash } from '../../platform/text';
import { COMMENT, contributionsRepository } from '../repository';
import { getService } from '../../platform/services';
import { transaction } from '../../platform/database/transaction';

/** POST /contributions/:id/comments — a comment, or a reply to one (three levels), moderated like contributions. */
export async function commentContribution(strapi: Core.Strapi, documentId: string, citizen: Citizen | null, input: { body: string; parent?: string }) {
  const repository = contributionsRepository(strapi);
  const knex = strapi.db.connection;
  const row = await repository.find(documentId);
  if (!row || row.status !== 'published') throw notFound('Contribution introuvable.');
  const context = await participationContext(strapi, { documentId: row.consultationDocumentId });
  if (!context) throw notFound('Consultation introuvable.');
  const refusal = commentRefusal({ status: row.status, isAuthor: false }, refusalAt(momentOf(context), 'comment', !!citizen));
  if (refusal) throw fail(refusal);
  const m = rowsOf(strapi, COMMENT);
  let parent: { id: number; rootId: number; depth: number; authorId: number | null } | null = null;
  if (input.parent) {
    const found: RawRow | undefined = await knex(m.table).select(m.select(['id', 'contributionId', 'depth', 'rootId', 'status', 'authorId'])).where(m.column('documentId'), input.parent).first();
    if (!found || Number(found.contributionId) !== row.id || found.status !== 'published') {
      throw validationFailed([{ path: ['parent'], message: 'Commentaire parent introuvable sur cette contribution.' }]);
    }
    parent = { id: Number(found.id), rootId: Number(found.rootId ?? found.id), depth: Number(found.depth), authorId: found.authorId === null || found.authorId === undefined ? null : Number(found.authorId) };
    if (parent.depth >= MAX_COMMENT_DEPTH) throw validationFailed([{ path: ['parent'], message: 'Les réponses sont limitées à trois niveaux.' }]);
  }
  const status = initialStatus(context.rules.moderationMode);
  const depth = parent ? parent.depth + 1 : 0;
  const commentRow = m.newRow({
    contributionId: row.id,
    consultationDocumentId: row.consultationDocumentId,
    parentId: parent?.id ?? null,
    rootId: parent?.rootId ?? null,
    depth,
    body: input.body,
    authorId: citizen?.id ?? null,
    authorName: citizen?.displayName ?? null,
    status,
    reportsCount: 0,
    contentHash: citizen ? contentHash(input.body) : null,
  });
  try {
    await transaction(strapi, async (trx) => {
      // The state check and the write commit together: nothing is dated after a concurrent close.
      await holdOpen(strapi, trx, row.consultationDocumentId);
      const now = new Date();
      Object.assign(commentRow, { [m.column('createdAt')]: now, [m.column('updatedAt')]: now, [m.column('publishedAt')]: now });
      await trx(m.table).insert(commentRow);
      await repository.registerParticipant(trx, row.consultationDocumentId, citizen);
      if (status === 'published') {
        const c = repository.table();
        await trx(c.table).where(c.column('id'), row.id).increment(c.column('commentsCount'), 1);
        if (parent) {
          await getService(strapi, 'notifications').onCommentReplied(trx, {
            parentAuthorId: parent.authorId,
            replierId: citizen?.id ?? null,
            replierName: citizen?.displayName ?? 'Une personne anonyme',
            replyDocumentId: String(commentRow[m.column('documentId')]),
            body: input.body,
            contributionTitle: row.title,
            consultationSlug: context.row.slug,
            at: now,
          });
        }
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('duplicate_comment');
    throw error;
  }
  return {
    data: {
      documentId: String(commentRow[m.column('documentId')]),
      body: input.body,
      parent: input.parent ?? null,
      depth,
      author: { displayName: citizen?.displayName ?? 'Anonyme' },
      status,
      createdAt: toDate(commentRow[m.column('createdAt')])!.toISOString(),
    },
  };
}
