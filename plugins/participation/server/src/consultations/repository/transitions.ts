import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { tableOf } from '../../platform/database/columns';
import { toDate, type Db, type RawRow } from '../../platform/database/rows';
import { factsOf, NOTICE_FIELDS, settingsOf, type ProcedureFacts } from '../../procedures/domain/rules';
import type { ConsultationStatus } from '../domain/lifecycle';
import { parsePhases, phasesClosedAt } from '../domain/phases';
import { jsonColumn, type ConsultationParticipation } from '../domain/snapshot';
import { CONSULTATION_UID, EVENT_UID, lifecycleTable, type LifecycleRow } from './index';

/** What the lifecycle guards need from a consultation's published version. */
export type PublishedFacts = { hasSummary: boolean; hasResults: boolean; procedure: ProcedureFacts };

/** A transition's change to the lifecycle row: the new state, moved dates, and the stamp of the state reached. */
export type TransitionPatch = {
  from: ConsultationStatus;
  to: ConsultationStatus;
  /** The closing date the row must still hold (a self-transition — an extension — is applied once per date). */
  closesAtNow: Date | null;
  opensAt?: Date;
  closesAt?: Date;
  stamp?: string;
  at: Date;
};

/** The lifecycle's writes and reads around a transition: facts for the guards, the conditional update, dates, history. */
export function transitionsRepository(strapi: Core.Strapi) {
  const l = lifecycleTable(strapi);
  const c = tableOf(strapi, CONSULTATION_UID);

  return {
    /** The guards' facts per consultation, from their published versions (none for a consultation never published). */
    async publishedFacts(documentIds: string[], db: Db = strapi.db.connection): Promise<Map<string, PublishedFacts>> {
      const rows = await db(c.table)
        .select({
          documentId: c.column('documentId'),
          summary: c.column('summary'),
          resultsSynthesis: c.column('resultsSynthesis'),
          opensAt: c.column('opensAt'),
          closesAt: c.column('closesAt'),
          procedure: c.column('procedure'),
          procedureNoticeAt: c.column('procedureNoticeAt'),
          environmentalAssessment: c.column('environmentalAssessment'),
          overseerName: c.column('overseerName'),
          ...Object.fromEntries(NOTICE_FIELDS.map((field) => [field, c.column(field)])),
        })
        .whereIn(c.column('documentId'), documentIds)
        .whereNotNull(c.column('publishedAt'));
      return new Map(
        rows.map((r: RawRow & { documentId: string; summary: string | null; resultsSynthesis: string | null }) => [
          r.documentId,
          { hasSummary: !!r.summary?.trim(), hasResults: !!r.resultsSynthesis?.trim(), procedure: factsOf(settingsOf(r), r.opensAt, r.closesAt) },
        ])
      );
    },

    /**
     * On PostgreSQL, waits for the participation writes in flight on the consultation (they hold its lifecycle row
     * locked until they commit) and keeps it locked for the transition's transaction. SQLite has one writer.
     */
    async lock(trx: Knex.Transaction, documentId: string) {
      if (strapi.db.dialect.client !== 'postgres') return;
      await trx(l.table).select(l.column('status')).where(l.column('consultationDocumentId'), documentId).forUpdate().first();
    },

    /** The conditional update (`WHERE status = from`): false when another actor changed the state first. */
    async apply(trx: Knex.Transaction, documentId: string, patch: TransitionPatch) {
      const columns: Record<string, unknown> = { [l.column('status')]: patch.to, [l.column('updatedAt')]: patch.at };
      if (patch.opensAt) columns[l.column('opensAt')] = patch.opensAt;
      if (patch.closesAt) columns[l.column('closesAt')] = patch.closesAt;
      if (patch.stamp) columns[l.column(patch.stamp)] = patch.at;
      const query = trx(l.table).where(l.column('consultationDocumentId'), documentId).where(l.column('status'), patch.from);
      if (patch.from === patch.to) query.where(l.column('closesAt'), patch.closesAtNow);
      return (await query.update(columns)) === 1;
    },

    /** The dates in force, written on every version of the consultation (what the Content Manager shows). */
    async writeDates(trx: Knex.Transaction, documentId: string, dates: { opensAt?: Date; closesAt?: Date }) {
      const columns: Record<string, Date> = {};
      if (dates.opensAt) columns[c.column('opensAt')] = dates.opensAt;
      if (dates.closesAt) columns[c.column('closesAt')] = dates.closesAt;
      await trx(c.table).where(c.column('documentId'), documentId).update(columns);
    },

    /** Cuts the phases at `closesAt` in every version of the consultation and in its public snapshot. */
    async closePhasesAt(trx: Knex.Transaction, documentId: string, closesAt: Date) {
      const versions = (await trx(c.table)
        .select({ id: 'id', phases: c.column('phases') })
        .where(c.column('documentId'), documentId)) as { id: number; phases: unknown }[];
      for (const version of versions) {
        const phases = parsePhases(version.phases);
        const cut = phasesClosedAt(phases, closesAt);
        if (JSON.stringify(cut) !== JSON.stringify(phases))
          await trx(c.table)
            .where('id', version.id)
            .update({ [c.column('phases')]: JSON.stringify(cut) });
      }
      const row = await trx(l.table)
        .select({ rules: l.column('participationRules') })
        .where(l.column('consultationDocumentId'), documentId)
        .first();
      const participation = jsonColumn<ConsultationParticipation>(row?.rules);
      if (participation) {
        await trx(l.table)
          .where(l.column('consultationDocumentId'), documentId)
          .update({
            [l.column('participationRules')]: JSON.stringify({ ...participation, phases: phasesClosedAt(parsePhases(participation.phases), closesAt) }),
          });
      }
    },

    /** The lifecycle rows with a transition due at `now` (scheduled past opening, open past closing), oldest first. */
    async due(trx: Knex.Transaction, now: Date): Promise<LifecycleRow[]> {
      const column = l.column;
      const rows: RawRow[] = await trx(l.table)
        .select(l.selection)
        .where((qb) =>
          qb
            .where((q) => q.where(column('status'), 'scheduled').where(column('opensAt'), '<=', now))
            .orWhere((q) => q.where(column('status'), 'open').where(column('closesAt'), '<=', now))
        )
        .orderBy(column('id'));
      return rows.map((r) => l.fromDb(r)!);
    },

    /** A consultation's history of transitions, oldest first. */
    async history(documentId: string) {
      const { table, column } = tableOf(strapi, EVENT_UID);
      const rows: RawRow[] = await strapi.db
        .connection(table)
        .select({
          from: column('fromStatus'),
          to: column('toStatus'),
          actorType: column('actorType'),
          actorName: column('actorName'),
          reason: column('reason'),
          opensAt: column('opensAt'),
          closesAt: column('closesAt'),
          at: column('at'),
        })
        .where(column('consultationDocumentId'), documentId)
        .orderBy(column('at'))
        .orderBy(column('id'));
      return rows.map((r) => ({
        from: r.from as ConsultationStatus,
        to: r.to as ConsultationStatus,
        actor: r.actorType === 'admin' ? { type: 'admin' as const, name: String(r.actorName) } : { type: 'scheduler' as const },
        reason: (r.reason as string | null) ?? null,
        opensAt: toDate(r.opensAt),
        closesAt: toDate(r.closesAt),
        at: toDate(r.at),
      }));
    },
  };
}
