import type { Core } from '@strapi/strapi';
import type { Citizen } from '../platform/citizen';
import { cancelMine, checkIn, invite, mine, register, sendReminders, type InvitationInput, type RegistrationInput } from './commands/register';
import { saveReport } from './commands/report';
import { enterRoomContribution, type RoomContributionInput } from './commands/contributions';
import { minutesFor, moderateRemark, proposeMinutes, sendRemark, withdrawRemark } from './commands/minutes';
import { cancelMeeting, copyMeeting, saveMeeting, type MeetingInput } from './commands/save';
import { REMINDER_AHEAD_MS } from './domain/rules';
import { exportRegistrants } from './export';

/** Meetings, as the controllers and the scheduler call them: a façade over the use cases (commands/). Reads: queries.ts. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  register: (slug: string, citizen: Citizen, input: RegistrationInput) => register(strapi, slug, citizen, input),
  cancelMine: (slug: string, citizen: Citizen) => cancelMine(strapi, slug, citizen),
  mine: (slug: string, citizen: Citizen) => mine(strapi, slug, citizen),
  save: (documentId: string | null, input: MeetingInput) => saveMeeting(strapi, documentId, input),
  cancelMeeting: (documentId: string, input: { reason: string }) => cancelMeeting(strapi, documentId, input),
  copy: (documentId: string) => copyMeeting(strapi, documentId),
  saveReport: (documentId: string, input: Parameters<typeof saveReport>[2]) => saveReport(strapi, documentId, input),
  proposeMinutes: (documentId: string, days: number, now?: Date) => proposeMinutes(strapi, documentId, days, now),
  minutesFor: (slug: string, citizen: Citizen) => minutesFor(strapi, slug, citizen),
  sendRemark: (slug: string, citizen: Citizen, body: string, now?: Date) => sendRemark(strapi, slug, citizen, body, now),
  withdrawRemark: (slug: string, citizen: Citizen) => withdrawRemark(strapi, slug, citizen),
  moderateRemark: (documentId: string, remarkId: number, input: { withheld: boolean; reason?: string | null }) =>
    moderateRemark(strapi, documentId, remarkId, input),
  enterContribution: (documentId: string, agent: { id: number }, input: RoomContributionInput) => enterRoomContribution(strapi, documentId, agent, input),
  invite: (documentId: string, input: InvitationInput) => invite(strapi, documentId, input),
  checkIn: (documentId: string, code: string, actor: { name: string }, at?: string) => checkIn(strapi, documentId, code, actor, at),
  exportRegistrants: (documentId: string, format: 'csv' | 'xlsx', actor: { id: number; name: string }) => exportRegistrants(strapi, documentId, format, actor),
  /** The day-before reminders due now (the scheduler's task; once per meeting across instances). */
  remind: (now = new Date()) => sendReminders(strapi, now, REMINDER_AHEAD_MS),
});
