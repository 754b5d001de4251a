import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { insertWhere, pgColumnTypes, whereSearchKey } from '../platform/database/columns';
import { fromJson, isTrue, rowsOf, type Db } from '../platform/database/rows';
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

/** The cost a project is voted and funded at: the one the analysis revised, else the author's estimate. */
export const costOf = (p: Pick<BudgetProject, 'revisedCost' | 'estimatedCost'>) => p.revisedCost ?? p.estimatedCost;

/** Typed records in and out of the budget tables: the only place they are read or written (knex and raw SQL alike). */
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
    settings: budgetSettings.parse(fromJson(r.settings, {})),
    results: fromJson<BudgetResults | null>(r.results, null),
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
    coAuthors: fromJson<string[]>(r.coAuthors, []),
    milestones: fromJson(r.milestones, []),
    isWinner: isTrue(r.isWinner),
    commentsCount: Number(r.commentsCount ?? 0),
    deliveredAt: r.deliveredAt ? String(r.deliveredAt).slice(0, 10) : null,
    createdAt: date(r.createdAt)!,
  });

  const processQuery = (db: Db) => db(processes.table).select(processes.select(PROCESS_ATTRS));
  const projectQuery = (db: Db) => db(projects.table).select({ ...projects.select(PROJECT_ATTRS), status: projects.column('projectStatus') });

  // The tables stay in here: the rest of the capability reads and writes budgets through the methods below.
  return {
    /** Every process, the newest vote first. */
    async allProcesses(): Promise<BudgetProcess[]> {
      return ((await processQuery(knex()).orderBy(processes.column('voteOpensAt'), 'desc')) as Record<string, unknown>[]).map(toProcess);
    },

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

    /** A process's projects of the given statuses, narrowed by place (the commune or its voting territory), theme, winners and words. */
    async projectsMatching(
      processId: number,
      filters: { statuses: readonly ProjectStatus[]; territory?: string; theme?: string; winners?: boolean; q?: string }
    ): Promise<BudgetProject[]> {
      const base = knex()(projects.table)
        .where(projects.column('processId'), processId)
        .whereIn(projects.column('projectStatus'), filters.statuses.length ? filters.statuses : ['none']);
      if (filters.territory)
        base.where((w) => w.where(projects.column('territoryCode'), filters.territory!).orWhere(projects.column('communeCode'), filters.territory!));
      if (filters.theme) base.where(projects.column('theme'), filters.theme);
      if (filters.winners) base.where(projects.column('isWinner'), true);
      if (filters.q) whereSearchKey(base, projects.column('searchKey'), filters.q);
      return ((await projectQuery(knex()).whereIn(projects.column('id'), base.clone().select(projects.column('id')))) as Record<string, unknown>[]).map(
        toProject
      );
    },

    /** The projects of the given statuses located in the given communes (a list, or a subquery of codes), across processes. */
    async projectsInCommunes(statuses: readonly ProjectStatus[], communes: Knex.QueryBuilder | string[]): Promise<BudgetProject[]> {
      const base = knex()(projects.table).whereIn(projects.column('projectStatus'), statuses).whereIn(projects.column('communeCode'), communes);
      return ((await projectQuery(knex()).whereIn(projects.column('id'), base.select(projects.column('id')))) as Record<string, unknown>[]).map(toProject);
    },

    async processesByIds(ids: number[]): Promise<BudgetProcess[]> {
      if (!ids.length) return [];
      return ((await processQuery(knex()).whereIn(processes.column('id'), ids)) as Record<string, unknown>[]).map(toProcess);
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

    /** A new process (its first stage `upcoming`). */
    async insertProcess(fields: Record<string, unknown>, now: Date) {
      await knex()(processes.table).insert(processes.newRow({ ...fields, stage: 'upcoming' }, now));
    },

    /** Updates a process, only while it is still at `expectedStage` when given: the number of rows changed (0 or 1). */
    async updateProcess(processId: number, fields: Record<string, unknown>, expectedStage?: Stage, db: Db = knex()) {
      const q = db(processes.table).where(processes.column('id'), processId);
      if (expectedStage) q.where(processes.column('stage'), expectedStage);
      return Number(await q.update(processes.toColumns(fields)));
    },

    /** A new project: its id. */
    async insertProject(db: Db, fields: Record<string, unknown>, now: Date) {
      const [inserted] = (await db(projects.table)
        .insert(projects.newRow(fields, now))
        .returning([projects.column('id')])) as Record<string, unknown>[];
      return Number(inserted[projects.column('id')]);
    },

    /** Updates a project, only while its status is still `expectedStatus` when given: the number of rows changed (0 or 1). */
    async updateProject(db: Db, projectId: number, fields: Record<string, unknown>, expectedStatus?: ProjectStatus) {
      const q = db(projects.table).where(projects.column('id'), projectId);
      if (expectedStatus) q.where(projects.column('projectStatus'), expectedStatus);
      return Number(await q.update(projects.toColumns(fields)));
    },

    /** A comment published on a project: its count moves with it. */
    async countComment(db: Db, projectId: number) {
      await db(projects.table).where(projects.column('id'), projectId).increment(projects.column('commentsCount'), 1);
    },

    /** The winners of a process, as its results name them (the others lose the flag); a winner's follow-up starts `planned`. */
    async setWinners(db: Db, processId: number, winnerDocumentIds: string[]) {
      await db(projects.table)
        .where(projects.column('processId'), processId)
        .update({ [projects.column('isWinner')]: false });
      if (winnerDocumentIds.length)
        await db(projects.table)
          .whereIn(projects.column('documentId'), winnerDocumentIds)
          .update(projects.toColumns({ isWinner: true, followUpStatus: 'planned' }));
    },

    /* Ballots and their choices: the only place their tables are written. */

    /** On PostgreSQL a web ballot is written in one statement (writeBallotInOneStatement); elsewhere in a transaction. */
    ballotInOneStatement: strapi.db.dialect.client === 'postgres',

    /**
     * On PostgreSQL, the ballot, its old choices removed and its new ones in one statement (atomic as any statement),
     * written only while the vote is open by the database's clock. Each change makes a new version of the ballot (taken
     * on the row the update locks, so two changes at once by the same voter get two versions) and its choices carry it:
     * only the version in force counts, so choices a concurrent change could not see to remove never count. `open`
     * takes a share lock on the process row: the results, computed when the stage moves on (an update of that row),
     * wait for a ballot in flight and count it. Null when the vote has closed meanwhile.
     */
    async writeBallotInOneStatement(
      ballot: Record<string, unknown> & { processId: number },
      changed: Record<string, unknown>,
      projectIds: number[],
      territoryCode: string | null,
      now: Date
    ): Promise<{ id: number; receipt: string } | null> {
      const db = knex();
      const b = ballots;
      const c = choices;
      const p = processes;
      const updated = Object.keys(b.toColumns(changed));
      const insert = insertWhere(await pgColumnTypes(db, b.table), b.newRow({ ...ballot, version: 1 }, now), 'open');
      const { rows } = (await db.raw(
        `WITH open AS (SELECT 1 FROM ?? WHERE ?? = ? AND ?? <= now() AND ?? > now() FOR SHARE),
     upserted AS (
       INSERT INTO ?? ${insert.sql} ON CONFLICT (??, ??) DO UPDATE SET ${updated.map(() => '?? = EXCLUDED.??').join(', ')}, ?? = ??.?? + 1
       RETURNING ??, ??, ??),
     removed AS (DELETE FROM ?? WHERE ?? = (SELECT ?? FROM upserted) AND ?? < (SELECT ?? FROM upserted) RETURNING 1),
     added AS (
       INSERT INTO ?? (??, ??, ??, ??, ??, ??, ??, ??, ??, ??)
       SELECT md5(random()::text || clock_timestamp()::text || p::text), now(), now(), now(), ?::int, u.??, u.??, p, 'web', ?::varchar
       FROM upserted u CROSS JOIN unnest(?::int[]) AS p RETURNING 1)
     SELECT (SELECT ?? FROM upserted) AS id, (SELECT ?? FROM upserted) AS receipt, (SELECT COUNT(*) FROM added) AS added, (SELECT COUNT(*) FROM removed) AS removed`,
        [
          p.table,
          p.column('id'),
          ballot.processId,
          p.column('voteOpensAt'),
          p.column('voteClosesAt'),
          b.table,
          ...insert.bindings,
          b.column('processId'),
          b.column('voterKey'),
          ...updated.flatMap((col) => [col, col]),
          b.column('version'),
          b.table,
          b.column('version'),
          b.column('id'),
          b.column('receipt'),
          b.column('version'),
          c.table,
          c.column('ballotId'),
          b.column('id'),
          c.column('version'),
          b.column('version'),
          c.table,
          'document_id',
          'created_at',
          'updated_at',
          'published_at',
          c.column('processId'),
          c.column('ballotId'),
          c.column('version'),
          c.column('projectId'),
          c.column('channel'),
          c.column('territoryCode'),
          ballot.processId,
          b.column('id'),
          b.column('version'),
          territoryCode,
          projectIds,
          b.column('id'),
          b.column('receipt'),
        ] as Knex.RawBinding[]
      )) as { rows: { id: unknown; receipt: unknown }[] };
      return rows[0]?.id === null || rows[0]?.id === undefined ? null : { id: Number(rows[0].id), receipt: String(rows[0].receipt) };
    },

    /** A web ballot inserted, or the voter's replaced (`changed` and a new version): its id, receipt and version. */
    async upsertWebBallot(trx: Knex.Transaction, ballot: Record<string, unknown>, changed: Record<string, unknown>, now: Date) {
      const [inserted] = (await trx(ballots.table)
        .insert(ballots.newRow({ ...ballot, version: 1 }, now))
        .onConflict([ballots.column('processId'), ballots.column('voterKey')])
        .merge({ ...ballots.toColumns(changed), [ballots.column('version')]: trx.raw('?? + 1', [`${ballots.table}.${ballots.column('version')}`]) })
        .returning([ballots.column('id'), ballots.column('receipt'), ballots.column('version')])) as Record<string, unknown>[];
      return {
        id: Number(inserted[ballots.column('id')]),
        receipt: String(inserted[ballots.column('receipt')]),
        version: Number(inserted[ballots.column('version')]),
      };
    },

    /** A paper ballot, counted or rejected (first version): its id and version. */
    async insertPaperBallot(ballot: Record<string, unknown>, now: Date, db: Db = knex()) {
      const [inserted] = (await db(ballots.table)
        .insert(ballots.newRow({ ...ballot, version: 1 }, now))
        .returning([ballots.column('id')])) as Record<string, unknown>[];
      return { id: Number(inserted[ballots.column('id')]), version: 1 };
    },

    /** The choices of a ballot's version, the earlier versions' removed (in the ballot's transaction). */
    async replaceChoices(
      trx: Knex.Transaction,
      processId: number,
      ballot: { id: number; version: number },
      projectIds: number[],
      channel: 'web' | 'paper',
      territoryCode: string | null,
      now: Date
    ) {
      await trx(choices.table).where(choices.column('ballotId'), ballot.id).where(choices.column('version'), '<', ballot.version).delete();
      if (projectIds.length)
        await trx(choices.table).insert(
          projectIds.map((projectId) => choices.newRow({ processId, ballotId: ballot.id, version: ballot.version, projectId, channel, territoryCode }, now))
        );
    },

    /** The channel of the ballot a declared person cast on a process, if any. */
    async ballotChannelOf(processId: number, identityKey: string): Promise<string | null> {
      const row = (await knex()(ballots.table)
        .select({ channel: ballots.column('channel') })
        .where(ballots.column('processId'), processId)
        .where(ballots.column('identityKey'), identityKey)
        .first()) as { channel: string } | undefined;
      return row?.channel ?? null;
    },

    /** The ballot a voter cast on a process, as they may see it again. */
    async webBallotOf(processId: number, voterKey: string): Promise<{ receipt: string; blank: boolean; choices: string[]; updatedAt: Date } | null> {
      const row = (await knex()(ballots.table)
        .select(ballots.select(['receipt', 'blank', 'choices', 'updatedAt']))
        .where(ballots.column('processId'), processId)
        .where(ballots.column('voterKey'), voterKey)
        .first()) as Record<string, unknown> | undefined;
      if (!row) return null;
      return { receipt: String(row.receipt), blank: isTrue(row.blank), choices: fromJson<string[]>(row.choices, []), updatedAt: date(row.updatedAt)! };
    },

    /** An account's ballots, its declaration included, as `/me/export` gives them back. */
    async ballotsForExport(userId: number) {
      const rows = (await knex()(ballots.table)
        .select(ballots.select(['declaredName', 'declaredBirthDate', 'declaredCommune', 'declaredLink', 'blank', 'choices', 'receipt', 'updatedAt']))
        .where(ballots.column('userId'), userId)) as Record<string, unknown>[];
      return rows.map((x) => ({
        declaration: {
          fullName: String(x.declaredName ?? ''),
          birthDate: String(x.declaredBirthDate ?? ''),
          communeCode: String(x.declaredCommune ?? ''),
          link: String(x.declaredLink ?? ''),
        },
        blank: isTrue(x.blank),
        choices: fromJson<string[]>(x.choices, []),
        receipt: String(x.receipt),
        updatedAt: date(x.updatedAt)!,
      }));
    },

    /** The projects an account filed, as `/me/export` gives them back. */
    async projectsOfAuthor(userId: number) {
      const rows = (await knex()(projects.table)
        .select(projects.select(['title', 'description', 'estimatedCost', 'communeCode', 'createdAt']))
        .where(projects.column('authorId'), userId)) as Record<string, unknown>[];
      return rows.map((x) => ({
        title: String(x.title),
        description: String(x.description),
        estimatedCost: Number(x.estimatedCost),
        communeCode: String(x.communeCode),
        createdAt: date(x.createdAt)!,
      }));
    },

    /** The ballots an account cast, for its erasure. */
    async ballotsOfUser(trx: Knex.Transaction, userId: number): Promise<{ id: number; processId: number }[]> {
      const rows = (await trx(ballots.table)
        .select({ id: ballots.column('id'), processId: ballots.column('processId') })
        .where(ballots.column('userId'), userId)) as Record<string, unknown>[];
      return rows.map((r) => ({ id: Number(r.id), processId: Number(r.processId) }));
    },

    /** A ballot withdrawn with its choices (its voter's account erased while the vote runs). */
    async deleteBallot(trx: Knex.Transaction, ballotId: number) {
      await trx(choices.table).where(choices.column('ballotId'), ballotId).delete();
      await trx(ballots.table).where(ballots.column('id'), ballotId).delete();
    },

    /** A ballot that stays counted without its voter's account nor declaration. */
    async anonymiseBallot(trx: Knex.Transaction, ballotId: number) {
      await trx(ballots.table)
        .where(ballots.column('id'), ballotId)
        .update({
          [ballots.column('userId')]: null,
          [ballots.column('declaredName')]: null,
          [ballots.column('declaredBirthDate')]: null,
          [ballots.column('voterKey')]: `erased:${ballotId}`,
          [ballots.column('identityKey')]: `erased:${ballotId}`,
        });
    },

    /** The projects an erased account filed stay, under `authorName`. */
    async eraseProjectAuthor(trx: Knex.Transaction, userId: number, authorName: string) {
      await trx(projects.table)
        .where(projects.column('authorId'), userId)
        .update(projects.toColumns({ authorId: null, authorName }));
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
