import type { Core } from '@strapi/strapi';
import { fail, notFound } from '../../platform/errors';
import { getService } from '../../platform/services';
import { mayAnswer } from '../domain/rules';
import { petitionsRepository } from '../repository';
import { transaction } from '../../platform/database/transaction';
import type { StaffActor as Actor } from '../../platform/staff';
import { tellAuthor } from './mail';

/** The official, reasoned answer: published with its date, logged, mailed to the author, one webhook. */
export async function answer(strapi: Core.Strapi, documentId: string, text: string, actor: Actor, now = new Date()) {
  const repository = petitionsRepository(strapi);
  const petition = await repository.petitionBy({ documentId });
  if (!petition) throw notFound('Pétition introuvable.');
  if (!mayAnswer(petition.status)) throw fail('decision_not_allowed', 'Une réponse officielle suit l’ouverture des signatures.');
  await transaction(strapi, async (trx) => {
    if (!(await repository.updateFrom(trx, petition.id, petition.status, { petitionStatus: 'answered', answer: text, answeredAt: now })))
      throw fail('stale_state');
    await repository.record(trx, petition.id, { kind: 'answered', actor }, now);
    await tellAuthor(strapi, trx, petition, `Réponse officielle à votre pétition « ${petition.title} »`, text, now);
    await getService(strapi, 'outbox').enqueueWebhook(
      trx,
      {
        event: 'participation.petition.answered',
        summary: `${petition.title} : réponse officielle`,
        payload: { petition: { documentId: petition.documentId, slug: petition.slug, title: petition.title }, answeredAt: now.toISOString() },
      },
      now
    );
  });
  return (await repository.petitionBy({ id: petition.id }))!;
}
