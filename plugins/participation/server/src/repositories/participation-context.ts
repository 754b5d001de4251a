import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PUBLIC_STATUSES } from '../domain/lifecycle';
import type { ParticipationRules } from '../domain/participation';
import { currentPhase, type Phase } from '../domain/phases';
import { jsonColumn, type ConsultationCard, type ConsultationParticipation } from '../domain/snapshot';
import { lifecycleTable, type LifecycleRow } from './lifecycles';
import { param, runPrepared } from './prepared';

export type ParticipationContext = { row: LifecycleRow; rules: ParticipationRules; phase: Phase | null; title: string };

/**
 * A public consultation's lifecycle row with the participation rules and title of its published version, in
 * one indexed read of the lifecycle row (its snapshot); null when it is unknown, a draft or unpublished (the
 * caller answers 404).
 */
/** The lifecycle columns a participation context is made of, for a select on the lifecycle table (aliased `alias`). */
export function contextColumns(strapi: Core.Strapi, alias: string) {
  const l = lifecycleTable(strapi);
  const select = Object.fromEntries(
    Object.entries({ ...l.selection, participation: l.column('participationRules'), card: l.column('publicCard') }).map(([k, v]) => [k, `${alias}.${v}`])
  );
  /** Public consultations only: published (it has a snapshot) and past the draft state. */
  const wherePublic = (qb: Knex.QueryBuilder) =>
    qb.whereIn(`${alias}.${l.column('status')}`, PUBLIC_STATUSES).whereNotNull(`${alias}.${l.column('participationRules')}`);
  const toContext = (raw: Record<string, any> | undefined, now: Date): ParticipationContext | null => {
    const row = l.fromDb(raw);
    if (!row || !raw) return null;
    const participation = jsonColumn<ConsultationParticipation>(raw.participation)!;
    return {
      row,
      rules: participation.rules,
      phase: row.status === 'open' ? currentPhase(participation.phases, now) : null,
      title: jsonColumn<ConsultationCard>(raw.card)?.title ?? '',
    };
  };
  return { table: l.table, column: l.column, select, wherePublic, toContext };
}

export async function participationContext(
  strapi: Core.Strapi,
  by: { slug: string } | { documentId: string },
  now = new Date(),
  db: Knex | Knex.Transaction = strapi.db.connection
): Promise<ParticipationContext | null> {
  const l = contextColumns(strapi, 'l');
  const [key, value] = 'slug' in by ? (['slug', by.slug] as const) : (['consultationDocumentId', by.documentId] as const);
  const [raw] = await runPrepared(db, `participation-context:${key}`, () => l.wherePublic(db({ l: l.table }).select(l.select)).where(`l.${l.column(key)}`, param('value')).first(), {
    value,
  });
  return l.toContext(raw, now);
}
