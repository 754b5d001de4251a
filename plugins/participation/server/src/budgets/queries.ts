import type { Core } from '@strapi/strapi';
import type { Citizen } from '../platform/citizen';
import { notFound } from '../platform/errors';
import { paginationMeta } from '../platform/validation';
import { territoryNames } from '../territories/public';
import {
  DELIVERY_YEARS,
  LINK_LABELS,
  projectCommentRefusal,
  PUBLIC_PROJECT_STATUSES,
  STAGE_LABELS,
  stageAt,
  voteRefusal,
  type ProjectStatus,
} from './domain/rules';
import { commentsRepository } from '../comments/public';
import { communesWithin } from '../territories/public';
import { budgetsRepository, costOf, type BudgetProcess, type BudgetProject } from './repository';
import { myBallot } from './commands/vote';
import { processSummary, projectView } from './presenter';

export type ProjectFilters = {
  status?: ProjectStatus[];
  territory?: string;
  theme?: string;
  q?: string;
  winners?: boolean;
  sort: '-createdAt' | 'cost' | '-cost' | '-votes' | 'title';
  page: number;
  pageSize: number;
};

/** Whether vote counts are public now: after the vote closes, or live if the process's settings say so. */
const countsArePublic = (process: BudgetProcess, now: Date) => ['results', 'follow_up'].includes(stageAt(process, now)) || process.settings.showLiveCounts;

/** Public reads of participatory budgets: nothing private (author id, provenance, analysis notes, voters). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = () => budgetsRepository(strapi);

  const communeNames = (codes: string[]) => territoryNames(strapi, codes);

  async function viewerOf(process: BudgetProcess, citizen: Citizen | null, now: Date) {
    const stage = stageAt(process, now);
    if (!citizen) {
      const refusal = voteRefusal(stage, false);
      return { signedIn: false, canFile: false, canVote: false, reason: refusal ?? 'authentication_required', ballot: null };
    }
    const ballot = (await myBallot(strapi, process.slug, citizen)).data;
    const refusal = voteRefusal(stage, false);
    return { signedIn: true, canFile: stage === 'filing', canVote: refusal === null, reason: refusal, ballot };
  }

  return {
    async list(now = new Date()) {
      const all = await repository().allProcesses();
      return { data: all.map((p) => processSummary(p, now)) };
    },

    async detail(slug: string, citizen: Citizen | null, now = new Date()) {
      const r = repository();
      const process = await r.processBy({ slug });
      if (!process) throw notFound('Budget participatif introuvable.');
      const counts = await r.projectsOf(process.id, null);
      const byStatus = Object.fromEntries(PUBLIC_PROJECT_STATUSES.map((s) => [s, counts.filter((p) => p.status === s).length]));
      const s = process.settings;
      const publicCounts = countsArePublic(process, now);
      return {
        data: {
          ...processSummary(process, now),
          rules: {
            envelope: s.envelope,
            territoryEnvelopes: s.territoryEnvelopes,
            groupingKey: s.groupingKey,
            minProjectCost: s.minProjectCost,
            maxProjectCost: s.maxProjectCost,
            method: s.method,
            minChoices: s.minChoices,
            maxChoices: s.maxChoices,
            minimumAge: s.minimumAge,
            eligibilityLinks: s.eligibilityLinks.map((l) => ({ link: l, label: LINK_LABELS[l] })),
            oneWinnerPerTerritory: s.oneWinnerPerTerritory,
            blankVoteAllowed: s.blankVoteAllowed,
            tieBreak: 'Plus de voix ; à égalité, le projet le moins cher, puis le premier déposé, puis l’identifiant.',
            deliveryYears: DELIVERY_YEARS,
            comments: s.comments,
          },
          projectsCount: byStatus,
          participation: publicCounts ? await r.participation(process.id) : null,
          viewer: await viewerOf(process, citizen, now),
        },
      };
    },

    async projects(slug: string, filters: ProjectFilters, now = new Date()) {
      const r = repository();
      const process = await r.processBy({ slug });
      if (!process) throw notFound('Budget participatif introuvable.');
      const statuses = filters.status?.length ? filters.status.filter((s) => PUBLIC_PROJECT_STATUSES.includes(s)) : PUBLIC_PROJECT_STATUSES;
      const rows = await r.projectsMatching(process.id, { ...filters, statuses });
      const publicCounts = countsArePublic(process, now);
      const votes = publicCounts ? await r.votes(process.id) : new Map();
      const voteOf = (x: BudgetProject) => votes.get(x.id)?.total ?? 0;
      const sorters: Record<ProjectFilters['sort'], (a: BudgetProject, b: BudgetProject) => number> = {
        '-createdAt': (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id,
        cost: (a, b) => costOf(a) - costOf(b) || a.id - b.id,
        '-cost': (a, b) => costOf(b) - costOf(a) || a.id - b.id,
        title: (a, b) => a.title.localeCompare(b.title, 'fr') || a.id - b.id,
        // Sorting by votes reveals them: only once counts are public.
        '-votes': (a, b) => (publicCounts ? voteOf(b) - voteOf(a) : 0) || a.id - b.id,
      };
      rows.sort(sorters[filters.sort]);
      const page = rows.slice((filters.page - 1) * filters.pageSize, filters.page * filters.pageSize);
      const communes = await communeNames(page.map((x) => x.communeCode));
      return {
        data: page.map((x) => {
          const v = votes.get(x.id);
          return projectView(x, communes, publicCounts ? { total: v?.total ?? 0, web: v?.web ?? 0, paper: v?.paper ?? 0 } : null);
        }),
        meta: { pagination: paginationMeta(filters.page, filters.pageSize, rows.length) },
      };
    },

    /**
     * The public projects located in a place (a commune, the communes of an EPCI, the département), across budgets:
     * those of budgets still running first (the vote, then filing), newest first; votes once they are public.
     */
    async near(code: string, limit: number, now = new Date()) {
      const r = repository();
      // Every project of the place is read to rank them by their budget's stage: the total is their number.
      const rows = await r.projectsInCommunes(PUBLIC_PROJECT_STATUSES, communesWithin(strapi, code));
      const found = await r.processesByIds([...new Set(rows.map((x) => x.processId))]);
      const processes = new Map<number, BudgetProcess>(found.map((x) => [x.id, x]));
      const RUNNING: Record<string, number> = { vote: 0, filing: 1, admissibility: 2, upcoming: 3, results: 4, follow_up: 5 };
      const rank = (x: BudgetProject) => RUNNING[stageAt(processes.get(x.processId)!, now)];
      rows.sort((a, b) => rank(a) - rank(b) || b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
      const page = rows.slice(0, limit);
      const communes = await communeNames(page.map((x) => x.communeCode));
      const votes = new Map<number, Awaited<ReturnType<typeof r.votes>>>();
      for (const process of new Set(page.map((x) => processes.get(x.processId)!)))
        if (countsArePublic(process, now)) votes.set(process.id, await r.votes(process.id));
      return {
        total: rows.length,
        items: page.map((x) => {
          const process = processes.get(x.processId)!;
          const v = votes.get(process.id)?.get(x.id);
          const stage = stageAt(process, now);
          return {
            ...projectView(x, communes, votes.has(process.id) ? { total: v?.total ?? 0, web: v?.web ?? 0, paper: v?.paper ?? 0 } : null),
            budget: { slug: process.slug, name: process.name, stage, stageLabel: STAGE_LABELS[stage] },
          };
        }),
      };
    },

    async project(documentId: string, now = new Date()) {
      const r = repository();
      const project = await r.projectBy({ documentId });
      if (!project || !PUBLIC_PROJECT_STATUSES.includes(project.status)) throw notFound('Projet introuvable.');
      const process = (await r.processBy({ id: project.processId }))!;
      const communes = await communeNames([project.communeCode]);
      const publicCounts = countsArePublic(process, now);
      const v = publicCounts ? (await r.votes(process.id)).get(project.id) : undefined;
      const history = (await r.history(process.id, project.id)).filter((h) => !h.kind.startsWith('stage_'));
      const mergedInto = project.mergedIntoId ? await r.projectBy({ id: project.mergedIntoId }) : null;
      const commentRefusal = projectCommentRefusal(process.settings.comments, stageAt(process, now), project.status);
      return {
        data: {
          ...projectView(project, communes, publicCounts ? { total: v?.total ?? 0, web: v?.web ?? 0, paper: v?.paper ?? 0 } : null),
          budget: { slug: process.slug, name: process.name },
          mergedInto: mergedInto ? { documentId: mergedInto.documentId, title: mergedInto.title } : null,
          votesByTerritory: publicCounts ? (v?.byTerritory ?? {}) : null,
          history: history.map((h) => ({ kind: h.kind, reason: h.reason, at: h.at.toISOString() })),
          comments: { mode: process.settings.comments, open: !commentRefusal, reason: commentRefusal },
        },
      };
    },

    /** GET /budget-projects/:id/comments — the published threads of a public project. */
    async comments(documentId: string, citizen: Citizen | null, page: number, pageSize: number) {
      const project = await repository().projectBy({ documentId });
      if (!project || !PUBLIC_PROJECT_STATUSES.includes(project.status)) throw notFound('Projet introuvable.');
      return commentsRepository(strapi).threads({ kind: 'budgetProject', id: project.id }, citizen, page, pageSize);
    },

    async results(slug: string) {
      const r = repository();
      const process = await r.processBy({ slug });
      if (!process) throw notFound('Budget participatif introuvable.');
      if (!process.results) throw notFound('Les résultats ne sont pas encore publiés.');
      const admissible = await r.projectsOf(process.id, ['admissible']);
      const votes = await r.votes(process.id);
      return {
        data: {
          ...process.results,
          method: process.settings.method,
          rules:
            'Enveloppes territoriales d’abord (projets du territoire par ordre de mérite), puis un lauréat par territoire si la règle d’équité est active, puis le reste de l’enveloppe par ordre de mérite ; un projet qui ne tient plus dans l’enveloppe est passé. Ordre de mérite : plus de voix ; à égalité, le moins cher, puis le premier déposé, puis l’identifiant.',
          projects: admissible.map((p) => {
            const v = votes.get(p.id);
            return {
              documentId: p.documentId,
              title: p.title,
              cost: costOf(p),
              territoryCode: p.territoryCode,
              votes: v?.total ?? 0,
              web: v?.web ?? 0,
              paper: v?.paper ?? 0,
              byTerritory: v?.byTerritory ?? {},
              isWinner: p.isWinner,
              filedAt: p.createdAt.toISOString(),
            };
          }),
        },
      };
    },

    /** The open data of a process once its results are out: one line per project and voter territory, anonymous counts by channel. */
    async openDataRows(slug: string) {
      const results = (await this.results(slug)).data;
      const rows: (string | number)[][] = [];
      for (const p of results.projects) {
        const territories = Object.entries(p.byTerritory);
        if (!territories.length) rows.push([p.documentId, p.title, p.cost, p.territoryCode ?? '', '', 0, 0, 0, p.isWinner ? 'oui' : 'non', p.filedAt]);
        for (const [territory, n] of territories)
          rows.push([p.documentId, p.title, p.cost, p.territoryCode ?? '', territory, n, '', '', p.isWinner ? 'oui' : 'non', p.filedAt]);
        rows.push([p.documentId, p.title, p.cost, p.territoryCode ?? '', 'total', p.votes, p.web, p.paper, p.isWinner ? 'oui' : 'non', p.filedAt]);
      }
      return rows;
    },

    /** What `/me/export` adds: the citizen's budget projects and ballots (their own declaration included). */
    async exportOf(userId: number) {
      const [ballots, projects] = await Promise.all([repository().ballotsForExport(userId), repository().projectsOfAuthor(userId)]);
      return {
        budgetBallots: ballots.map((x) => ({ ...x, updatedAt: x.updatedAt.toISOString() })),
        budgetProjects: projects.map((x) => ({ ...x, createdAt: x.createdAt.toISOString() })),
      };
    },
  };
};
