import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { fail, notFound } from '../../platform/errors';
import { appealRefusal } from '../domain/rules';
import { petitionsRepository } from '../repository';
import { transaction } from '../../platform/database/transaction';

/** POST /petitions/:slug/appeal — the author's recours gracieux against an inadmissibility decision, once, within two months. */
export async function appeal(strapi: Core.Strapi, slug: string, citizen: Citizen, reason: string, now = new Date()) {
  const repository = petitionsRepository(strapi);
  const petition = await repository.petitionBy({ slug });
  if (!petition || (petition.status === 'submitted' && petition.authorId !== citizen.id)) throw notFound('Pétition introuvable.');
  const refusal = appealRefusal(petition, petition.authorId === citizen.id, now);
  if (refusal === 'not_author') throw fail('not_author', 'Seul·e l’auteur·rice de la pétition peut former un recours.');
  if (refusal) throw fail(refusal);
  await transaction(strapi, async (trx) => {
    if (!(await repository.updateFrom(trx, petition.id, 'inadmissible', { petitionStatus: 'under_appeal', appealReason: reason }))) throw fail('stale_state');
    await repository.record(trx, petition.id, { kind: 'appealed', reason: null }, now);
  });
  return (await repository.petitionBy({ id: petition.id }))!;
}
