import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { citizenEmail, type Citizen } from '../../platform/citizen';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { transaction } from '../../platform/database/transaction';
import { isUniqueViolation } from '../../platform/database/rows';
import { meetingPage } from '../../platform/links';
import { getService } from '../../platform/services';
import { territoryNames } from '../../territories/public';
import { hasAnswered } from '../../questionnaires/public';
import { MEETING_MAIL_EVENT, meetingMail, type MeetingMailKind } from '../domain/mails';
import {
  normaliseCode,
  onlineLinkFor,
  placeFor,
  promotable,
  registrationCode,
  registrationRefusal,
  reservedPlaceFree,
  stateAt,
  type Capacity,
  type RegistrationStatus,
} from '../domain/rules';
import { meetingsRepository, type Meeting, type Registration } from '../repository';

/** How late an offline check-in may be sent once the network is back. */
const CHECK_IN_DELAY_MS = 24 * 3_600_000;

export type RegistrationInput = {
  acceptTerms?: boolean;
  showName?: boolean;
  organisation?: string | null;
  territoryCode?: string | null;
};

export type InvitationInput = { name: string; email?: string | null; organisation?: string | null };

/** What a registrant is told of their registration: its state, place in the waitlist, code, and online link when revealed. */
export type RegistrationView = {
  status: RegistrationStatus;
  position: number | null;
  code: string | null;
  checkedIn: boolean;
  onlineUrl: string | null;
  showName: boolean;
  organisation: string | null;
  registeredAt: string;
};

export const registrationView = (m: Meeting, r: Registration & { position: number | null }): RegistrationView => ({
  status: r.status,
  position: r.status === 'waitlisted' ? r.position : null,
  code: r.status === 'cancelled' ? null : r.code,
  checkedIn: r.checkedInAt !== null,
  onlineUrl: onlineLinkFor(m, r.status),
  showName: r.publicName !== null,
  organisation: r.organisation,
  registeredAt: r.createdAt.toISOString(),
});

/** Mails to registrants, written in the change's transaction (the outbox sends them once it commits), once per event id. */
async function tell(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  m: Meeting,
  kind: MeetingMailKind,
  to: { email: string; code: string; key: string; position?: number | null }[],
  now: Date
) {
  if (!to.length) return;
  const page = meetingPage(strapi, m.slug);
  await getService(strapi, 'outbox').enqueueMails(
    trx,
    to.map((t) => ({ event: MEETING_MAIL_EVENT, eventId: `meeting:${m.documentId}:${kind}:${t.key}`, to: t.email, ...meetingMail(kind, m, t, page) })),
    now
  );
}

/**
 * Fills the places a change freed (a cancellation, a raised capacity) from the waitlist, in queue order, in `trx`
 * (which holds the meeting's lock), and tells each promoted person. Returns the counts as they now are.
 */
export async function refill(strapi: Core.Strapi, trx: Knex.Transaction, m: Meeting, counts: Capacity & { queue: number }, now: Date): Promise<Capacity> {
  const repo = meetingsRepository(strapi);
  const promoted = await repo.promote(trx, m.id, promotable(counts), now);
  const after = { ...counts, registeredCount: counts.registeredCount + promoted.length, waitlistCount: counts.waitlistCount - promoted.length };
  if (promoted.length) {
    const to: { email: string; code: string; key: string }[] = [];
    for (const p of promoted) {
      const email = p.inviteeEmail ?? (await citizenEmail(strapi, trx, p.userId));
      if (email) to.push({ email, code: p.code, key: `${p.id}:${counts.queue}` });
    }
    await tell(strapi, trx, m, 'promoted', to, now);
  }
  return after;
}

/** The published meeting by slug, open to registrations now, and the viewer's registration. */
async function openMeeting(strapi: Core.Strapi, slug: string, userId: number, now: Date) {
  const found = await meetingsRepository(strapi).meetingWithRegistration(slug, userId);
  if (!found || found.meeting.status === 'draft') throw notFound('Réunion introuvable.');
  const refusal = registrationRefusal(stateAt(found.meeting, now), found.meeting);
  if (refusal) throw fail(refusal);
  return found;
}

/**
 * Registers a signed-in person: a place while one is free, else the waitlist (in order), else `meeting_full`. One
 * registration per account (unique index); a person who cancelled may register again, at the end of the queue.
 */
export async function register(strapi: Core.Strapi, slug: string, citizen: Citizen, input: RegistrationInput, now = new Date()): Promise<RegistrationView> {
  const { meeting: m, registration: existing } = await openMeeting(strapi, slug, citizen.id, now);
  if (existing && existing.status !== 'cancelled') throw fail('already_registered');
  if (m.registrationTerms && !input.acceptTerms)
    throw validationFailed([{ path: ['acceptTerms'], message: 'Acceptez les conditions d’inscription pour vous inscrire.' }], 'Inscription incomplète.');
  if (m.registrationQuestionnaireDocumentId && !(await hasAnswered(strapi, m.registrationQuestionnaireDocumentId, citizen.id)))
    throw fail('registration_questions_unanswered');
  if (input.territoryCode && !(await territoryNames(strapi, [input.territoryCode])).has(input.territoryCode))
    throw validationFailed([{ path: ['territoryCode'], message: 'Commune inconnue du département.' }], 'Inscription incomplète.');
  const repo = meetingsRepository(strapi);
  try {
    return await transaction(strapi, async (trx) => {
      const counts = await repo.lock(trx, m.id);
      if (!counts) throw notFound('Réunion introuvable.');
      const mine = await repo.registrationOf(trx, m.id, citizen.id);
      if (mine && mine.status !== 'cancelled') throw fail('already_registered');
      const status = placeFor(counts);
      if (status === 'meeting_full') throw fail('meeting_full');
      const fields = {
        status,
        invited: false,
        queue: counts.queue,
        publicName: input.showName ? citizen.displayName : null,
        organisation: input.organisation ?? null,
        territoryCode: input.territoryCode ?? null,
      };
      let registration: Registration;
      if (mine) {
        await repo.updateRegistration(trx, mine.id, { ...fields, cancelledAt: null }, now);
        registration = { ...mine, ...fields, checkedInAt: null };
      } else {
        const code = registrationCode();
        const id = await repo.insertRegistration(trx, m.id, { ...fields, userId: citizen.id, code }, now);
        registration = { id, userId: citizen.id, code, checkedInAt: null, createdAt: now, ...fields };
      }
      await repo.setCounts(trx, m.id, {
        registeredCount: counts.registeredCount + (status === 'registered' ? 1 : 0),
        invitedCount: counts.invitedCount,
        waitlistCount: counts.waitlistCount + (status === 'waitlisted' ? 1 : 0),
      });
      const position = status === 'waitlisted' ? counts.waitlistCount + 1 : null;
      const email = await citizenEmail(strapi, trx, citizen.id);
      if (email) await tell(strapi, trx, m, status, [{ email, code: registration.code, key: `${registration.id}:${counts.queue}`, position }], now);
      return registrationView(m, { ...registration, position });
    });
  } catch (error) {
    // Two sends at once by the same person: the unique index kept the first.
    if (isUniqueViolation(error)) throw fail('already_registered');
    throw error;
  }
}

/** Cancels a person's own registration (a place or the waitlist); a freed place goes to the first person waiting. */
export async function cancelMine(strapi: Core.Strapi, slug: string, citizen: Citizen, now = new Date()): Promise<RegistrationView> {
  const { meeting: m } = await openMeeting(strapi, slug, citizen.id, now);
  const repo = meetingsRepository(strapi);
  return transaction(strapi, async (trx) => {
    const counts = await repo.lock(trx, m.id);
    const mine = await repo.registrationOf(trx, m.id, citizen.id);
    if (!counts || !mine || mine.status === 'cancelled') throw fail('not_registered');
    await repo.updateRegistration(trx, mine.id, { status: 'cancelled', cancelledAt: now }, now);
    const freed = {
      ...counts,
      registeredCount: counts.registeredCount - (mine.status === 'registered' ? 1 : 0),
      waitlistCount: counts.waitlistCount - (mine.status === 'waitlisted' ? 1 : 0),
    };
    await repo.setCounts(trx, m.id, await refill(strapi, trx, m, freed, now));
    return registrationView(m, { ...mine, status: 'cancelled', position: null });
  });
}

/** The person's registration to a meeting (null when they never registered). */
export async function mine(strapi: Core.Strapi, slug: string, citizen: Citizen): Promise<RegistrationView | null> {
  const found = await meetingsRepository(strapi).meetingWithRegistration(slug, citizen.id);
  if (!found || found.meeting.status === 'draft') throw notFound('Réunion introuvable.');
  return found.registration ? registrationView(found.meeting, found.registration) : null;
}

/** The team invites someone on a reserved place (a partner, an elected member): a confirmed place, a code, a mail when an address is given. */
export async function invite(strapi: Core.Strapi, documentId: string, input: InvitationInput, now = new Date()) {
  const repo = meetingsRepository(strapi);
  const m = await repo.meetingBy({ documentId });
  if (!m) throw notFound('Réunion introuvable.');
  if (m.status === 'cancelled') throw fail('meeting_cancelled');
  return transaction(strapi, async (trx) => {
    const counts = (await repo.lock(trx, m.id))!;
    if (!reservedPlaceFree(counts)) throw fail('no_reserved_place');
    const code = registrationCode();
    const id = await repo.insertRegistration(
      trx,
      m.id,
      {
        userId: null,
        status: 'registered',
        invited: true,
        queue: counts.queue,
        code,
        publicName: null,
        organisation: input.organisation ?? null,
        territoryCode: null,
        inviteeName: input.name,
        inviteeEmail: input.email ?? null,
      },
      now
    );
    await repo.setCounts(trx, m.id, { registeredCount: counts.registeredCount, invitedCount: counts.invitedCount + 1, waitlistCount: counts.waitlistCount });
    if (input.email) await tell(strapi, trx, m, 'invited', [{ email: input.email, code, key: String(id) }], now);
    return { id, code };
  });
}

/**
 * Checks in a code at the door, once: a second scan says when it was checked in. `at`: when the door checked it in
 * offline, sent once the network is back (within a day, never in the future).
 */
export async function checkIn(strapi: Core.Strapi, documentId: string, typed: string, actor: { name: string }, at?: string, now = new Date()) {
  const repo = meetingsRepository(strapi);
  const m = await repo.meetingBy({ documentId });
  if (!m) throw notFound('Réunion introuvable.');
  const arrivedAt = at ? new Date(at) : now;
  if (arrivedAt.getTime() > now.getTime() + 60_000 || now.getTime() - arrivedAt.getTime() > CHECK_IN_DELAY_MS)
    throw validationFailed([{ path: ['at'], message: 'Un pointage hors ligne se transmet dans les 24 heures, jamais pour plus tard.' }]);
  const code = normaliseCode(typed);
  const { done, registration } = await repo.checkIn(m.id, code, actor.name, arrivedAt, now);
  if (!registration) throw notFound('Code inconnu pour cette réunion.');
  if (!done) {
    if (registration.checkedInAt)
      throw fail(
        'already_checked_in',
        `Déjà pointé·e à ${new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(registration.checkedInAt)}.`
      );
    throw fail('not_checkable');
  }
  const arrival = await repo.arrival(m.id, registration.id);
  return { ...arrival, checkedInAt: arrivedAt.toISOString() };
}

/**
 * Tells registrants the day before (at once when nearer): each meeting's reminder is claimed by a conditional update
 * in the transaction that writes its mails, so it goes out once whatever the number of instances.
 */
export async function sendReminders(strapi: Core.Strapi, now = new Date(), aheadMs: number): Promise<{ meetings: number; mails: number }> {
  const repo = meetingsRepository(strapi);
  let meetings = 0;
  let mails = 0;
  for (const m of await repo.remindable(now, aheadMs)) {
    const sent = await transaction(strapi, async (trx) => {
      if (!(await repo.claimReminder(trx, m.id, now))) return 0;
      const to = await repo.recipients(trx, m.id, ['registered']);
      await tell(
        strapi,
        trx,
        m,
        'reminder',
        to.map((t) => ({ email: t.email, code: t.code, key: String(t.registrationId) })),
        now
      );
      return to.length;
    });
    if (sent || sent === 0) meetings += 1;
    mails += sent;
  }
  return { meetings, mails };
}

/** An account's erasure: each place it held is freed (the first person waiting gets it), then its rows are anonymised. */
export async function eraseUser(strapi: Core.Strapi, trx: Knex.Transaction, userId: number, now = new Date()) {
  const repo = meetingsRepository(strapi);
  for (const meetingId of await repo.activeMeetingsOf(trx, userId)) {
    const m = await repo.meetingBy({ id: meetingId }, trx);
    const counts = await repo.lock(trx, meetingId);
    const held = await repo.registrationOf(trx, meetingId, userId);
    if (!m || !counts || !held || held.status === 'cancelled') continue;
    await repo.updateRegistration(trx, held.id, { status: 'cancelled', cancelledAt: now }, now);
    const freed = {
      ...counts,
      registeredCount: counts.registeredCount - (held.status === 'registered' ? 1 : 0),
      waitlistCount: counts.waitlistCount - (held.status === 'waitlisted' ? 1 : 0),
    };
    await repo.setCounts(trx, meetingId, stateAt(m, now) === 'upcoming' ? await refill(strapi, trx, m, freed, now) : freed);
  }
  await repo.anonymiseUser(trx, userId);
}
