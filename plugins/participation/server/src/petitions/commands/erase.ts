import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { ERASED_AUTHOR } from '../../platform/text';
import { petitionsRepository } from '../repository';

/**
 * An erased account: its signatures on petitions still open are withdrawn (a signature nobody stands behind no longer
 * counts); on closed ones they stay counted, without anything that identifies the person. Its petitions keep their
 * text under an erased author.
 */
export async function eraseCitizen(strapi: Core.Strapi, trx: Knex.Transaction, userId: number) {
  const repository = petitionsRepository(strapi);
  for (const signature of await repository.signaturesOfUser(userId, trx)) {
    if (signature.status === 'open') {
      await repository.deleteSignature(trx, signature.id);
      await repository.addToCount(trx, signature.petitionId, 'signaturesCount', -1);
    } else await repository.anonymiseSignature(trx, signature.id);
  }
  await repository.eraseAuthor(trx, userId, ERASED_AUTHOR);
}
