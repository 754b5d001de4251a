import type { Core } from '@strapi/strapi';
import type { ProcedureKind, ProcedureSettings } from '../../procedures/domain/rules';
import type { Knex } from 'knex';
import { createId } from '@paralleldrive/cuid2';
import { tableOf } from '../../platform/database/columns';
import { param, runPrepared } from '../../platform/database/prepared';
import { participationStatus, PUBLIC_STATUSES, type ConsultationStatus } from '../domain/lifecycle';
import { fail, notFound } from '../../platform/errors';
import type { ParticipationMoment, ParticipationRules } from '../domain/policy';
import { currentPhase, type Phase } from '../domain/phases';
import { jsonColumn, type ConsultationCard, type ConsultationParticipation } from '../domain/snapshot';
import { toDate, type Db, type RawRow } from '../../platform/database/rows';

export const LIFECYCLE_UID = 'plugin::participation.consultation-lifecycle' as const;
export const EVENT_UID = 'plugin::participation.lifecycle-event' as const;
export const CONSULTATION_UID = 'plugin::participation.consultation' as const;

/** A consultation's server-owned lifecycle row: its state, dates and public counters. */
export type LifecycleRow = {
  consultationDocumentId: string;
  slug: string;
  status: ConsultationStatus;
  opensAt: Date | null;
  closesAt: Date | null;
  contributionsCount: number;
  participantsCount: number;
  supportsCount: number;
  /** When the results (a procedure's report or synthesis) were published. */
  resultsPublishedAt?: Date | null;
};

/** A row as knex answers it: column aliases to whatever the database driver returns. */

// Re-exported for the modules that take it from here.

/** The server-owned lifecycle rows, one per consultation document, read and written with knex. */
export function lifecycleTable(strapi: Core.Strapi) {
  const { table, column } = tableOf(strapi, LIFECYCLE_UID);
  const selection = {
    consultationDocumentId: column('consultationDocumentId'),
    slug: column('slug'),
    status: column('status'),
    opensAt: column('opensAt'),
    closesAt: column('closesAt'),
    contributionsCount: column('contributionsCount'),
    participantsCount: column('participantsCount'),
    supportsCount: column('supportsCount'),
    resultsPublishedAt: column('resultsPublishedAt'),
  };
  const fromDb = (row: RawRow | undefined): LifecycleRow | null =>
    row
      ? {
          consultationDocumentId: row.consultationDocumentId as string,
          slug: row.slug as string,
          status: row.status as ConsultationStatus,
          opensAt: toDate(row.opensAt),
          closesAt: toDate(row.closesAt),
          contributionsCount: Number(row.contributionsCount ?? 0),
          participantsCount: Number(row.participantsCount ?? 0),
          supportsCount: Number(row.supportsCount ?? 0),
          resultsPublishedAt: toDate(row.resultsPublishedAt),
        }
      : null;
  return { table, column, selection, fromDb };
}

/** The lifecycle row of one consultation, in the caller's transaction when it passes one. */
export async function findLifecycle(strapi: Core.Strapi, documentId: string, db: Db = strapi.db.connection): Promise<LifecycleRow | null> {
  const { table, column, selection, fromDb } = lifecycleTable(strapi);
  return fromDb(await db(table).select(selection).where(column('consultationDocumentId'), documentId).first());
}

export type LifecycleCounter = 'contributionsCount' | 'participantsCount' | 'supportsCount';

/** Moves a consultation's public counter by `by`, atomically, in the caller's transaction. */
export async function incrementLifecycle(strapi: Core.Strapi, trx: Db, documentId: string, counter: LifecycleCounter, by: number) {
  const { table, column } = lifecycleTable(strapi);
  await trx(table).where(column('consultationDocumentId'), documentId).increment(column(counter), by);
}

/** A public consultation as every participation write sees it: its row, rules, current phase and title. */
export type ParticipationContext = {
  row: LifecycleRow;
  rules: ParticipationRules;
  phase: Phase | null;
  title: string;
  participationStatus: ConsultationStatus;
  /** The legal procedure the consultation runs (`libre` for snapshots written before procedures existed). */
  procedure: ProcedureKind;
  /** Its settings as published (notice, overseer, dossier in brief), from the same snapshot; null for a free consultation. */
  procedureSettings: ProcedureSettings | null;
};

/** The moment of a context, as the participation policy reads it. */
export const momentOf = (context: ParticipationContext): ParticipationMoment => ({
  rules: context.rules,
  status: context.participationStatus,
  phase: context.phase,
});

/** The lifecycle columns a participation context is made of, for a select on the lifecycle table (aliased `alias`). */
export function contextColumns(strapi: Core.Strapi, alias: string) {
  const l = lifecycleTable(strapi);
  const select = Object.fromEntries(
    Object.entries({ ...l.selection, participation: l.column('participationRules'), card: l.column('publicCard') }).map(([k, v]) => [k, `${alias}.${v}`])
  );
  /** Public consultations only: published (it has a snapshot) and past the draft state. */
  const wherePublic = (qb: Knex.QueryBuilder) =>
    qb.whereIn(`${alias}.${l.column('status')}`, PUBLIC_STATUSES).whereNotNull(`${alias}.${l.column('participationRules')}`);
  const toContext = (raw: RawRow | undefined, now: Date): ParticipationContext | null => {
    const row = l.fromDb(raw);
    if (!row || !raw) return null;
    const participation = jsonColumn<ConsultationParticipation>(raw.participation)!;
    return {
      row,
      rules: participation.rules,
      phase: row.status === 'open' ? currentPhase(participation.phases, now) : null,
      title: jsonColumn<ConsultationCard>(raw.card)?.title ?? '',
      participationStatus: participationStatus(row.status, row.closesAt, now),
      procedure: participation.procedure?.kind ?? 'libre',
      procedureSettings: participation.procedure && participation.procedure.kind !== 'libre' ? participation.procedure : null,
    };
  };
  return { table: l.table, column: l.column, select, wherePublic, toContext };
}

/**
 * A public consultation's lifecycle row with the participation rules and title of its published version, in
 * one indexed read of the lifecycle row (its snapshot); null when it is unknown, a draft or unpublished (the
 * caller answers 404).
 */
export async function participationContext(
  strapi: Core.Strapi,
  by: { slug: string } | { documentId: string },
  now = new Date(),
  db: Db = strapi.db.connection
): Promise<ParticipationContext | null> {
  const l = contextColumns(strapi, 'l');
  const key = 'slug' in by ? 'slug' : 'consultationDocumentId';
  const [raw] = await runPrepared(
    db,
    'participation-context',
    { key },
    (flags) =>
      l
        .wherePublic(db({ l: l.table }).select(l.select))
        .where(`l.${l.column(flags.key)}`, param('value'))
        .first(),
    { value: 'slug' in by ? by.slug : by.documentId }
  );
  return l.toContext(raw, now);
}

/** Titles and slugs of consultations (their draft version: what staff call them), for lists and mails. */
export async function consultationTitles(strapi: Core.Strapi, documentIds: string[], db: Knex | Knex.Transaction = strapi.db.connection) {
  const titles = new Map<string, { documentId: string; slug: string | null; title: string | null }>();
  if (!documentIds.length) return titles;
  const c = tableOf(strapi, CONSULTATION_UID);
  const l = tableOf(strapi, LIFECYCLE_UID);
  const rows: RawRow[] = await db({ c: c.table })
    .leftJoin({ l: l.table }, `l.${l.column('consultationDocumentId')}`, `c.${c.column('documentId')}`)
    .select({ documentId: `c.${c.column('documentId')}`, title: `c.${c.column('title')}`, slug: `l.${l.column('slug')}` })
    .whereIn(`c.${c.column('documentId')}`, documentIds)
    .whereNull(`c.${c.column('publishedAt')}`);
  for (const r of rows) {
    const documentId = String(r.documentId);
    titles.set(documentId, { documentId, slug: (r.slug as string | null) ?? null, title: (r.title as string | null) ?? null });
  }
  return titles;
}

/**
 * What the public knows a consultation by: its slug and the title of its published version, from its public
 * snapshot. A consultation never published (or unpublished) has none: a draft's text never reaches a citizen.
 */
export async function publicConsultationTitles(strapi: Core.Strapi, documentIds: string[]) {
  const titles = new Map<string, { slug: string; title: string }>();
  if (!documentIds.length) return titles;
  const l = lifecycleTable(strapi);
  const rows: RawRow[] = await strapi.db
    .connection(l.table)
    .select({ documentId: l.column('consultationDocumentId'), slug: l.column('slug'), card: l.column('publicCard') })
    .whereIn(l.column('consultationDocumentId'), documentIds)
    .whereNotNull(l.column('publicCard'));
  for (const r of rows) {
    const card = jsonColumn<ConsultationCard>(r.card);
    if (card) titles.set(String(r.documentId), { slug: String(r.slug), title: card.title });
  }
  return titles;
}

/**
 * Inside a write's transaction: the consultation is open now, and stays so until the write commits. On
 * PostgreSQL the lifecycle row is locked (FOR NO KEY UPDATE, the lock the write's counter update takes anyway,
 * so two writes never deadlock upgrading a shared lock), so a close waits for the writes in flight and every write
 * that starts after it sees it closed; SQLite runs one transaction at a time. 409 when it is no longer open.
 */
export async function holdOpen(strapi: Core.Strapi, trx: Knex.Transaction, consultationDocumentId: string, now = new Date()) {
  const l = lifecycleTable(strapi);
  const query = trx(l.table)
    .select({ status: l.column('status'), closesAt: l.column('closesAt') })
    .where(l.column('consultationDocumentId'), consultationDocumentId);
  if (strapi.db.dialect.client === 'postgres') query.forNoKeyUpdate();
  const row = await query.first();
  if (!row) throw notFound('Consultation introuvable.');
  const status = participationStatus(row.status as ConsultationStatus, toDate(row.closesAt), now);
  if (status !== 'open') throw fail(status === 'scheduled' || status === 'draft' ? 'consultation_not_open' : 'consultation_closed');
}

/** One line of a consultation's history (a transition, or a calendar published while it is scheduled). */
export type LifecycleEventRecord = {
  consultationDocumentId: string;
  from: ConsultationStatus;
  to: ConsultationStatus;
  actor: { type: 'admin'; id: number | null; name: string } | { type: 'scheduler' };
  reason: string | null;
  opensAt: Date | null;
  closesAt: Date | null;
  at: Date;
};

export async function recordLifecycleEvent(strapi: Core.Strapi, trx: Db, event: LifecycleEventRecord) {
  const { table, column } = tableOf(strapi, EVENT_UID);
  await trx(table).insert({
    [column('documentId')]: createId(),
    [column('consultationDocumentId')]: event.consultationDocumentId,
    [column('fromStatus')]: event.from,
    [column('toStatus')]: event.to,
    [column('actorType')]: event.actor.type,
    [column('actorId')]: event.actor.type === 'admin' ? event.actor.id : null,
    [column('actorName')]: event.actor.type === 'admin' ? event.actor.name : null,
    [column('reason')]: event.reason,
    [column('opensAt')]: event.opensAt,
    [column('closesAt')]: event.closesAt,
    [column('at')]: event.at,
    [column('createdAt')]: event.at,
    [column('updatedAt')]: event.at,
    [column('publishedAt')]: event.at,
  });
}

/** The fields of a consultation's draft and published versions that staff roles guard (see domain/editing.ts). */
export async function guardedVersions(strapi: Core.Strapi, documentId: string, fields: readonly string[], db: Db) {
  const { table, column } = tableOf(strapi, CONSULTATION_UID);
  const rows: RawRow[] = await db(table)
    .select({ publishedAt: column('publishedAt'), ...Object.fromEntries(fields.map((f) => [f, column(f)])) })
    .where(column('documentId'), documentId);
  const version = (published: boolean) => rows.find((r) => (r.publishedAt !== null) === published) ?? null;
  return { draft: version(false), published: version(true) };
}

/**
 * The newest public consultations for the feeds: the lifecycle row, its public card and its dates; `results`: those
 * whose results are published, newest results first.
 */
export async function feedRows(strapi: Core.Strapi, kind: 'consultations' | 'results', statuses: readonly string[], limit: number): Promise<RawRow[]> {
  const l = lifecycleTable(strapi);
  const c = l.column;
  const query = strapi.db
    .connection(l.table)
    .select({ ...l.selection, card: c('publicCard'), openedAt: c('openedAt'), resultsAt: c('resultsPublishedAt'), createdAt: c('createdAt') })
    .whereIn(c('status'), [...statuses])
    .whereNotNull(c('publicCard'))
    .limit(limit);
  if (kind === 'results') query.whereNotNull(c('resultsPublishedAt')).orderBy(c('resultsPublishedAt'), 'desc');
  else query.orderBy(c('opensAt'), 'desc').orderBy(c('id'), 'desc');
  return query;
}

/** The public snapshot of a consultation on its lifecycle row (null clears it: nothing published). */
export async function writeSnapshot(
  strapi: Core.Strapi,
  db: Db,
  documentId: string,
  snapshot: { card: unknown; detail: unknown; participation: unknown; searchKey: string } | null
) {
  const { table, column } = lifecycleTable(strapi);
  await db(table)
    .where(column('consultationDocumentId'), documentId)
    .update({
      [column('publicCard')]: snapshot ? JSON.stringify(snapshot.card) : null,
      [column('publicDetail')]: snapshot ? JSON.stringify(snapshot.detail) : null,
      [column('participationRules')]: snapshot ? JSON.stringify(snapshot.participation) : null,
      [column('searchKey')]: snapshot?.searchKey ?? null,
    });
}

/** Every consultation's document id, or only those without a public snapshot yet. */
export async function consultationIds(strapi: Core.Strapi, { missingSnapshot = false } = {}): Promise<string[]> {
  const { table, column } = lifecycleTable(strapi);
  const query = strapi.db.connection(table).select({ documentId: column('consultationDocumentId') });
  if (missingSnapshot) query.whereNull(column('participationRules'));
  return ((await query) as RawRow[]).map((r) => String(r.documentId));
}

/**
 * The published versions of the consultations that run a legal procedure (their `fields`), by title, each with its
 * lifecycle row and what `extra` selects over its document id (a sibling's count, say): one statement.
 */
export async function procedureConsultations(
  strapi: Core.Strapi,
  fields: readonly string[],
  options: { documentId?: string; limit: number; extra?: (documentIdRef: string) => Record<string, Knex.Raw> }
): Promise<{ published: RawRow; row: LifecycleRow | null; extra: RawRow }[]> {
  const c = tableOf(strapi, CONSULTATION_UID);
  const l = lifecycleTable(strapi);
  const documentIdRef = `c.${c.column('documentId')}`;
  const extra = options.extra?.(documentIdRef) ?? {};
  const query = strapi.db
    .connection({ c: c.table })
    .leftJoin({ l: l.table }, `l.${l.column('consultationDocumentId')}`, documentIdRef)
    .select(Object.fromEntries(fields.map((f) => [`f_${f}`, `c.${c.column(f)}`])))
    .select(Object.fromEntries(Object.entries(l.selection).map(([k, v]) => [`l_${k}`, `l.${v}`])))
    .select(Object.fromEntries(Object.entries(extra).map(([k, v]) => [`x_${k}`, v])))
    .whereNotNull(`c.${c.column('publishedAt')}`)
    .whereNotIn(`c.${c.column('procedure')}`, ['libre'])
    .orderBy(`c.${c.column('title')}`, 'asc')
    .limit(options.limit);
  if (options.documentId) query.where(documentIdRef, options.documentId);
  const part = (raw: RawRow, prefix: string) =>
    Object.fromEntries(Object.entries(raw).flatMap(([k, v]) => (k.startsWith(prefix) ? [[k.slice(prefix.length), v]] : [])));
  return ((await query) as RawRow[]).map((raw) => {
    const lifecycle = part(raw, 'l_');
    return { published: part(raw, 'f_'), row: lifecycle.consultationDocumentId ? l.fromDb(lifecycle) : null, extra: part(raw, 'x_') };
  });
}
