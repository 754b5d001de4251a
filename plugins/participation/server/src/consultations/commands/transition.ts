import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  allowedTargets,
  dueTransition,
  planTransition,
  type ConsultationStatus,
  type LifecycleSnapshot,
  type Plan,
  type TransitionRequest,
} from '../domain/lifecycle';
import { fail, notFound } from '../../platform/errors';
import { getService } from '../../platform/services';
import { WEBHOOK_EVENTS } from '../../platform/outbox/rules';
import { findLifecycle, recordLifecycleEvent, type LifecycleRow } from '../repository';
import { transitionsRepository, type PublishedFacts } from '../repository/transitions';
import { soleRunner, transaction } from '../../platform/database/transaction';
import type { Db } from '../../platform/database/rows';

export const TRANSITIONED_EVENT = WEBHOOK_EVENTS[0].event;

export type Actor = { type: 'admin'; id: number | null; name: string } | { type: 'scheduler' };

type Transitioned = {
  documentId: string;
  slug: string;
  from: ConsultationStatus;
  to: ConsultationStatus;
  actor: Actor;
  reason: string | null;
  at: Date;
  opensAt: Date | null;
  closesAt: Date | null;
};

/** Arbitrary constant key of the PostgreSQL advisory lock that serialises scheduler runs across instances. */
const SCHEDULER_LOCK_KEY = 7_244_001;

const TIMESTAMP_OF: Partial<Record<ConsultationStatus, string>> = {
  open: 'openedAt',
  closed: 'closedAt',
  results_published: 'resultsPublishedAt',
  archived: 'archivedAt',
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const transitions = transitionsRepository(strapi);
  const publishedFacts = transitions.publishedFacts;
  const findRow = (documentId: string, db?: Db) => findLifecycle(strapi, documentId, db);

  function snapshotOf(row: LifecycleRow, facts?: PublishedFacts): LifecycleSnapshot {
    return {
      status: row.status,
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      isPublished: !!facts,
      hasSummary: facts?.hasSummary ?? false,
      hasResults: facts?.hasResults ?? false,
      procedure: facts?.procedure ?? null,
    };
  }

  /**
   * Carries out a planned transition as one conditional update (`WHERE status = from`) and one event row, in
   * the caller's transaction. Returns null when another actor changed the state first: nothing is written.
   */
  async function apply(trx: Knex.Transaction, row: LifecycleRow, plan: Plan, actor: Actor, reason: string | null, planned: Date): Promise<Transitioned | null> {
    // On PostgreSQL, wait for the participation writes in flight (they hold the row locked until they commit),
    // then date the transition: every write it let through is dated before it, and every later one sees it.
    await transitions.lock(trx, row.consultationDocumentId);
    const at = new Date(Math.max(planned.getTime(), Date.now()));
    // A date the plan set to "now" (opening or closing early) is the transition's own instant.
    if (plan.patch.opensAt && plan.patch.opensAt.getTime() === planned.getTime()) plan = { ...plan, patch: { ...plan.patch, opensAt: at } };
    if (plan.patch.closesAt && plan.patch.closesAt.getTime() === planned.getTime() && plan.to === 'closed')
      plan = { ...plan, patch: { ...plan.patch, closesAt: at } };
    const stamp = plan.from !== plan.to ? TIMESTAMP_OF[plan.to] : undefined;
    const applied = await transitions.apply(trx, row.consultationDocumentId, {
      from: plan.from,
      to: plan.to,
      closesAtNow: row.closesAt,
      opensAt: plan.patch.opensAt,
      closesAt: plan.patch.closesAt,
      stamp,
      at,
    });
    if (!applied) return null;

    if (plan.patch.opensAt || plan.patch.closesAt) {
      // The Content Manager shows the dates in force: a transition that moves one writes it there too.
      await transitions.writeDates(trx, row.consultationDocumentId, { opensAt: plan.patch.opensAt, closesAt: plan.patch.closesAt });
      // Closing early: the phases end with the consultation, in its draft and published versions and in its public
      // snapshot, so that publishing the results never waits for phases edited by hand.
      if (plan.patch.closesAt && row.closesAt && plan.patch.closesAt < row.closesAt)
        await transitions.closePhasesAt(trx, row.consultationDocumentId, plan.patch.closesAt);
    }

    const opensAt = plan.patch.opensAt ?? row.opensAt;
    const closesAt = plan.patch.closesAt ?? row.closesAt;
    if (plan.to === 'results_published' && plan.from !== plan.to)
      await getService(strapi, 'moderation').releaseHeldAnswers(trx, row.consultationDocumentId, at);
    await recordLifecycleEvent(strapi, trx, {
      consultationDocumentId: row.consultationDocumentId,
      from: plan.from,
      to: plan.to,
      actor,
      reason,
      opensAt,
      closesAt,
      at,
    });
    const done = { documentId: row.consultationDocumentId, slug: row.slug, from: plan.from, to: plan.to, actor, reason, at, opensAt, closesAt };
    await announce(trx, done);
    // Followers hear of a change of state; an extension of the closing date is not one.
    if (plan.from !== plan.to)
      await getService(strapi, 'notifications').onConsultationTransitioned(trx, { documentId: done.documentId, slug: done.slug, to: done.to, at, closesAt });
    return done;
  }

  /** One webhook event per transition, in its transaction: delivered after commit, never for a rolled-back one. */
  async function announce(trx: Knex.Transaction, t: Transitioned) {
    await getService(strapi, 'outbox').enqueueWebhook(trx, {
      event: TRANSITIONED_EVENT,
      summary: `${t.slug} : ${t.from} → ${t.to}`,
      payload: {
        consultation: { documentId: t.documentId, slug: t.slug },
        from: t.from,
        to: t.to,
        actor: t.actor.type === 'admin' ? { type: 'admin', name: t.actor.name } : { type: 'scheduler' },
        reason: t.reason,
        at: t.at.toISOString(),
        opensAt: t.opensAt?.toISOString() ?? null,
        closesAt: t.closesAt?.toISOString() ?? null,
      },
    });
  }

  return {
    findRow,

    async state(documentId: string) {
      const row = await findRow(documentId);
      if (!row) throw notFound('Consultation introuvable.');
      const facts = (await publishedFacts([documentId])).get(documentId);
      const snapshot = snapshotOf(row, facts);
      const now = new Date();
      // Which transitions the panel can offer: each guard is asked with a stand-in reason and a closing date a day
      // past both now and the current one, since the agent types those in the confirmation dialog.
      const options = allowedTargets(row.status).map((to) => {
        const plan = planTransition(snapshot, { to, reason: 'x', closesAt: new Date(Math.max(now.getTime(), row.closesAt?.getTime() ?? 0) + 86_400_000) }, now);
        return plan.ok ? { to, allowed: true } : { to, allowed: false, code: plan.code, message: plan.message };
      });
      // The figures staff quote in the results (« Remplir avec les chiffres de la participation »).
      const counts = { contributions: row.contributionsCount, participants: row.participantsCount, supports: row.supportsCount };
      return { status: row.status, opensAt: row.opensAt, closesAt: row.closesAt, slug: row.slug, counts, transitions: options };
    },

    /** An agent's transition: refused with 409 and the guard's code, or carried out once. */
    async transition(documentId: string, request: TransitionRequest, actor: Actor, now = new Date()) {
      const row = await findRow(documentId);
      if (!row) throw notFound('Consultation introuvable.');
      const facts = (await publishedFacts([documentId])).get(documentId);
      const plan = planTransition(snapshotOf(row, facts), request, now);
      if (!plan.ok) throw fail(plan.code, plan.message);
      const reason = request.reason?.trim() || null;
      const done = await transaction(strapi, (trx) => apply(trx, row, plan, actor, reason, now));
      if (!done) throw fail('stale_state', "L'état de la consultation vient de changer ; rechargez la page et réessayez.");
      return { status: done.to, opensAt: done.opensAt, closesAt: done.closesAt };
    },

    /**
     * The scheduler: performs every transition due at `now`, each planned as of the moment it fell due, so that
     * a run after downtime catches up in order. On PostgreSQL one run at a time across instances (advisory lock);
     * everywhere each transition is a conditional update, so a transition is never performed twice.
     */
    async runDue(now = new Date()): Promise<{ performed: number; skipped: boolean }> {
      const done: Transitioned[] = [];
      const skipped = await transaction(strapi, async (trx) => {
        if (!(await soleRunner(strapi, trx, SCHEDULER_LOCK_KEY))) return true;
        const due = await transitions.due(trx, now);
        const facts = due.length
          ? await publishedFacts(
              due.map((r) => r.consultationDocumentId),
              trx
            )
          : new Map();

        for (let row of due) {
          for (let step = 0; step < 2; step += 1) {
            const snapshot = snapshotOf(row, facts.get(row.consultationDocumentId));
            const next = dueTransition(snapshot, now);
            if (!next) break;
            const plan = planTransition(snapshot, { to: next.to }, next.dueAt);
            if (!plan.ok) {
              strapi.log.warn(`[participation] ${row.slug} : passage automatique vers « ${next.to} » refusé (${plan.code}) : ${plan.message}`);
              break;
            }
            const result = await apply(trx, row, plan, { type: 'scheduler' }, null, now);
            if (!result) break;
            done.push(result);
            row = { ...row, status: plan.to, opensAt: result.opensAt, closesAt: result.closesAt };
          }
        }
        return false;
      });
      return { performed: done.length, skipped };
    },

    async history(documentId: string) {
      if (!(await findRow(documentId))) throw notFound('Consultation introuvable.');
      return transitions.history(documentId);
    },
  };
};
