import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PUBLIC_STATUSES } from '../domain/lifecycle';
import { rulesOf, type ParticipationRules } from '../domain/participation';
import { currentPhase, parsePhases, type Phase } from '../domain/phases';
import { tableOf } from './columns';
import { CONSULTATION_UID, lifecycleTable, type LifecycleRow } from './lifecycles';

export type ParticipationContext = { row: LifecycleRow; rules: ParticipationRules; phase: Phase | null; title: string };

/**
 * A public consultation's lifecycle row and the participation rules of its published version, in two indexed
 * reads; null when it is unknown, a draft or unpublished (the caller answers 404).
 */
export async function participationContext(
  strapi: Core.Strapi,
  by: { slug: string } | { documentId: string },
  now = new Date(),
  db: Knex | Knex.Transaction = strapi.db.connection
): Promise<ParticipationContext | null> {
  const l = lifecycleTable(strapi);
  const query = db(l.table).select(l.selection).whereIn(l.column('status'), PUBLIC_STATUSES);
  if ('slug' in by) query.where(l.column('slug'), by.slug);
  else query.where(l.column('consultationDocumentId'), by.documentId);
  const row = l.fromDb(await query.first());
  if (!row) return null;

  const c = tableOf(strapi, CONSULTATION_UID);
  const published = await db(c.table)
    .select(
      Object.fromEntries(
        ['title', 'allowContributions', 'allowSupports', 'allowComments', 'requireAccount', 'moderationMode', 'reportThreshold', 'maxContributionsPerUser', 'phases'].map(
          (a) => [a, c.column(a)]
        )
      )
    )
    .where(c.column('documentId'), row.consultationDocumentId)
    .whereNotNull(c.column('publishedAt'))
    .first();
  if (!published) return null;
  return {
    row,
    rules: rulesOf(published),
    phase: row.status === 'open' ? currentPhase(parsePhases(published.phases), now) : null,
    title: published.title,
  };
}
