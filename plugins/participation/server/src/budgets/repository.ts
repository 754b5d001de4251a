import type { Core } from '@strapi/strapi';
import { isTrue, rowsOf, type Db } from '../platform/database/rows';
import { budgetSettings, type BudgetSettings, type ProjectStatus, type Stage } from './domain/rules';

export type BudgetProcess = {
  id: number;
  documentId: string;
  name: string;
  slug: string;
  description: string | null;
  stage: Stage;
  filingOpensAt: Date;
  filingClosesAt: Date;
  voteOpensAt: Date;
  voteClosesAt: Date;
  followUpAt: Date | null;
  settings: BudgetSettings;
  results: BudgetResults | null;
  resultsComputedAt: Date | null;
  updatedAt: Date;
};

export type BudgetResults = {
  computedAt: string;
  participants: { web: number; paper: number; blank: number; total: number };
  rejectedPaperBallots: number;
  envelope: number;
  spent: number;
  remaining: number;
  winners: {
    documentId: string;
    title: string;
    cost: number;
    votes: number;
    territoryCode: string | null;
    reason: 'territory_envelope' | 'equity' | 'general';
  }[];
};

export type BudgetProject = {
  id: number;
  documentId: string;
  processId: number;
  title: string;
  description: string;
  estimatedCost: number;
  revisedCost: number | null;
  communeCode: string;
  territoryCode: string | null;
  theme: string | null;
  imageUrl: string | null;
  coAuthors: string[];
  authorId: number | null;
  authorName: string;
  channel: 'web' | 'paper';
  provenance: string | null;
  status: ProjectStatus;
  assignedService: string | null;
  analysis: string | null;
  decisionReason: string | null;
  mergedIntoId: number | null;
  isWinner: boolean;
  commentsCount: number;
  followUpStatus: string | null;
  milestones: { date: string; label: string; done: boolean }[];
  deliveredAt: string | null;
  createdAt: Date;
};

const PROCESS_ATTRS = [
  'id',
  'documentId',
  'name',
  'slug',
  'description',
  'stage',
  'filingOpensAt',
  'filingClosesAt',
  'voteOpensAt',
  'voteClosesAt',
  'followUpAt',
  'settings',
  'results',
  'resultsComputedAt',
  'updatedAt',
];
const PROJECT_ATTRS = [
  'id',
  'documentId',
  'processId',
  'title',
  'description',
  'estimatedCost',
  'revisedCost',
  'communeCode',
  'territoryCode',
  'theme',
  'imageUrl',
  'coAuthors',
  'authorId',
  'authorName',
  'channel',
  'provenance',
  'assignedService',
  'analysis',
  'decisionReason',
  'mergedIntoId',
  'isWinner',
  'commentsCount',
  'followUpStatus',
  'milestones',
  'deliveredAt',
  'createdAt',
];

const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v)));
const json = <T>(v: unknown, fallback: T): T => {
  if (v === null || v === undefined) return fallback;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    return fallback;
  }
};

/** The cost a project is voted and funded at: the one the analysis revised, else the author's estimate. */
export const costOf = (p: Pick<BudgetProject, 'revisedCost' | 'estimatedCost'>) => p.revisedCost ?? p.estimatedCost;

/** Typed records in and out of the budget tables. */
export function budgetsRepository(strapi: Core.Strapi) {
  const processes = rowsOf(strapi, 'plugin::participation.budget-process');
  const projects = rowsOf(strapi, 'plugin::participation.budget-project');
  const ballots = rowsOf(strapi, 'plugin::participation.budget-ballot');
  const choices = rowsOf(strapi, 'plugin::participation.budget-choice');
  const events = rowsOf(strapi, 'plugin::participation.budget-event');
  const knex = () => strapi.db.connection;

  const toProcess = (r: Record<string, unknown>): BudgetProcess => ({
    ...(r as unknown as BudgetProcess),
    id: Number(r.id),
    filingOpensAt: date(r.filingOpensAt)!,
    filingClosesAt: date(r.filingClosesAt)!,
    voteOpensAt: date(r.voteOpensAt)!,
    voteClosesAt: date(r.voteClosesAt)!,
    followUpAt: date(r.followUpAt),
    settings: budgetSettings.parse(json(r.settings, {})),
    results: json<BudgetResults | null>(r.results, null),
    resultsComputedAt: date(r.resultsComputedAt),
    updatedAt: date(r.updatedAt)!,
  });
  const toProject = (r: Record<string, unknown>): BudgetProject => ({
    ...(r as unknown as BudgetProject),
    id: Number(r.id),
    processId: Number(r.processId),
    estimatedCost: Number(r.estimatedCost),
    revisedCost: r.revisedCost === null || r.revisedCost === undefined ? null : Number(r.revisedCost),
    mergedIntoId: r.mergedIntoId === null || r.mergedIntoId === undefined ? null : Number(r.mergedIntoId),
    authorId: r.authorId === null || r.authorId === undefined ? null : Number(r.authorId),
    coAuthors: json<string[]>(r.coAuthors, []),
    milestones: json(r.milestones, []),
    isWinner: isTrue(r.isWinner),
    commentsCount: Number(r.commentsCount ?? 0),
    deliveredAt: r.deliveredAt ? String(r.deliveredAt).slice(0, 10) : null,
    createdAt: date(r.createdAt)!,
  });

  const processQuery = (db: Db) => db(processes.table).select(processes.select(PROCESS_ATTRS));
  const projectQuery = (db: Db) => db(projects.table).select({ ...projects.select(PROJECT_ATTRS), status: projects.column('projectStatus') });

  return {
    processes,
    projects,
    ballots,
    choices,
    events,
    toProcess,
    toProject,
    processQuery,
    projectQuery,

    async processBy(where: { slug?: string; documentId?: string; id?: number }, db: Db = knex()): Promise<BudgetProcess | null> {
      const q = processQuery(db);
      for (const [k, v] of Object.entries(where)) if (v !== undefined) q.where(processes.column(k), v);
      const row = await q.first();
      return row ? toProcess(row) : null;
    },

    /** The declaration a voter made with their ballot on the process `slug` (to change the vote without typing it again). */
    async declarationOf(slug: string, voterKey: string): Promise<{ fullName: string; birthDate: string; communeCode: string; link: string } | null> {
      const row = (await knex()({ b: ballots.table })
        .join({ p: processes.table }, `p.${processes.column('id')}`, `b.${ballots.column('processId')}`)
        .select({
          fullName: `b.${ballots.column('declaredName')}`,
          birthDate: `b.${ballots.column('declaredBirthDate')}`,
          communeCode: `b.${ballots.column('declaredCommune')}`,
          link: `b.${ballots.column('declaredLink')}`,
        })
        .where(`p.${processes.column('slug')}`, slug)
        .where(`b.${ballots.column('voterKey')}`, voterKey)
        .first()) as Record<string, unknown> | undefined;
      if (!row || !row.fullName || !row.birthDate || !row.communeCode || !row.link) return null;
      return { fullName: String(row.fullName), birthDate: String(row.birthDate), communeCode: String(row.communeCode), link: String(row.link) };
    },

    /** A process by slug, with the channel of a ballot that `identityKey` cast under another voter key, if any: one query. */
    async processWithOtherBallot(slug: string, identityKey: string, voterKey: string): Promise<{ process: BudgetProcess; otherChannel: string | null } | null> {
      const db = knex();
      const row = (await db({ p: processes.table })
        .select(processes.select(PROCESS_ATTRS, 'p'))
        .select({ otherChannel: `o.${ballots.column('channel')}` })
        .leftJoin({ o: ballots.table }, (on) =>
          on
            .on(`o.${ballots.column('processId')}`, `p.${processes.column('id')}`)
            .andOn(`o.${ballots.column('identityKey')}`, db.raw('?', [identityKey]))
            .andOn(`o.${ballots.column('voterKey')}`, '<>', db.raw('?', [voterKey]))
        )
        .where(`p.${processes.column('slug')}`, slug)
        .first()) as Record<string, unknown> | undefined;
      return row ? { process: toProcess(row), otherChannel: (row.otherChannel as string | null) ?? null } : null;
    },

    async projectBy(where: { documentId?: string; id?: number }, db: Db = knex()): Promise<BudgetProject | null> {
      const q = projectQuery(db);
      for (const [k, v] of Object.entries(where)) if (v !== undefined) q.where(projects.column(k), v);
      const row = await q.first();
      return row ? toProject(row) : null;
    },

    async projectsOf(processId: number, statuses: ProjectStatus[] | null, db: Db = knex()): Promise<BudgetProject[]> {
      const q = projectQuery(db).where(projects.column('processId'), processId);
      if (statuses) q.whereIn(projects.column('projectStatus'), statuses);
      return ((await q.orderBy(projects.column('createdAt')).orderBy(projects.column('id'))) as Record<string, unknown>[]).map(toProject);
    },

    /** Appends to the history; an event whose key is already recorded is ignored (false). */
    async record(
      db: Db,
      event: { processId: number; projectId?: number | null; kind: string; eventKey?: string; reason?: string | null; actorName?: string | null },
      at: Date
    ) {
      const key = event.eventKey ?? `${event.processId}:${event.projectId ?? ''}:${event.kind}:${at.getTime()}:${Math.random().toString(36).slice(2, 10)}`;
      const inserted = (await db(events.table)
        .insert(
          events.newRow(
            {
              processId: event.processId,
              projectId: event.projectId ?? null,
              eventKey: key,
              kind: event.kind,
              reason: event.reason ?? null,
              actorName: event.actorName ?? null,
              at,
            },
            at
          )
        )
        .onConflict(events.column('eventKey'))
        .ignore()
        .returning([events.column('id')])) as unknown[];
      return inserted.length > 0;
    },

    async history(processId: number, projectId?: number) {
      const q = knex()(events.table)
        .select(events.select(['projectId', 'kind', 'reason', 'actorName', 'at']))
        .where(events.column('processId'), processId);
      if (projectId !== undefined) q.where(events.column('projectId'), projectId);
      const rows = (await q.orderBy([events.column('at'), events.column('id')])) as Record<string, unknown>[];
      return rows.map((r) => ({
        projectId: r.projectId === null ? null : Number(r.projectId),
        kind: String(r.kind),
        reason: (r.reason as string) ?? null,
        actorName: (r.actorName as string) ?? null,
        at: date(r.at)!,
      }));
    },

    /**
     * Votes per project, by channel and by the voter's territory: the choices of the version in force of each counted
     * ballot (a change writes a new version; choices of an earlier one never count, even before they are cleaned up).
     */
    async votes(processId: number, db: Db = knex()) {
      const rows = (await db({ c: choices.table })
        .join({ b: ballots.table }, (on) =>
          on.on(`b.${ballots.column('id')}`, `c.${choices.column('ballotId')}`).andOn(`b.${ballots.column('version')}`, `c.${choices.column('version')}`)
        )
        .select({ projectId: `c.${choices.column('projectId')}`, channel: `c.${choices.column('channel')}`, territory: `c.${choices.column('territoryCode')}` })
        .count({ n: '*' })
        .where(`c.${choices.column('processId')}`, processId)
        .where(`b.${ballots.column('ballotStatus')}`, 'counted')
        .groupBy(`c.${choices.column('projectId')}`, `c.${choices.column('channel')}`, `c.${choices.column('territoryCode')}`)) as {
        projectId: number;
        channel: 'web' | 'paper';
        territory: string | null;
        n: number | string;
      }[];
      const byProject = new Map<number, { total: number; web: number; paper: number; byTerritory: Record<string, number> }>();
      for (const r of rows) {
        const entry = byProject.get(Number(r.projectId)) ?? { total: 0, web: 0, paper: 0, byTerritory: {} };
        const n = Number(r.n);
        entry.total += n;
        entry[r.channel] += n;
        const key = r.territory ?? 'hors-regroupement';
        entry.byTerritory[key] = (entry.byTerritory[key] ?? 0) + n;
        byProject.set(Number(r.projectId), entry);
      }
      return byProject;
    },

    /** Counted ballots by channel (paper voters count as participants), blank ones, and rejected paper ballots. */
    async participation(processId: number, db: Db = knex()) {
      const rows = (await db(ballots.table)
        .select({ channel: ballots.column('channel'), status: ballots.column('ballotStatus'), blank: ballots.column('blank') })
        .count({ n: '*' })
        .where(ballots.column('processId'), processId)
        .groupBy(ballots.column('channel'), ballots.column('ballotStatus'), ballots.column('blank'))) as {
        channel: 'web' | 'paper';
        status: string;
        blank: unknown;
        n: number | string;
      }[];
      const result = { web: 0, paper: 0, blank: 0, total: 0, rejectedPaperBallots: 0 };
      for (const r of rows) {
        const n = Number(r.n);
        if (r.status === 'rejected') {
          result.rejectedPaperBallots += n;
          continue;
        }
        result[r.channel] += n;
        result.total += n;
        if (isTrue(r.blank)) result.blank += n;
      }
      return result;
    },
  };
}
