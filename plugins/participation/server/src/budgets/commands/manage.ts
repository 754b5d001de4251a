import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { isUniqueViolation, rowsOf, type Db } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { contentHash, searchKey } from '../../platform/text';
import {
  budgetSettings,
  computeWinners,
  decisionNeedsReason,
  filingRefusal,
  projectDecisionOutcome,
  stageAt,
  stageStarts,
  STAGE_LABELS,
  PROJECT_STATUS_LABELS,
  type BudgetSettings,
  type ProjectDecision,
  type Stage,
} from '../domain/rules';
import { budgetsRepository, costOf, type BudgetProcess, type BudgetResults } from '../repository';
import { transaction } from '../../platform/database/transaction';

type Actor = { id: number; name: string };

export type ProcessInput = {
  name: string;
  slug: string;
  description?: string | null;
  filingOpensAt: string;
  filingClosesAt: string;
  voteOpensAt: string;
  voteClosesAt: string;
  followUpAt?: string | null;
  settings: unknown;
};
export type ProjectInput = {
  title: string;
  description: string;
  estimatedCost: number;
  communeCode: string;
  theme?: string;
  imageUrl?: string;
  coAuthors?: string[];
};

/** Creates or updates a process; dates in order and settings valid, or field errors. The stage follows the dates. */
export async function saveProcess(strapi: Core.Strapi, documentId: string | null, input: ProcessInput, now = new Date()) {
  const settings = budgetSettings.safeParse(input.settings);
  if (!settings.success)
    throw validationFailed(
      settings.error.issues.map((i) => ({ path: ['settings', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message }))
    );
  const dates = ['filingOpensAt', 'filingClosesAt', 'voteOpensAt', 'voteClosesAt'] as const;
  for (let i = 1; i < dates.length; i += 1) {
    if (new Date(input[dates[i]]).getTime() < new Date(input[dates[i - 1]]).getTime())
      throw validationFailed([{ path: [dates[i]], message: 'Les dates du calendrier doivent se suivre.' }]);
  }
  if (input.followUpAt && new Date(input.followUpAt).getTime() < new Date(input.voteClosesAt).getTime())
    throw validationFailed([{ path: ['followUpAt'], message: 'Le suivi commence après le vote.' }]);
  if (settings.data.groupingKey && !(await getService(strapi, 'groupings').territories(settings.data.groupingKey)))
    throw validationFailed([{ path: ['settings', 'groupingKey'], message: 'Regroupement inconnu.' }]);
  const repository = budgetsRepository(strapi);
  const p = repository.processes;
  const fields = {
    name: input.name,
    slug: input.slug,
    description: input.description ?? null,
    filingOpensAt: new Date(input.filingOpensAt),
    filingClosesAt: new Date(input.filingClosesAt),
    voteOpensAt: new Date(input.voteOpensAt),
    voteClosesAt: new Date(input.voteClosesAt),
    followUpAt: input.followUpAt ? new Date(input.followUpAt) : null,
    settings: JSON.stringify(settings.data),
  };
  try {
    if (documentId) {
      const existing = await repository.processBy({ documentId });
      if (!existing) throw notFound('Budget participatif introuvable.');
      // Rules are fixed once the vote is open: a ballot is judged by the rules it was cast under. Whether projects
      // take comments is not a voting rule: an agent may still open or close them.
      const votingRules = ({ comments: _comments, ...rules }: BudgetSettings) => JSON.stringify(rules);
      if (['vote', 'results', 'follow_up'].includes(existing.stage) && votingRules(existing.settings) !== votingRules(settings.data))
        throw fail('configuration_locked');
      await strapi.db
        .connection(p.table)
        .where(p.column('id'), existing.id)
        .update(p.toColumns({ ...fields, updatedAt: now }));
    } else {
      await strapi.db.connection(p.table).insert(p.newRow({ ...fields, stage: 'upcoming' }, now));
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw validationFailed([{ path: ['slug'], message: 'Un autre budget a déjà cet identifiant.' }]);
    throw error;
  }
  await runDueFor(strapi, (await repository.processBy({ slug: input.slug }))!, now);
  return (await repository.processBy({ slug: input.slug }))!;
}

async function projectTerritory(strapi: Core.Strapi, settings: BudgetSettings, communeCode: string) {
  const place = await getService(strapi, 'groupings').placeOf(settings.groupingKey, communeCode);
  if (!place) throw validationFailed([{ path: ['communeCode'], message: 'Commune inconnue dans le département.' }]);
  return place.territories[0]?.code ?? null;
}

async function insertProject(
  strapi: Core.Strapi,
  process: BudgetProcess,
  input: ProjectInput,
  author: { id: number | null; name: string; channel: 'web' | 'paper'; provenance?: string },
  actorName: string | null,
  now: Date
) {
  const { minProjectCost, maxProjectCost } = process.settings;
  if (input.estimatedCost < minProjectCost || input.estimatedCost > maxProjectCost) {
    throw validationFailed([{ path: ['estimatedCost'], message: `Le coût d'un projet doit être compris entre ${minProjectCost} € et ${maxProjectCost} €.` }]);
  }
  const territoryCode = await projectTerritory(strapi, process.settings, input.communeCode);
  const repository = budgetsRepository(strapi);
  const p = repository.projects;
  const row = p.newRow(
    {
      processId: process.id,
      title: input.title,
      description: input.description,
      estimatedCost: input.estimatedCost,
      communeCode: input.communeCode,
      territoryCode,
      theme: input.theme ?? null,
      imageUrl: input.imageUrl ?? null,
      coAuthors: JSON.stringify(input.coAuthors ?? []),
      authorId: author.id,
      authorName: author.name,
      channel: author.channel,
      provenance: author.provenance ?? null,
      projectStatus: 'submitted',
      isWinner: false,
      commentsCount: 0,
      searchKey: searchKey(`${input.title} ${input.description}`),
      // A citizen's double submit is one project: the unique index on (author, budget, text) keeps the first.
      contentHash: author.id ? contentHash(input.title, input.description) : null,
    },
    now
  );
  try {
    await transaction(strapi, async (trx) => {
      const [inserted] = (await trx(p.table)
        .insert(row)
        .returning([p.column('id')])) as Record<string, unknown>[];
      await repository.record(trx, { processId: process.id, projectId: Number(inserted[p.column('id')]), kind: 'filed', actorName }, now);
    });
  } catch (error) {
    if (author.id && isUniqueViolation(error)) throw fail('duplicate_project');
    throw error;
  }
  return (await repository.projectBy({ documentId: String(row[p.column('documentId')]) }))!;
}

/** POST /budgets/:slug/projects — a citizen files a project while filing is open; it waits for moderation. */
export async function fileProject(strapi: Core.Strapi, slug: string, citizen: Citizen, input: ProjectInput, now = new Date()) {
  const process = await budgetsRepository(strapi).processBy({ slug });
  if (!process) throw notFound('Budget participatif introuvable.');
  const refusal = filingRefusal(stageAt(process, now));
  if (refusal) throw fail(refusal);
  return insertProject(strapi, process, input, { id: citizen.id, name: citizen.displayName, channel: 'web' }, null, now);
}

/** A project received on paper, entered by an agent with its provenance (also after filing closed: it was received in time). */
export async function enterPaperProject(
  strapi: Core.Strapi,
  documentId: string,
  input: ProjectInput & { authorName: string; provenance: string },
  actor: Actor,
  now = new Date()
) {
  const process = await budgetsRepository(strapi).processBy({ documentId });
  if (!process) throw notFound('Budget participatif introuvable.');
  if (['vote', 'results', 'follow_up'].includes(stageAt(process, now))) throw fail('filing_closed');
  return insertProject(strapi, process, input, { id: null, name: input.authorName, channel: 'paper', provenance: input.provenance }, actor.name, now);
}

export type ProjectDecisionInput = {
  decision: ProjectDecision;
  reason?: string;
  revisedCost?: number;
  mergeInto?: string;
  assignedService?: string;
  analysis?: string;
  committee?: boolean;
};

/**
 * Moderation (publish, reject) and the admissibility analysis (admissible with an optional revised cost, inadmissible,
 * merged into another project), each logged — a committee decision says so — and mailed to the author with its reasons.
 */
export async function decideProject(strapi: Core.Strapi, documentId: string, input: ProjectDecisionInput, actor: Actor, now = new Date()) {
  const repository = budgetsRepository(strapi);
  const project = await repository.projectBy({ documentId });
  if (!project) throw notFound('Projet introuvable.');
  const process = (await repository.processBy({ id: project.processId }))!;
  const to = projectDecisionOutcome(project.status, input.decision, stageAt(process, now));
  if (!to)
    throw fail(
      'decision_not_allowed',
      `Décision impossible : le projet est « ${PROJECT_STATUS_LABELS[project.status]} » et le budget en « ${STAGE_LABELS[stageAt(process, now)]} ».`
    );
  if (decisionNeedsReason(input.decision) && !input.reason)
    throw validationFailed([{ path: ['reason'], message: 'Motivez la décision : elle est envoyée à l’auteur·rice et publiée.' }]);
  let mergedIntoId: number | null = null;
  if (input.decision === 'merge') {
    const target = input.mergeInto ? await repository.projectBy({ documentId: input.mergeInto }) : null;
    if (!target || target.processId !== project.processId || target.id === project.id)
      throw validationFailed([{ path: ['mergeInto'], message: 'Choisissez un autre projet du même budget.' }]);
    mergedIntoId = target.id;
  }
  if (input.revisedCost !== undefined && (input.revisedCost < 0 || input.revisedCost > process.settings.envelope))
    throw validationFailed([{ path: ['revisedCost'], message: 'Coût révisé hors de l’enveloppe.' }]);
  const p = repository.projects;
  await transaction(strapi, async (trx) => {
    const changed = await trx(p.table)
      .where(p.column('id'), project.id)
      .where(p.column('projectStatus'), project.status)
      .update(
        p.toColumns({
          projectStatus: to,
          decisionReason: input.reason ?? project.decisionReason,
          ...(input.revisedCost !== undefined ? { revisedCost: input.revisedCost } : {}),
          ...(input.assignedService !== undefined ? { assignedService: input.assignedService } : {}),
          ...(input.analysis !== undefined ? { analysis: input.analysis } : {}),
          ...(mergedIntoId ? { mergedIntoId } : {}),
          updatedAt: now,
        })
      );
    if (!Number(changed)) throw fail('stale_state');
    await repository.record(
      trx,
      {
        processId: project.processId,
        projectId: project.id,
        kind: input.committee ? `committee_${input.decision}` : input.decision,
        reason: input.reason ?? null,
        actorName: actor.name,
      },
      now
    );
    if (project.authorId) {
      const u = rowsOf(strapi, 'plugin::users-permissions.user');
      const user = (await trx(u.table)
        .select({ email: u.column('email') })
        .where(u.column('id'), project.authorId)
        .first()) as { email?: string } | undefined;
      if (user?.email) {
        const subject = `Votre projet « ${project.title} » : ${PROJECT_STATUS_LABELS[to].toLowerCase()}`;
        await getService(strapi, 'outbox').enqueueMails(
          trx,
          [
            {
              event: 'budget.project.decision',
              to: user.email,
              subject,
              summary: subject,
              text: [
                `Bonjour ${project.authorName},`,
                '',
                `Décision sur votre projet « ${project.title} » (${process.name}) : ${PROJECT_STATUS_LABELS[to]}.`,
                ...(input.revisedCost !== undefined ? [`Coût retenu après étude : ${input.revisedCost} €.`] : []),
                ...(input.reason ? ['', `Motifs : ${input.reason}`] : []),
                '',
                "L'équipe de la participation citoyenne",
              ].join('\n'),
            },
          ],
          now
        );
      }
    }
  });
  return (await repository.projectBy({ id: project.id }))!;
}

export type FollowUpInput = {
  status: 'planned' | 'in_study' | 'in_progress' | 'delivered' | 'abandoned';
  milestones: { date: string; label: string; done: boolean }[];
  deliveredAt?: string | null;
  note?: string;
};

/** The follow-up of a winning project: status, milestones, delivery date; logged. */
export async function setFollowUp(strapi: Core.Strapi, documentId: string, input: FollowUpInput, actor: Actor, now = new Date()) {
  const repository = budgetsRepository(strapi);
  const project = await repository.projectBy({ documentId });
  if (!project) throw notFound('Projet introuvable.');
  if (!project.isWinner) throw fail('decision_not_allowed', 'Seul un projet lauréat a un suivi de réalisation.');
  const p = repository.projects;
  await transaction(strapi, async (trx) => {
    await trx(p.table)
      .where(p.column('id'), project.id)
      .update(
        p.toColumns({
          followUpStatus: input.status,
          milestones: JSON.stringify(input.milestones),
          deliveredAt: input.status === 'delivered' ? (input.deliveredAt ?? now.toISOString().slice(0, 10)) : null,
          updatedAt: now,
        })
      );
    await repository.record(
      trx,
      { processId: project.processId, projectId: project.id, kind: 'follow_up', reason: input.note ?? input.status, actorName: actor.name },
      now
    );
  });
  return (await repository.projectBy({ id: project.id }))!;
}

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
  const p = repository.projects;
  await db(p.table)
    .where(p.column('processId'), process.id)
    .update({ [p.column('isWinner')]: false });
  if (winners.length) {
    await db(p.table)
      .whereIn(
        p.column('documentId'),
        winners.map((w) => w.id)
      )
      .update(p.toColumns({ isWinner: true, followUpStatus: 'planned' }));
  }
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
async function runDueFor(strapi: Core.Strapi, process: BudgetProcess, now: Date) {
  const target: Stage = stageAt(process, now);
  if (target === process.stage && (process.results || !['results', 'follow_up'].includes(target))) return false;
  const repository = budgetsRepository(strapi);
  const p = repository.processes;
  let moved = false;
  await transaction(strapi, async (trx) => {
    const updated = await trx(p.table)
      .where(p.column('id'), process.id)
      .where(p.column('stage'), process.stage)
      .update(p.toColumns({ stage: target, updatedAt: now }));
    if (!Number(updated)) return;
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
      await trx(p.table)
        .where(p.column('id'), process.id)
        .update(p.toColumns({ results: JSON.stringify(results), resultsComputedAt: now }));
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
  const all = ((await repository.processQuery(strapi.db.connection)) as Record<string, unknown>[]).map(repository.toProcess);
  let moved = 0;
  for (const process of all) if (await runDueFor(strapi, process, now)) moved += 1;
  return { moved };
}
