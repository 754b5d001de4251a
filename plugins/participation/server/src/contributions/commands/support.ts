import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { refusalAt } from '../../consultations/domain/policy';
import { contextColumns, momentOf } from '../../consultations/public';
import { fail, notFound } from '../../platform/errors';
import { supportRefusal } from '../domain/policy';
import { contributionsRepository } from '../repository';
import { type RawRow } from '../../platform/database/rows';

/**
 * POST/DELETE /contributions/:id/supports — idempotent; exact counts under any concurrency. One read (the
 * contribution with its consultation's rules), the policy, then the write: on PostgreSQL one statement (the
 * support row, the participant row and both counters in data-modifying CTEs, atomic as any single statement); on
 * SQLite the same steps in one transaction.
 */
export async function setSupport(strapi: Core.Strapi, documentId: string, citizen: Citizen, supported: boolean) {
  const repository = contributionsRepository(strapi);
  const c = repository.table();
  const l = contextColumns(strapi, 'l');
  const raw: RawRow | undefined = await l
    .wherePublic(
      strapi.db
        .connection({ k: c.table })
        .select({ contributionId: `k.${c.column('id')}`, contributionStatus: `k.${c.column('status')}`, authorId: `k.${c.column('authorId')}` })
        .select(l.select)
        .join({ l: l.table }, `l.${l.column('consultationDocumentId')}`, `k.${c.column('consultationDocumentId')}`)
    )
    .where(`k.${c.column('documentId')}`, documentId)
    .first();
  const context = l.toContext(raw, new Date());
  if (!raw || !context) throw notFound('Contribution introuvable.');
  const facts = { status: raw.contributionStatus as 'published', isAuthor: raw.authorId !== null && Number(raw.authorId) === citizen.id };
  const refusal = supportRefusal(facts, refusalAt(momentOf(context), 'support', true), !supported);
  if (refusal === 'contribution_not_published') throw notFound('Contribution introuvable.');
  if (refusal) throw fail(refusal);
  const target = { id: Number(raw.contributionId), consultationDocumentId: context.row.consultationDocumentId };
  const count =
    strapi.db.dialect.client === 'postgres'
      ? await repository.supportInOneStatement(target, citizen, supported)
      : await repository.supportStepByStep(target, citizen, supported);
  return { data: { documentId, supportsCount: count, hasSupported: supported } };
}
