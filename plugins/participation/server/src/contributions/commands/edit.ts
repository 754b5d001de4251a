import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { momentOf, participationContext } from '../../consultations/public';
import { isUniqueViolation } from '../../platform/database/rows';
import { fail, notFound } from '../../platform/errors';
import { editRefusal } from '../domain/policy';
import { contentHash } from '../../platform/text';
import { presentContribution } from '../presenter';
import { contributionsRepository } from '../repository';
import type { ContributionInput } from './submit';

/** PUT /contributions/:id — its author, while it waits for moderation (conditional on that status). */
export async function editContribution(strapi: Core.Strapi, documentId: string, citizen: Citizen, input: Partial<ContributionInput>) {
  const repository = contributionsRepository(strapi);
  const row = await repository.find(documentId);
  const isAuthor = !!row && row.authorId === citizen.id;
  // Someone else's unpublished contribution does not exist for them.
  if (!row || (row.status !== 'published' && !isAuthor)) throw notFound('Contribution introuvable.');
  const refusal = editRefusal({ status: row.status, isAuthor });
  if (refusal) throw fail(refusal);
  const territoryCode = input.territory !== undefined ? (await repository.commune(input.territory)).code : row.territoryCode;
  const title = input.title ?? row.title;
  const body = input.body ?? row.body;
  try {
    if (!(await repository.editPending(row.id, { title, body, territoryCode, contentHash: contentHash(title, body) }))) throw fail('not_editable');
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('duplicate_contribution', 'Vous avez déjà déposé une contribution identique.');
    throw error;
  }
  const context = await participationContext(strapi, { documentId: row.consultationDocumentId });
  const fresh = await repository.find(documentId);
  return {
    data: presentContribution(fresh!, {
      territories: await repository.territoryNames(territoryCode ? [territoryCode] : []),
      citizen,
      moment: context ? momentOf(context) : null,
    }),
  };
}
