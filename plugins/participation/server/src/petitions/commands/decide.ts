import type { Core } from '@strapi/strapi';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { getService } from '../../platform/services';
import { closingDate, decisionNeedsReason, decisionOutcome, STATUS_LABELS, type PetitionDecision } from '../domain/rules';
import { petitionsRepository } from '../repository';
import { transaction } from '../../platform/database/transaction';
import type { StaffActor as Actor } from '../../platform/staff';
import { tellAuthor } from './mail';

export type DecisionInput = { decision: PetitionDecision; reason?: string; forwardedTo?: string };

/**
 * An agent's decision: admissible (signatures open now, until the last stage's deadline), inadmissible or forwarded
 * (with published reasons), or the outcome of an appeal. A conditional update on the state the agent saw: a decision
 * taken twice, or on a petition that moved meanwhile, is a 409. Logged, mailed to the author, one webhook.
 */
export async function decide(strapi: Core.Strapi, documentId: string, input: DecisionInput, actor: Actor, now = new Date()) {
  const repository = petitionsRepository(strapi);
  const petition = await repository.petitionBy({ documentId });
  if (!petition) throw notFound('Pétition introuvable.');
  const outcome = decisionOutcome(petition.status, input.decision);
  if (!outcome) throw fail('decision_not_allowed', `Décision impossible : la pétition est « ${STATUS_LABELS[petition.status]} ».`);
  if (decisionNeedsReason(input.decision) && !input.reason)
    throw validationFailed([{ path: ['reason'], message: 'Motivez la décision : elle est publiée et envoyée à l’auteur·rice.' }]);
  if (input.decision === 'forward' && !input.forwardedTo)
    throw validationFailed([{ path: ['forwardedTo'], message: 'Indiquez l’autorité à qui la pétition est transmise.' }]);
  const scheme = (await repository.schemeBy({ id: petition.schemeId }))!;
  const opening = outcome.to === 'open';
  if (opening && !scheme.stages.length)
    throw fail('decision_not_allowed', 'Le dispositif n’a aucune étape de seuil valide : corrigez-le avant d’ouvrir les signatures.');
  const appealDecision = input.decision === 'appeal_granted' || input.decision === 'appeal_rejected';
  const changes: Record<string, unknown> = {
    petitionStatus: outcome.to,
    ...(appealDecision ? { appealDecisionReason: input.reason ?? null } : { decisionReason: input.reason ?? null, decidedAt: now }),
    ...(input.decision === 'forward' ? { forwardedTo: input.forwardedTo } : {}),
    ...(opening ? { openedAt: now, closesAt: closingDate(now, scheme.stages) } : {}),
  };
  await transaction(strapi, async (trx) => {
    if (!(await repository.updateFrom(trx, petition.id, petition.status, changes))) throw fail('stale_state');
    await repository.record(
      trx,
      petition.id,
      { kind: outcome.event, reason: input.reason ?? (input.forwardedTo ? `Transmise à ${input.forwardedTo}` : null), actor },
      now
    );
    const label = STATUS_LABELS[outcome.to];
    await tellAuthor(
      strapi,
      trx,
      petition,
      `Votre pétition « ${petition.title} » : ${label.toLowerCase()}`,
      [
        `Décision sur votre pétition « ${petition.title} » : ${label}.`,
        ...(input.forwardedTo ? [`Autorité compétente : ${input.forwardedTo}.`] : []),
        ...(input.reason ? ['', `Motifs : ${input.reason}`] : []),
        ...(input.decision === 'inadmissible' ? ['', 'Vous pouvez former un recours gracieux dans les deux mois, depuis la page de la pétition.'] : []),
      ].join('\n'),
      now
    );
    await getService(strapi, 'outbox').enqueueWebhook(
      trx,
      {
        event: 'participation.petition.decided',
        summary: `${petition.title} : ${label}`,
        payload: {
          petition: { documentId: petition.documentId, slug: petition.slug, title: petition.title },
          decision: input.decision,
          status: outcome.to,
          reason: input.reason ?? null,
          forwardedTo: input.forwardedTo ?? null,
        },
      },
      now
    );
  });
  return (await repository.petitionBy({ id: petition.id }))!;
}
