import type { Core } from '@strapi/strapi';
import { notFound } from '../platform/errors';
import { getService } from '../platform/services';
import { territoryNames } from '../territories/public';
import { decisionNeedsReason, PROJECT_DECISIONS, projectDecisionOutcome, stageAt } from './domain/rules';
import { openDataCsv } from './presenter';
import { budgetsRepository, costOf } from './repository';

/** What staff see of participatory budgets in the admin: the list, one budget with every project, the results file. */

/** Every budget, newest vote first, with its calendar and rules. */
export async function adminList(strapi: Core.Strapi, now = new Date()) {
  const all = await budgetsRepository(strapi).allProcesses();
  return {
    data: all.map((p) => ({
      documentId: p.documentId,
      slug: p.slug,
      name: p.name,
      description: p.description,
      stage: stageAt(p, now),
      filingOpensAt: p.filingOpensAt.toISOString(),
      filingClosesAt: p.filingClosesAt.toISOString(),
      voteOpensAt: p.voteOpensAt.toISOString(),
      voteClosesAt: p.voteClosesAt.toISOString(),
      followUpAt: p.followUpAt?.toISOString() ?? null,
      settings: p.settings,
    })),
  };
}

/**
 * One process as staff see it: every project (under moderation included) with its analysis, ballots by channel,
 * and vote counts — only once the vote is closed, unless the settings show them live.
 */
export async function adminDetail(strapi: Core.Strapi, documentId: string, now = new Date()) {
  const r = budgetsRepository(strapi);
  const process = await r.processBy({ documentId });
  if (!process) throw notFound('Budget participatif introuvable.');
  const stage = stageAt(process, now);
  const countsVisible = ['results', 'follow_up'].includes(stage) || process.settings.showLiveCounts;
  const projects = await r.projectsOf(process.id, null);
  const votes = countsVisible ? await r.votes(process.id) : new Map();
  const history = await r.history(process.id);
  // Staff read places by name: the project's commune and its territory (the codes stay for exports and forms).
  const places = await territoryNames(
    strapi,
    projects.flatMap((p) => [p.communeCode, p.territoryCode])
  );
  return {
    data: {
      documentId: process.documentId,
      slug: process.slug,
      name: process.name,
      stage,
      settings: process.settings,
      participation: await r.participation(process.id),
      countsVisible,
      results: process.results,
      projects: projects.map((p) => ({
        documentId: p.documentId,
        title: p.title,
        description: p.description,
        cost: costOf(p),
        estimatedCost: p.estimatedCost,
        revisedCost: p.revisedCost,
        communeCode: p.communeCode,
        communeName: places.get(p.communeCode) ?? p.communeCode,
        territoryCode: p.territoryCode,
        territoryName: p.territoryCode ? (places.get(p.territoryCode) ?? p.territoryCode) : null,
        authorName: p.authorName,
        coAuthors: p.coAuthors,
        channel: p.channel,
        provenance: p.provenance,
        status: p.status,
        assignedService: p.assignedService,
        analysis: p.analysis,
        decisionReason: p.decisionReason,
        isWinner: p.isWinner,
        followUpStatus: p.followUpStatus,
        milestones: p.milestones,
        votes: countsVisible ? (votes.get(p.id)?.total ?? 0) : null,
        // What an agent may decide on this project now, by the rules (domain/rules.ts): the admin offers these only.
        decisions: PROJECT_DECISIONS.filter((d) => projectDecisionOutcome(p.status, d, stage) !== null).map((d) => ({
          decision: d,
          reasonRequired: decisionNeedsReason(d),
        })),
        createdAt: p.createdAt.toISOString(),
      })),
      history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
    },
  };
}

/** The results as a spreadsheet for the committee: each admissible project, its cost, votes by channel, winner or not. */
export async function exportResults(strapi: Core.Strapi, documentId: string) {
  const process = await budgetsRepository(strapi).processBy({ documentId });
  if (!process) throw notFound('Budget participatif introuvable.');
  const rows = await getService(strapi, 'budget-reads').openDataRows(process.slug);
  return { csv: openDataCsv(rows), filename: `resultats-${process.slug}.csv` };
}
