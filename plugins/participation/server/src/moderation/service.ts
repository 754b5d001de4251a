import type { Core } from '@strapi/strapi';
import type { Citizen } from '../platform/citizen';
import { consultationTitles } from '../consultations/public';
import type { Decision, TargetType } from './domain/moderation';
import type { Knex } from 'knex';
import { answerContribution, answerContributions, releaseHeldAnswers, type Answer } from './commands/answer';
import { decideMany } from './commands/decide';
import { assignContribution, assignment } from './commands/assign';
import { reportItem } from './commands/report';
import queries from './queries';
import type { ModerationActor } from './repository';

/** The moderation capability as one Strapi service: its commands and queries. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  ...queries({ strapi }),
  decideMany: (items: { type: TargetType; id: string }[], decision: Decision, reason: string | null, note: string | null, actor: ModerationActor) =>
    decideMany(strapi, items, decision, reason, note, actor),
  report: (type: TargetType, documentId: string, citizen: Citizen, input: { reason: string; details?: string }) =>
    reportItem(strapi, type, documentId, citizen, input),
  answer: (documentId: string, answer: Answer) => answerContribution(strapi, documentId, answer),
  answerMany: (documentIds: string[], answer: Answer) => answerContributions(strapi, documentIds, answer),
  /** Answers held until the results: published with them (called by the consultation's transition, in its transaction). */
  releaseHeldAnswers: (trx: Knex.Transaction, consultationDocumentId: string, at: Date) => releaseHeldAnswers(strapi, trx, consultationDocumentId, at),
  consultationTitles: (documentIds: string[]) => consultationTitles(strapi, documentIds),
  assignment: (documentId: string) => assignment(strapi, documentId),
  assign: (documentId: string, assigneeId: number | null, actor: { id: number | null; name: string }) =>
    assignContribution(strapi, documentId, assigneeId, actor),
});
