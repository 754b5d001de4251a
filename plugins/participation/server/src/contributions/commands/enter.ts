import type { Core } from '@strapi/strapi';
import { incrementLifecycle, momentOf, participationContext } from '../../consultations/public';
import { initialStatus } from '../../moderation/domain/moderation';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { CHANNEL_AUTHORS, type AgentChannel } from '../domain/policy';
import { presentContribution } from '../presenter';
import { contributionsRepository } from '../repository';
import type { ContributionInput } from './submit';
import { transaction } from '../../platform/database/transaction';
import { keepsRegister, recordObservation } from '../../procedures/public';

/**
 * An agent enters a contribution received on paper, by mail or at a public meeting: published at once (the
 * agent read it), counted like any other, attributed to the name the agent gives, never to an account. Said at a
 * public meeting, it keeps the meeting and its provenance, so that each links to the other.
 */
export async function enterContribution(
  strapi: Core.Strapi,
  consultationDocumentId: string,
  agent: { id: number },
  input: ContributionInput & {
    channel: AgentChannel;
    authorName?: string;
    receivedAt?: string;
    /** Said at this meeting (the meetings capability checks it belongs to the consultation and was held). */
    meeting?: { documentId: string; provenance: string };
  }
) {
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
  if (receivedAt.getTime() > Date.now())
    throw validationFailed(
      [{ path: ['receivedAt'], message: 'La date de réception ne peut pas être dans le futur.' }],
      'La date de réception ne peut pas être dans le futur.'
    );
  const repository = contributionsRepository(strapi);
  const context = await participationContext(strapi, { documentId: consultationDocumentId });
  if (!context) throw notFound('Consultation introuvable ou non publiée.');
  if (!['open', 'closed'].includes(context.row.status)) {
    throw fail('consultation_not_open', 'On saisit les contributions reçues pendant la consultation, une fois celle-ci ouverte.');
  }
  const territory = await repository.commune(input.territory);
  const c = repository.table();
  const row = c.newRow({
    consultationDocumentId,
    title: input.title,
    body: input.body,
    territoryCode: territory.code,
    authorId: null,
    authorName: input.authorName ?? CHANNEL_AUTHORS[input.channel],
    channel: input.channel,
    enteredById: agent.id,
    status: initialStatus(context.rules.moderationMode, true),
    supportsCount: 0,
    commentsCount: 0,
    reportsCount: 0,
    contentHash: null,
    createdAt: receivedAt,
    meetingDocumentId: input.meeting?.documentId ?? null,
    provenance: input.meeting?.provenance ?? null,
  });
  await transaction(strapi, async (trx) => {
    await repository.insert(trx, row);
    await incrementLifecycle(strapi, trx, consultationDocumentId, 'contributionsCount', 1);
    await incrementLifecycle(strapi, trx, consultationDocumentId, 'participantsCount', 1);
    if (keepsRegister(context.procedure))
      await recordObservation(strapi, trx, consultationDocumentId, {
        contributionDocumentId: String(row[c.column('documentId')]),
        channel: input.channel,
        receivedAt,
        text: { title: input.title, body: input.body, territoryCode: territory.code },
      });
  });
  const created = await repository.find(String(row[c.column('documentId')]));
  return { data: presentContribution(created!, { territories: territory.names, citizen: null, moment: momentOf(context) }) };
}
