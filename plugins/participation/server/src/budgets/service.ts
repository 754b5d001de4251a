import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { csvText } from '../platform/csv';
import type { Citizen } from '../platform/citizen';
import { notFound } from '../platform/errors';
import { ERASED_AUTHOR } from '../platform/text';
import { rowsOf } from '../platform/database/rows';
import { getService } from '../platform/services';
import type { StaffActor as Actor } from '../platform/staff';
import { territoryNames } from '../territories/names';
import { decisionNeedsReason, PROJECT_DECISIONS, projectDecisionOutcome, stageAt } from './domain/rules';
import { budgetsRepository, costOf } from './repository';
import { decideProject, type ProjectDecisionInput } from './commands/decide-project';
import { enterPaperProject, fileProject, type ProjectInput } from './commands/file-project';
import { setFollowUp, type FollowUpInput } from './commands/follow-up';
import { runDue } from './commands/run-due';
import { saveProcess, type ProcessInput } from './commands/save-process';
import { commentProject } from './commands/comment';
import { enterPaperBallot, myBallot, vote, type BallotRequest, type PaperBallotInput } from './commands/vote';

/** Participatory budgets: the use cases (commands/), and what staff see in the admin. Public reads: queries.ts. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = () => budgetsRepository(strapi);

  return {
    saveProcess: (documentId: string | null, input: ProcessInput) => saveProcess(strapi, documentId, input),
    fileProject: (slug: string, citizen: Citizen, input: ProjectInput) => fileProject(strapi, slug, citizen, input),
    enterPaperProject: (documentId: string, input: ProjectInput & { authorName: string; provenance: string }, actor: Actor) =>
      enterPaperProject(strapi, documentId, input, actor),
    decideProject: (documentId: string, input: ProjectDecisionInput, actor: Actor) => decideProject(strapi, documentId, input, actor),
    setFollowUp: (documentId: string, input: FollowUpInput, actor: Actor) => setFollowUp(strapi, documentId, input, actor),
    commentProject: (documentId: string, citizen: Citizen, input: { body: string; parent?: string }) => commentProject(strapi, documentId, citizen, input),
    vote: (slug: string, citizen: Citizen, input: BallotRequest) => vote(strapi, slug, citizen, input),
    myBallot: (slug: string, citizen: Citizen) => myBallot(strapi, slug, citizen),
    enterPaperBallot: (documentId: string, input: PaperBallotInput, actor: Actor) => enterPaperBallot(strapi, documentId, input, actor),
    runDue: (now = new Date()) => runDue(strapi, now),

    async adminList(now = new Date()) {
      const all = (
        (await repository().processQuery(strapi.db.connection).orderBy(repository().processes.column('voteOpensAt'), 'desc')) as Record<string, unknown>[]
      ).map(repository().toProcess);
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
    },

    /**
     * One process as staff see it: every project (under moderation included) with its analysis, ballots by channel,
     * and vote counts — only once the vote is closed, unless the settings show them live.
     */
    async adminDetail(documentId: string, now = new Date()) {
      const r = repository();
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
    },

    /** The results as a spreadsheet for the committee: each admissible project, its cost, votes by channel, winner or not. */
    async exportResults(documentId: string) {
      const process = await repository().processBy({ documentId });
      if (!process) throw notFound('Budget participatif introuvable.');
      const rows = await getService(strapi, 'budget-reads').openDataRows(process.slug);
      return { csv: openDataCsv(rows), filename: `resultats-${process.slug}.csv` };
    },

    /**
     * An erased account: its ballot on a vote still open is withdrawn (nobody stands behind it any more); on a closed
     * vote it stays counted without the declaration. Its projects stay, under an erased author.
     */
    async eraseCitizen(trx: Knex.Transaction, userId: number, now = new Date()) {
      const r = repository();
      const b = r.ballots;
      const c = r.choices;
      const ballots = (await trx(b.table)
        .select({ id: b.column('id'), processId: b.column('processId') })
        .where(b.column('userId'), userId)) as { id: number; processId: number }[];
      for (const ballot of ballots) {
        const process = await r.processBy({ id: Number(ballot.processId) }, trx);
        if (process && stageAt(process, now) === 'vote') {
          await trx(c.table).where(c.column('ballotId'), ballot.id).delete();
          await trx(b.table).where(b.column('id'), ballot.id).delete();
        } else {
          await trx(b.table)
            .where(b.column('id'), ballot.id)
            .update({
              [b.column('userId')]: null,
              [b.column('declaredName')]: null,
              [b.column('declaredBirthDate')]: null,
              [b.column('voterKey')]: `erased:${ballot.id}`,
              [b.column('identityKey')]: `erased:${ballot.id}`,
            });
        }
      }
      const p = rowsOf(strapi, 'plugin::participation.budget-project');
      await trx(p.table)
        .where(p.column('authorId'), userId)
        .update(p.toColumns({ authorId: null, authorName: ERASED_AUTHOR }));
    },
  };
};

export const OPEN_DATA_COLUMNS = [
  'projet_id',
  'titre',
  'cout_euros',
  'territoire_projet',
  'territoire_votant',
  'voix',
  'voix_en_ligne',
  'voix_papier',
  'laureat',
  'depose_le',
];
export const openDataCsv = (rows: (string | number)[][]) => csvText(OPEN_DATA_COLUMNS, rows);
