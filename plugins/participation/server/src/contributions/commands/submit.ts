import { createId } from '@paralleldrive/cuid2';
import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { refusalAt } from '../../consultations/domain/policy';
import { holdOpen, incrementLifecycle, momentOf, participationContext } from '../../consultations/public';
import { initialStatus } from '../../moderation/domain/moderation';
import { isUniqueViolation } from '../../platform/database/rows';
import { fail, notFound } from '../../platform/errors';
import { contentHash } from '../../platform/text';
import { presentContribution } from '../presenter';
import { contributionsRepository, type ContributionRecord } from '../repository';
import { transaction } from '../../platform/database/transaction';
import { keepsRegister, recordObservation } from '../../procedures/public';

export type ContributionInput = { title: string; body: string; territory?: string | null };

/**
 * POST /consultations/:slug/contributions — a citizen (or an anonymous visitor, where the consultation allows it)
 * contributes: the consultation's policy, the commune, then one transaction (participant and quota, the row, the
 * public counter). Outcome: the contribution as written, pending (a priori) or published (a posteriori).
 */
export async function submitContribution(strapi: Core.Strapi, slug: string, citizen: Citizen | null, input: ContributionInput) {
  const repository = contributionsRepository(strapi);
  const context = await participationContext(strapi, { slug });
  if (!context) throw notFound('Consultation introuvable.');
  const refusal = refusalAt(momentOf(context), 'contribute', !!citizen);
  if (refusal) throw fail(refusal);
  const territory = await repository.commune(input.territory);
  const status = initialStatus(context.rules.moderationMode);
  const c = repository.table();
  const consultationDocumentId = context.row.consultationDocumentId;
  let createdAt = new Date();
  const attributes = {
    documentId: createId(),
    consultationDocumentId,
    title: input.title,
    body: input.body,
    territoryCode: territory.code,
    authorId: citizen?.id ?? null,
    authorName: citizen?.displayName ?? null,
    channel: 'web' as const,
    status,
    moderationReason: null,
    officialAnswerStatus: null,
    supportsCount: 0,
    commentsCount: 0,
    reportsCount: 0,
    contentHash: citizen ? contentHash(input.title, input.body) : null,
    createdAt,
  };
  try {
    // A procedure's register numbers each observation in the transaction that writes it (procedures/).
    const registered = keepsRegister(context.procedure);
    if (strapi.db.dialect.client === 'postgres' && !registered) {
      // One statement (contributions/repository.ts): the state check and the write commit together.
      const outcome = await repository.submitInOneStatement(
        c.toColumns({ ...attributes, updatedAt: createdAt, publishedAt: createdAt }),
        consultationDocumentId,
        citizen,
        {
          max: context.rules.maxContributionsPerUser,
          published: status === 'published',
        }
      );
      if (!outcome.open) throw fail('consultation_closed');
      if (!outcome.slot)
        throw fail(
          'contribution_limit_reached',
          `Vous avez déjà déposé ${context.rules.maxContributionsPerUser} contribution(s) sur cette consultation, le maximum.`
        );
    } else {
      await transaction(strapi, async (trx) => {
        // The state check and the write commit together: nothing is dated after a concurrent close.
        await holdOpen(strapi, trx, consultationDocumentId);
        createdAt = new Date();
        attributes.createdAt = createdAt;
        await repository.registerParticipant(trx, consultationDocumentId, citizen, { max: context.rules.maxContributionsPerUser });
        await repository.insert(trx, c.newRow(attributes, createdAt));
        if (status === 'published') await incrementLifecycle(strapi, trx, consultationDocumentId, 'contributionsCount', 1);
        if (registered)
          await recordObservation(strapi, trx, consultationDocumentId, {
            contributionDocumentId: attributes.documentId,
            channel: attributes.channel,
            receivedAt: null,
            text: { title: attributes.title, body: attributes.body, territoryCode: attributes.territoryCode },
          });
      });
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('duplicate_contribution');
    throw error;
  }
  // What was written is what is shown: no read back.
  const written: ContributionRecord = {
    ...attributes,
    id: 0,
    officialAnswerText: null,
    officialAnswerAt: null,
    meetingDocumentId: null,
    provenance: null,
    origin: null,
  };
  return { data: presentContribution(written, { territories: territory.names, citizen, moment: momentOf(context) }) };
}
