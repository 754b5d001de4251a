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
  const p = repository.petitions;
  const s = repository.signatures;
  const mine = (await trx({ s: s.table })
    .join({ p: p.table }, `p.${p.column('id')}`, `s.${s.column('petitionId')}`)
    .select({ id: `s.${s.column('id')}`, petitionId: `s.${s.column('petitionId')}`, status: `p.${p.column('petitionStatus')}` })
    .where(`s.${s.column('userId')}`, userId)) as { id: number; petitionId: number; status: string }[];
  for (const signature of mine) {
    if (signature.status === 'open') {
      await trx(s.table).where(s.column('id'), signature.id).delete();
      await repository.addToCount(trx, Number(signature.petitionId), 'signaturesCount', -1);
    } else {
      await trx(s.table)
        .where(s.column('id'), signature.id)
        .update({
          [s.column('userId')]: null,
          [s.column('signerName')]: null,
          [s.column('showName')]: false,
          [s.column('signerKey')]: `erased:${signature.id}`,
        });
    }
  }
  await trx(p.table)
    .where(p.column('authorId'), userId)
    .where(p.column('authorKind'), 'citizen')
    .update(p.toColumns({ authorId: null, authorName: ERASED_AUTHOR }));
  await trx(p.table)
    .where(p.column('authorId'), userId)
    .update(p.toColumns({ authorId: null }));
}
