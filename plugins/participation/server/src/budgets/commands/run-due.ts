import type { Core } from '@strapi/strapi';
import { type Db } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { computeWinners, stageAt, stageStarts, STAGE_LABELS, type Stage } from '../domain/rules';
import { budgetsRepository, costOf, type BudgetProcess, type BudgetResults } from '../repository';
import { transaction } from '../../platform/database/transaction';

/** The results, computed from the rules on the counted ballots, in the caller's transaction; winners marked. */
export async function computeResults(strapi: Core.Strapi, db: Db, process: BudgetProcess, now: Date): Promise<BudgetResults> {
  const repository = budgetsRepository(strapi);
  const projects = await repository.projectsOf(process.id, ['admissible'], db);
  const votes = await repository.votes(process.id, db);
  const participation = await repository.participation(process.id, db);
  const territories =
    process.settings.oneWinnerPerTerritory && process.settings.groupingKey
      ? ((await getService(strapi, 'groupings').territories(process.settings.groupingKey, db)) ?? []).map((t) => t.code)
      : [];
  const { winners, spent, remaining } = computeWinners(
    projects.map((p) => ({
      id: p.documentId,
      title: p.title,
      cost: costOf(p),
      votes: votes.get(p.id)?.total ?? 0,
      territoryCode: p.territoryCode,
      filedAt: p.createdAt,
    })),
    process.settings,
    territories
  );
  await repository.setWinners(
    db,
    process.id,
    winners.map((w) => w.id)
  );
  return {
    computedAt: now.toISOString(),
    participants: { web: participation.web, paper: participation.paper, blank: participation.blank, total: participation.total },
    rejectedPaperBallots: participation.rejectedPaperBallots,
    envelope: process.settings.envelope,
    spent,
    remaining,
    winners: winners.map((w) => ({ documentId: w.id, title: w.title, cost: w.cost, votes: w.votes, territoryCode: w.territoryCode, reason: w.reason })),
  };
}

/**
 * Brings one process to the stage its dates say: each stage start passed is recorded once at its own date (unique
 * event key) with one webhook; the stage moves by a conditional update; reaching the results computes them once.
 */
export async function runDueFor(strapi: Core.Strapi, process: BudgetProcess, now: Date) {
  const target: Stage = stageAt(process, now);
  if (target === process.stage && (process.results || !['results', 'follow_up'].includes(target))) return false;
  const repository = budgetsRepository(strapi);
  let moved = false;
  await transaction(strapi, async (trx) => {
    if (!(await repository.updateProcess(process.id, { stage: target, updatedAt: now }, process.stage, trx))) return;
    moved = true;
    for (const start of stageStarts(process).filter((s) => s.at.getTime() <= now.getTime())) {
      const first = await repository.record(
        trx,
        { processId: process.id, kind: `stage_${start.stage}`, eventKey: `${process.id}:stage:${start.stage}`, reason: STAGE_LABELS[start.stage] },
        start.at
      );
      if (!first) continue;
      await getService(strapi, 'outbox').enqueueWebhook(
        trx,
        {
          event: 'participation.budget.stage',
          summary: `${process.name} : ${STAGE_LABELS[start.stage]}`,
          payload: { budget: { documentId: process.documentId, slug: process.slug, name: process.name }, stage: start.stage, at: start.at.toISOString() },
        },
        start.at
      );
    }
    if (['results', 'follow_up'].includes(target) && !process.results) {
      const results = await computeResults(strapi, trx, process, now);
      await repository.updateProcess(process.id, { results: JSON.stringify(results), resultsComputedAt: now }, undefined, trx);
      await getService(strapi, 'outbox').enqueueWebhook(
        trx,
        {
          event: 'participation.budget.results',
          summary: `${process.name} : résultats`,
          payload: {
            budget: { documentId: process.documentId, slug: process.slug, name: process.name },
            winners: results.winners.map((w) => ({ documentId: w.documentId, title: w.title, cost: w.cost, votes: w.votes })),
            participants: results.participants,
          },
        },
        now
      );
    }
  });
  return moved;
}

/** The scheduler's pass over every process, on every instance (conditional updates: each change once). */
export async function runDue(strapi: Core.Strapi, now = new Date()) {
  const repository = budgetsRepository(strapi);
  const all = await repository.allProcesses();
  let moved = 0;
  for (const process of all) if (await runDueFor(strapi, process, now)) moved += 1;
  return { moved };
}
