import type { Core } from '@strapi/strapi';
import slugify from 'slugify';
import type { Citizen } from '../../platform/citizen';
import { fail, validationFailed } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { contentHash, searchKey } from '../../platform/text';
import { type AuthorKind } from '../domain/rules';
import { petitionsRepository } from '../repository';
import { transaction } from '../../platform/database/transaction';
import type { StaffActor as Actor } from '../../platform/staff';

export type FileInput = {
  scheme: string;
  title: string;
  body: string;
  authorKind: AuthorKind;
  organisationName?: string;
  communeCode?: string;
  confirmsMinimumAge: true;
};
export type PaperPetitionInput = {
  scheme: string;
  title: string;
  body: string;
  authorKind: AuthorKind;
  authorName: string;
  provenance: string;
  communeCode?: string;
};

const slugOf = (title: string, documentId: string) =>
  `${slugify(title, { lower: true, strict: true, locale: 'fr', trim: true }).slice(0, 100).replace(/-+$/, '') || 'petition'}-${documentId.slice(0, 6)}`;

async function insertPetition(strapi: Core.Strapi, fields: Record<string, unknown> & { title: string }, actor: Actor | null, now: Date) {
  const repository = petitionsRepository(strapi);
  // A citizen's double submit is one petition: the unique index on (author, scheme, text) keeps the first.
  const sameText = fields.authorId ? contentHash(fields.title, String(fields.body)) : null;
  const { row, documentId } = repository.newPetition(
    {
      ...fields,
      contentHash: sameText,
      searchKey: searchKey(`${fields.title} ${String(fields.body)}`),
      petitionStatus: 'submitted',
      signaturesCount: 0,
      paperPendingCount: 0,
    },
    now,
    (id) => slugOf(fields.title, id)
  );
  try {
    await transaction(strapi, async (trx) => {
      await repository.record(trx, await repository.insertPetition(trx, row), { kind: 'filed', actor }, now);
    });
  } catch (error) {
    if (sameText && isUniqueViolation(error)) throw fail('duplicate_petition');
    throw error;
  }
  return (await repository.petitionBy({ documentId }))!;
}

async function schemeAccepting(strapi: Core.Strapi, slug: string) {
  const scheme = await petitionsRepository(strapi).schemeBy({ slug });
  if (!scheme) throw validationFailed([{ path: ['scheme'], message: 'Dispositif inconnu.' }]);
  if (!scheme.acceptsPetitions) throw fail('scheme_closed');
  return scheme;
}

async function checkCommune(strapi: Core.Strapi, communeCode: string | undefined) {
  if (communeCode && !(await getService(strapi, 'groupings').placeOf(null, communeCode)))
    throw validationFailed([{ path: ['communeCode'], message: 'Commune inconnue dans le département.' }]);
}

/** POST /petitions — a citizen files a petition, for themself or an association or collective; it waits for the admissibility review. */
export async function filePetition(strapi: Core.Strapi, citizen: Citizen, input: FileInput, now = new Date()) {
  const scheme = await schemeAccepting(strapi, input.scheme);
  await checkCommune(strapi, input.communeCode);
  if (input.authorKind !== 'citizen' && !input.organisationName)
    throw validationFailed([{ path: ['organisationName'], message: "Indiquez le nom de l'association ou du collectif." }]);
  return insertPetition(
    strapi,
    {
      schemeId: scheme.id,
      title: input.title,
      body: input.body,
      authorId: citizen.id,
      authorKind: input.authorKind,
      authorName: input.authorKind === 'citizen' ? citizen.displayName : input.organisationName!,
      channel: 'web',
      communeCode: input.communeCode ?? null,
    },
    null,
    now
  );
}

/** A petition received on paper, entered by an agent with its provenance. */
export async function enterPaperPetition(strapi: Core.Strapi, input: PaperPetitionInput, actor: Actor, now = new Date()) {
  const scheme = await schemeAccepting(strapi, input.scheme);
  await checkCommune(strapi, input.communeCode);
  return insertPetition(
    strapi,
    {
      schemeId: scheme.id,
      title: input.title,
      body: input.body,
      authorId: null,
      authorKind: input.authorKind,
      authorName: input.authorName,
      channel: 'paper',
      provenance: input.provenance,
      communeCode: input.communeCode ?? null,
    },
    actor,
    now
  );
}
