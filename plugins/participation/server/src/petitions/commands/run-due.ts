import type { Core } from '@strapi/strapi';
import { retentionEnds } from '../domain/rules';
import { petitionsRepository } from '../repository';
import { recordStages } from './thresholds';
import { transaction } from '../../platform/database/transaction';

/**
 * The scheduler's pass, on every instance: stages whose deadline passed are recorded (reached or missed) once, at
 * their own date; petitions past their closing date close by a conditional update (once, with one event); signatures
 * past their retention period lose their personal data (counts stay).
 */
export async function runDue(strapi: Core.Strapi, now = new Date()) {
  const repository = petitionsRepository(strapi);
  const open = await repository.petitionsIn(['open']);
  let closed = 0;
  for (const petition of open) {
    const scheme = await repository.schemeBy({ id: petition.schemeId });
    if (!scheme) continue;
    const due = petition.closesAt && petition.closesAt.getTime() <= now.getTime();
    await transaction(strapi, async (trx) => {
      await recordStages(strapi, trx, petition, scheme, now);
      if (!due) return;
      if (await repository.updateFrom(trx, petition.id, 'open', { petitionStatus: 'closed' })) {
        closed += 1;
        await repository.record(trx, petition.id, { kind: 'closed', eventKey: `${petition.id}:closed` }, petition.closesAt!);
      }
    });
  }
  const erased = await applyRetention(strapi, now);
  return { closed, erased };
}

/** Erases the personal data of signatures whose scheme's retention period has run out since signatures closed. */
async function applyRetention(strapi: Core.Strapi, now: Date) {
  const repository = petitionsRepository(strapi);
  const candidates = await repository.petitionsIn(['closed', 'answered'], { retentionPending: true });
  let erased = 0;
  for (const petition of candidates) {
    const scheme = await repository.schemeBy({ id: petition.schemeId });
    if (!scheme || !petition.closesAt || retentionEnds(petition.closesAt, scheme.retentionDays).getTime() > now.getTime()) continue;
    await transaction(strapi, async (trx) => {
      erased += await repository.expireSignatures(trx, petition.id);
      await repository.markRetentionDone(trx, petition.id, now);
    });
  }
  return erased;
}
