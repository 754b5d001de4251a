import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Citizen } from '../platform/citizen';
import type { StaffActor as Actor } from '../platform/staff';
import { adminDetail, adminList, exportResults } from './admin-queries';
import { decideProject, type ProjectDecisionInput } from './commands/decide-project';
import { enterPaperProject, fileProject, type ProjectInput } from './commands/file-project';
import { setFollowUp, type FollowUpInput } from './commands/follow-up';
import { runDue } from './commands/run-due';
import { saveProcess, type ProcessInput } from './commands/save-process';
import { commentProject } from './commands/comment';
import { enterPaperBallot, myBallot, vote, type BallotRequest, type PaperBallotInput } from './commands/vote';
import { eraseCitizen } from './commands/erase';

/** Participatory budgets, as the other capabilities and the controllers call them: a façade over the use cases (commands/) and the staff's reads (admin-queries.ts). Public reads: queries.ts. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
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

    adminList: (now = new Date()) => adminList(strapi, now),
    adminDetail: (documentId: string, now = new Date()) => adminDetail(strapi, documentId, now),
    exportResults: (documentId: string) => exportResults(strapi, documentId),

    eraseCitizen: (trx: Knex.Transaction, userId: number, now = new Date()) => eraseCitizen(strapi, trx, userId, now),
  };
};
