import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ERASED_AUTHOR } from '../../platform/text';
import { stageAt } from '../domain/rules';
import { budgetsRepository } from '../repository';

/**
 * An erased account: its ballot on a vote still open is withdrawn (nobody stands behind it any more); on a closed vote
 * it stays counted without the declaration. Its projects stay, under an erased author.
 */
export async function eraseCitizen(strapi: Core.Strapi, trx: Knex.Transaction, userId: number, now = new Date()) {
  const r = budgetsRepository(strapi);
  for (const ballot of await r.ballotsOfUser(trx, userId)) {
    const process = await r.processBy({ id: ballot.processId }, trx);
    if (process && stageAt(process, now) === 'vote') await r.deleteBallot(trx, ballot.id);
    else await r.anonymiseBallot(trx, ballot.id);
  }
  await r.eraseProjectAuthor(trx, userId, ERASED_AUTHOR);
}
