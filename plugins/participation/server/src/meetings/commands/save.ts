import type { Core } from '@strapi/strapi';
import type * as z from 'zod/v4';
import { consultationTitles } from '../../consultations/public';
import { fail, notFound, validationFailed, type FieldError } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/database/rows';
import { transaction } from '../../platform/database/transaction';
import { meetingPage } from '../../platform/links';
import { getService } from '../../platform/services';
import { territoryNames } from '../../territories/public';
import { questionnaireLink } from '../../questionnaires/public';
import { budgetName } from '../../budgets/public';
import { MEETING_MAIL_EVENT, meetingMail } from '../domain/mails';
import { stateAt } from '../domain/rules';
import type { cancelMeetingBody, meetingBody } from '../inputs';
import { meetingsRepository, type MeetingFields } from '../repository';
import { refill } from './register';

export type MeetingInput = z.infer<typeof meetingBody>;

/**
 * Creates (`documentId` null) or updates a meeting. A published meeting keeps its registrations: the capacity cannot
 * go below the places already taken, and a raised capacity gives the new places to the waitlist, in order, at once.
 * A cancelled meeting is not edited. Every refusal is a field error; nothing is written then.
 */
export async function saveMeeting(strapi: Core.Strapi, documentId: string | null, input: MeetingInput, now = new Date()): Promise<string> {
  const repo = meetingsRepository(strapi);
  const existing = documentId ? await repo.meetingBy({ documentId }) : null;
  if (documentId && !existing) throw notFound('Réunion introuvable.');
  if (existing?.status === 'cancelled') throw fail('meeting_cancelled');
  const errors: FieldError[] = [];
  const communes = input.territoryCode ? await territoryNames(strapi, [input.territoryCode]) : new Map<string, string>();
  if (input.territoryCode && !communes.has(input.territoryCode)) errors.push({ path: ['territoryCode'], message: 'Commune inconnue du département.' });
  if (input.consultationDocumentId && !(await consultationTitles(strapi, [input.consultationDocumentId])).size)
    errors.push({ path: ['consultationDocumentId'], message: 'Aucune consultation ne porte cet identifiant.' });
  if (input.budgetDocumentId && !(await budgetName(strapi, input.budgetDocumentId)))
    errors.push({ path: ['budgetDocumentId'], message: 'Aucun budget participatif ne porte cet identifiant.' });
  if (input.registrationQuestionnaireDocumentId) {
    const questions = await questionnaireLink(strapi, input.registrationQuestionnaireDocumentId);
    if (!questions) errors.push({ path: ['registrationQuestionnaireDocumentId'], message: 'Aucun questionnaire ne porte cet identifiant.' });
    else if (questions.audience !== 'signed_in')
      errors.push({
        path: ['registrationQuestionnaireDocumentId'],
        message: 'Les questions d’inscription se posent aux personnes connectées : choisissez un questionnaire réservé aux personnes connectées.',
      });
    else if (!input.registrationEnabled)
      errors.push({ path: ['registrationQuestionnaireDocumentId'], message: 'Des questions d’inscription demandent une réunion sur inscription.' });
  }
  if (existing && input.capacity != null && input.capacity - input.reservedPlaces < existing.registeredCount)
    errors.push({
      path: ['capacity'],
      message: `${existing.registeredCount} personnes ont déjà une place : la capacité hors places réservées ne peut descendre en dessous.`,
    });
  if (existing && input.reservedPlaces < existing.invitedCount)
    errors.push({ path: ['reservedPlaces'], message: `${existing.invitedCount} invitations occupent déjà des places réservées.` });
  if (existing && existing.status === 'published' && !input.published && existing.registeredCount + existing.waitlistCount + existing.invitedCount > 0)
    errors.push({ path: ['published'], message: 'Des personnes sont inscrites : annulez la réunion plutôt que de la dépublier.' });
  if (errors.length) throw validationFailed(errors);
  const fields: MeetingFields = {
    title: input.title,
    slug: input.slug,
    description: input.description ?? null,
    kind: input.kind,
    status: input.published ? 'published' : 'draft',
    consultationDocumentId: input.consultationDocumentId ?? null,
    budgetDocumentId: input.budgetDocumentId ?? null,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    territoryCode: input.kind === 'online' ? null : (input.territoryCode ?? null),
    communeName: input.kind === 'online' || !input.territoryCode ? null : (communes.get(input.territoryCode) ?? null),
    address: input.kind === 'online' ? null : (input.address ?? null),
    accessibility: input.accessibility ?? null,
    services: input.services,
    agenda: input.agenda.map((a) => ({ time: a.time ?? null, title: a.title })),
    onlineUrl: input.kind === 'in_person' ? null : (input.onlineUrl ?? null),
    onlineUrlRevealed: input.onlineUrlRevealed,
    registrationEnabled: input.registrationEnabled,
    capacity: input.capacity ?? null,
    reservedPlaces: input.reservedPlaces,
    waitlistEnabled: input.waitlistEnabled,
    registrationTerms: input.registrationTerms ?? null,
    registrationQuestionnaireDocumentId: input.registrationQuestionnaireDocumentId ?? null,
    attendeesPublic: input.attendeesPublic,
  };
  try {
    if (!existing) return await repo.insertMeeting(fields, now);
    await transaction(strapi, async (trx) => {
      const counts = (await repo.lock(trx, existing.id))!;
      await repo.updateMeeting(trx, existing.id, fields, now);
      // New places (or the waitlist turned off) go to the people waiting, in order, in this same transaction.
      if (stateAt({ ...existing, ...fields }, now) === 'upcoming') {
        const meeting = { ...existing, ...fields };
        const after = await refill(strapi, trx, meeting, { ...counts, capacity: fields.capacity, reservedPlaces: fields.reservedPlaces }, now);
        await repo.setCounts(trx, existing.id, after);
      }
    });
    return existing.documentId;
  } catch (error) {
    if (isUniqueViolation(error)) throw validationFailed([{ path: ['slug'], message: 'Cette adresse est déjà prise par une autre réunion.' }]);
    throw error;
  }
}

/**
 * Copies a meeting as a new draft (the same place, agenda, services and rules of registration; no registrations,
 * no report), under a free slug « …-copie », « …-copie-2 »…, for the next session of a series.
 */
export async function copyMeeting(strapi: Core.Strapi, documentId: string, now = new Date()): Promise<string> {
  const repo = meetingsRepository(strapi);
  const m = await repo.meetingBy({ documentId });
  if (!m) throw notFound('Réunion introuvable.');
  const fields: MeetingFields = {
    title: m.title,
    slug: m.slug,
    description: m.description,
    kind: m.kind,
    status: 'draft',
    consultationDocumentId: m.consultationDocumentId,
    budgetDocumentId: m.budgetDocumentId,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    territoryCode: m.territoryCode,
    communeName: m.communeName,
    address: m.address,
    accessibility: m.accessibility,
    services: m.services,
    agenda: m.agenda,
    onlineUrl: m.onlineUrl,
    onlineUrlRevealed: false,
    registrationEnabled: m.registrationEnabled,
    capacity: m.capacity,
    reservedPlaces: m.reservedPlaces,
    waitlistEnabled: m.waitlistEnabled,
    registrationTerms: m.registrationTerms,
    registrationQuestionnaireDocumentId: m.registrationQuestionnaireDocumentId,
    attendeesPublic: m.attendeesPublic,
  };
  const base = `${m.slug.slice(0, 100)}-copie`;
  // A taken slug is the unique index's refusal: the next suffix is tried (a few at most).
  for (let n = 1; n <= 20; n += 1) {
    try {
      return await repo.insertMeeting({ ...fields, slug: n === 1 ? base : `${base}-${n}` }, now);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw fail('stale_state', 'Trop de copies de cette réunion portent déjà ce nom : renommez-en une.');
}

/** Cancels a published meeting with its reason: every person registered or waiting is told, once, by mail. */
export async function cancelMeeting(strapi: Core.Strapi, documentId: string, input: z.infer<typeof cancelMeetingBody>, now = new Date()) {
  const repo = meetingsRepository(strapi);
  const m = await repo.meetingBy({ documentId });
  if (!m) throw notFound('Réunion introuvable.');
  if (m.status === 'cancelled') throw fail('meeting_cancelled');
  const state = stateAt(m, now);
  if (state === 'past') throw fail('transition_not_allowed', 'Une réunion passée ne s’annule plus.');
  await transaction(strapi, async (trx) => {
    await repo.lock(trx, m.id);
    await repo.updateMeeting(trx, m.id, { status: 'cancelled', cancellationReason: input.reason, cancelledAt: now }, now);
    const cancelled = { ...m, cancellationReason: input.reason };
    const to = await repo.recipients(trx, m.id, ['registered', 'waitlisted']);
    const page = meetingPage(strapi, m.slug);
    await getService(strapi, 'outbox').enqueueMails(
      trx,
      to.map((t) => ({
        event: MEETING_MAIL_EVENT,
        eventId: `meeting:${m.documentId}:cancelled:${t.registrationId}`,
        to: t.email,
        ...meetingMail('cancelled', cancelled, t, page),
      })),
      now
    );
  });
}
