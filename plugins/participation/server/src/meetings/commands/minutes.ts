import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { fail, notFound } from '../../platform/errors';
import { transaction } from '../../platform/database/transaction';
import { meetingPage } from '../../platform/links';
import { getService } from '../../platform/services';
import { MEETING_MAIL_EVENT, minutesMail } from '../domain/mails';
import { minutesReadRefusal, proposalRefusal, remarkRefusal, remarksWindow, stateAt, type RemarksWindow } from '../domain/rules';
import { meetingsRepository, type Meeting, type Remark } from '../repository';

/**
 * The minutes' journey after the meeting: proposed to the people who held a place, who may each send one remark
 * (and change or withdraw it) until the end of the period; then published with the remarks received (those staff
 * withhold are said to be, with the reason). Issue: what Decidim's users asked for and never got.
 */

const DAY_MS = 86_400_000;

export const windowOf = (m: Meeting, now: Date): RemarksWindow =>
  remarksWindow({ minutesProposedAt: m.report.minutesProposedAt, remarksUntil: m.report.remarksUntil, publishedAt: m.report.publishedAt }, now);

/** What a registrant reads and sends: the proposed minutes, the deadline, and their own remark. */
export type MinutesView = {
  minutes: string;
  remarksUntil: string;
  open: boolean;
  remark: { body: string; sentAt: string; updatedAt: string; withheld: boolean } | null;
};

const remarkView = (r: Remark | null): MinutesView['remark'] =>
  r ? { body: r.body, sentAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), withheld: r.status === 'withheld' } : null;

/**
 * Proposes the minutes to the registrants for `days` days: once (a conditional update, whatever the instances), after
 * the meeting, before the report is published; each person who held a place with an account is told by mail.
 */
export async function proposeMinutes(strapi: Core.Strapi, documentId: string, days: number, now = new Date()): Promise<{ mails: number }> {
  const repo = meetingsRepository(strapi);
  const m = await repo.meetingBy({ documentId });
  if (!m) throw notFound('Réunion introuvable.');
  const refusal = proposalRefusal(stateAt(m, now), {
    minutes: m.report.minutes,
    publishedAt: m.report.publishedAt,
    minutesProposedAt: m.report.minutesProposedAt,
  });
  if (refusal) throw fail(refusal);
  const until = new Date(now.getTime() + days * DAY_MS);
  return transaction(strapi, async (trx) => {
    if (!(await repo.proposeMinutes(trx, m.id, now, until))) throw fail('minutes_already_proposed');
    const to = await repo.recipients(trx, m.id, ['registered'], true);
    const page = meetingPage(strapi, m.slug);
    await getService(strapi, 'outbox').enqueueMails(
      trx,
      to.map((t) => ({
        event: MEETING_MAIL_EVENT,
        eventId: `meeting:${m.documentId}:minutes:${t.registrationId}`,
        to: t.email,
        ...minutesMail(m, until, page),
      })),
      now
    );
    return { mails: to.length };
  });
}

/** The meeting by slug (or documentId) with the viewer's registration, and why they may not send a remark now. */
async function forRegistrant(strapi: Core.Strapi, slug: string, citizen: Citizen, now: Date) {
  const found = await meetingsRepository(strapi).meetingWithRegistration(slug, citizen.id);
  if (!found || found.meeting.status === 'draft') throw notFound('Réunion introuvable.');
  const window = windowOf(found.meeting, now);
  const status = found.registration?.status ?? null;
  return { meeting: found.meeting, window, refusal: remarkRefusal(window, status), readRefusal: minutesReadRefusal(window, status) };
}

/** The proposed minutes as a registrant reads them, with their remark: while open, and after (until publication). */
export async function minutesFor(strapi: Core.Strapi, slug: string, citizen: Citizen, now = new Date()): Promise<MinutesView> {
  const { meeting: m, window, readRefusal } = await forRegistrant(strapi, slug, citizen, now);
  // Reading outlasts the period (until publication makes it public); only sending needs it open.
  if (readRefusal) throw fail(readRefusal);
  return {
    minutes: m.report.minutes ?? '',
    remarksUntil: m.report.remarksUntil!.toISOString(),
    open: window === 'open',
    remark: remarkView(await meetingsRepository(strapi).remarkOf(m.id, citizen.id)),
  };
}

/** Sends (or replaces) the registrant's remark: one per person, enforced by the database. */
export async function sendRemark(strapi: Core.Strapi, slug: string, citizen: Citizen, body: string, now = new Date()): Promise<MinutesView> {
  const { meeting: m, refusal } = await forRegistrant(strapi, slug, citizen, now);
  if (refusal) throw fail(refusal);
  const remark = await meetingsRepository(strapi).saveRemark(m.id, citizen.id, body.trim(), now);
  return { minutes: m.report.minutes ?? '', remarksUntil: m.report.remarksUntil!.toISOString(), open: true, remark: remarkView(remark) };
}

/** Withdraws the registrant's remark while the period is open. */
export async function withdrawRemark(strapi: Core.Strapi, slug: string, citizen: Citizen, now = new Date()): Promise<MinutesView> {
  const { meeting: m, refusal } = await forRegistrant(strapi, slug, citizen, now);
  if (refusal) throw fail(refusal);
  if (!(await meetingsRepository(strapi).deleteRemark(m.id, citizen.id))) throw notFound('Vous n’avez pas envoyé de remarque.');
  return { minutes: m.report.minutes ?? '', remarksUntil: m.report.remarksUntil!.toISOString(), open: true, remark: null };
}

/** Staff withhold a remark from publication (the reason is published in its place), or give it back. */
export async function moderateRemark(strapi: Core.Strapi, documentId: string, remarkId: number, input: { withheld: boolean; reason?: string | null }) {
  const repo = meetingsRepository(strapi);
  const m = await repo.meetingBy({ documentId });
  if (!m) throw notFound('Réunion introuvable.');
  const done = await repo.setRemarkStatus(m.id, remarkId, input.withheld ? 'withheld' : 'received', input.withheld ? (input.reason ?? null) : null, new Date());
  if (!done) throw notFound('Remarque introuvable.');
}
