import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Citizen } from '../../platform/citizen';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { signerKey, signRefusal, withdrawRefusal } from '../domain/rules';
import { petitionsRepository, type Petition, type Scheme } from '../repository';
import { recordStages } from './thresholds';
import { transaction } from '../../platform/database/transaction';

export type SignInput = { communeCode: string; territoryCode?: string; showName: boolean; confirmsMinimumAge: true };
export type PaperSignatureInput = { name: string; birthDate: string; communeCode: string; territoryCode?: string; provenance: string; showName: boolean };

/**
 * The territory of the scheme's grouping a signature counts for: the commune's only one, or the signer's choice when
 * the commune is split between several (a 400 on `territoryCode` listing them otherwise).
 */
async function territoryOf(strapi: Core.Strapi, scheme: Scheme, communeCode: string, chosen: string | undefined): Promise<string | null> {
  const place = await getService(strapi, 'groupings').placeOf(scheme.groupingKey, communeCode);
  if (!place) throw validationFailed([{ path: ['communeCode'], message: 'Commune inconnue dans le département.' }]);
  if (!scheme.groupingKey) return null;
  const options = place.territories;
  if (chosen !== undefined) {
    if (!options.some((o) => o.code === chosen)) {
      throw validationFailed([
        {
          path: ['territoryCode'],
          message: `Territoire sans rapport avec cette commune. Choix possibles : ${options.map((o) => `${o.code} (${o.name})`).join(', ') || 'aucun'}.`,
        },
      ]);
    }
    return chosen;
  }
  if (options.length > 1) {
    throw validationFailed([
      {
        path: ['territoryCode'],
        message: `Cette commune relève de plusieurs territoires : précisez lequel parmi ${options.map((o) => `${o.code} (${o.name})`).join(', ')}.`,
      },
    ]);
  }
  return options[0]?.code ?? null;
}

async function openPetition(strapi: Core.Strapi, slug: string) {
  const repository = petitionsRepository(strapi);
  const petition = await repository.petitionBy({ slug });
  if (!petition || petition.status === 'submitted') throw notFound('Pétition introuvable.');
  const scheme = await repository.schemeBy({ id: petition.schemeId });
  if (!scheme) throw notFound('Pétition introuvable.');
  return { repository, petition, scheme };
}

/** Adds a verified signature, counts it and records any stage it completes, in one transaction. */
async function countSignature(strapi: Core.Strapi, trx: Knex.Transaction, petition: Petition, scheme: Scheme, now: Date) {
  const repository = petitionsRepository(strapi);
  const count = await repository.addToCount(trx, petition.id, 'signaturesCount', 1);
  await recordStages(strapi, trx, petition, scheme, now);
  return count;
}

/**
 * POST /petitions/:slug/signatures — one signature per person and petition, enforced by a unique index: a second
 * one (even concurrent) is a 409 `already_signed`, and counts stay exact.
 */
export async function sign(strapi: Core.Strapi, slug: string, citizen: Citizen, input: SignInput, now = new Date()) {
  const { repository, petition, scheme } = await openPetition(strapi, slug);
  const existing = await repository.signatureOf(petition.id, citizen.id);
  const refusal = signRefusal(petition, now, existing !== null);
  if (refusal) throw fail(refusal);
  const territoryCode = await territoryOf(strapi, scheme, input.communeCode, input.territoryCode);
  let count = 0;
  try {
    await transaction(strapi, async (trx) => {
      await repository.insertSignature(
        trx,
        {
          petitionId: petition.id,
          signerKey: signerKey({ userId: citizen.id }),
          userId: citizen.id,
          signerName: citizen.displayName,
          showName: input.showName,
          communeCode: input.communeCode,
          territoryCode,
          channel: 'web',
          verification: 'verified',
          signedAt: now,
        },
        now
      );
      count = await countSignature(strapi, trx, petition, scheme, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('already_signed');
    throw error;
  }
  return { data: { slug, signed: true, signaturesCount: count } };
}

/** DELETE /petitions/:slug/signatures — withdrawn while signatures are open; idempotent. A stage already reached stays reached. */
export async function withdraw(strapi: Core.Strapi, slug: string, citizen: Citizen, now = new Date()) {
  const { repository, petition } = await openPetition(strapi, slug);
  const refusal = withdrawRefusal(petition, now);
  if (refusal) throw fail(refusal);
  let count = petition.signaturesCount;
  await transaction(strapi, async (trx) => {
    const deleted = await repository.deleteSignatureOf(trx, petition.id, signerKey({ userId: citizen.id }));
    count = deleted
      ? await repository.addToCount(trx, petition.id, 'signaturesCount', -deleted)
      : (await repository.petitionBy({ id: petition.id }, trx))!.signaturesCount;
  });
  return { data: { slug, signed: false, signaturesCount: count } };
}

/**
 * A paper signature, entered by an agent with its provenance (sheet, event): it waits for a second check and counts
 * only once verified. The declared identity (name, birth date, commune) is its key: the same person twice on paper
 * is a 409.
 */
export async function enterPaperSignature(
  strapi: Core.Strapi,
  documentId: string,
  input: PaperSignatureInput,
  actor: { id: number; name: string },
  now = new Date()
) {
  const repository = petitionsRepository(strapi);
  const petition = await repository.petitionBy({ documentId });
  if (!petition) throw notFound('Pétition introuvable.');
  const scheme = (await repository.schemeBy({ id: petition.schemeId }))!;
  const refusal = signRefusal(petition, now, false);
  if (refusal) throw fail(refusal);
  const territoryCode = await territoryOf(strapi, scheme, input.communeCode, input.territoryCode);
  try {
    await transaction(strapi, async (trx) => {
      await repository.insertSignature(
        trx,
        {
          petitionId: petition.id,
          signerKey: signerKey({ name: input.name, birthDate: input.birthDate, communeCode: input.communeCode }),
          userId: null,
          signerName: input.name,
          showName: input.showName,
          communeCode: input.communeCode,
          territoryCode,
          channel: 'paper',
          provenance: input.provenance,
          verification: 'pending',
          verificationNote: `Saisie par ${actor.name}`,
          signedAt: now,
        },
        now
      );
      await repository.addToCount(trx, petition.id, 'paperPendingCount', 1);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('already_signed', 'Cette personne a déjà signé cette pétition sur papier.');
    throw error;
  }
  return { data: { entered: true } };
}

/** The second check of a paper signature: verified (it counts from now) or rejected with a reason; once. */
export async function verifyPaperSignature(
  strapi: Core.Strapi,
  documentId: string,
  signatureId: number,
  input: { verified: boolean; note?: string },
  actor: { id: number; name: string },
  now = new Date()
) {
  const repository = petitionsRepository(strapi);
  const petition = await repository.petitionBy({ documentId });
  if (!petition) throw notFound('Pétition introuvable.');
  const scheme = (await repository.schemeBy({ id: petition.schemeId }))!;
  if (input.verified && signRefusal(petition, now, false))
    throw fail('petition_closed', 'Les signatures sont closes : cette signature ne peut plus être comptée.');
  let count = petition.signaturesCount;
  await transaction(strapi, async (trx) => {
    const changed = await repository.verifySignature(trx, petition.id, signatureId, {
      verification: input.verified ? 'verified' : 'rejected',
      verificationNote: `${input.verified ? 'Vérifiée' : 'Rejetée'} par ${actor.name}${input.note ? ` : ${input.note}` : ''}`,
      updatedAt: now,
    });
    if (!changed) throw fail('stale_state', 'Cette signature a déjà été vérifiée ou n’existe pas.');
    await repository.addToCount(trx, petition.id, 'paperPendingCount', -1);
    if (input.verified) count = await countSignature(strapi, trx, petition, scheme, now);
  });
  return { data: { verified: input.verified, signaturesCount: count } };
}
