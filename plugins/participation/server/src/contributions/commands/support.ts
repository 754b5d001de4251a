import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { refusalAt } from '../../consultations/domain/policy';
import { momentOf } from '../../consultations/public';
import { fail, notFound } from '../../platform/errors';
import { supportRefusal } from '../domain/policy';
import { contributionsRepository } from '../repository';

/**
 * POST/DELETE /contributions/:id/supports — idempotent; exact counts under any concurrency. One read (the
 * contribution with its consultation's rules), the policy, then the write: on PostgreSQL one statement (the
 * support row, the participant row and both counters in data-modifying CTEs, atomic as any single statement); on
 * SQLite the same steps in one transaction.
 */
export async function setSupport(strapi: Core.Strapi, documentId: string, citizen: Citizen, supported: boolean) {
  const repository = contributionsRepository(strapi);
  const found = await repository.supportTarget(documentId, new Date());
  if (!found) throw notFound('Contribution introuvable.');
  const { context } = found;
  const facts = { status: found.status, isAuthor: found.authorId !== null && found.authorId === citizen.id };
  const refusal = supportRefusal(facts, refusalAt(momentOf(context), 'support', true), !supported);
  if (refusal === 'contribution_not_published') throw notFound('Contribution introuvable.');
  if (refusal) throw fail(refusal);
  const target = { id: found.id, consultationDocumentId: context.row.consultationDocumentId };
  const count =
    strapi.db.dialect.client === 'postgres'
      ? await repository.supportInOneStatement(target, citizen, supported)
      : await repository.supportStepByStep(target, citizen, supported);
  return { data: { documentId, supportsCount: count, hasSupported: supported } };
}
