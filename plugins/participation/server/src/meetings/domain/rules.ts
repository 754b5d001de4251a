import { randomInt } from 'node:crypto';
import type { ErrorCode } from '../../platform/errors';

/**
 * The rules of public meetings: where a meeting stands by its dates, who may register and whether a new registrant
 * gets a place or the waitlist, how many places a raised capacity frees, and the code checked at the door. Pure.
 */

export const KINDS = ['in_person', 'online', 'hybrid'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_LABELS: Record<Kind, string> = { in_person: 'Sur place', online: 'En ligne', hybrid: 'Sur place et en ligne' };

export const STATUSES = ['draft', 'published', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

export const STATES = ['draft', 'upcoming', 'ongoing', 'past', 'cancelled'] as const;
export type State = (typeof STATES)[number];
export const STATE_LABELS: Record<State, string> = {
  draft: 'Brouillon (non publiée)',
  upcoming: 'À venir',
  ongoing: 'En cours',
  past: 'Passée',
  cancelled: 'Annulée',
};

/** What the venue offers, as a front end shows it next to the address. */
export const SERVICES = ['wheelchair', 'hearing_loop', 'sign_language', 'transcription', 'childcare', 'easy_read'] as const;
export type Service = (typeof SERVICES)[number];
export const SERVICE_LABELS: Record<Service, string> = {
  wheelchair: 'Accessible en fauteuil roulant',
  hearing_loop: 'Boucle magnétique',
  sign_language: 'Interprétation en langue des signes (LSF)',
  transcription: 'Transcription écrite en direct',
  childcare: 'Garde d’enfants sur place',
  easy_read: 'Documents en facile à lire et à comprendre (FALC)',
};

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export type Capacity = {
  registrationEnabled: boolean;
  capacity: number | null;
  reservedPlaces: number;
  waitlistEnabled: boolean;
  registeredCount: number;
  invitedCount: number;
  waitlistCount: number;
};

/** Where a meeting stands: unpublished, cancelled, or by its dates. */
export function stateAt(m: { status: Status; startsAt: Date; endsAt: Date }, now: Date): State {
  if (m.status === 'draft') return 'draft';
  if (m.status === 'cancelled') return 'cancelled';
  if (now < m.startsAt) return 'upcoming';
  return now < m.endsAt ? 'ongoing' : 'past';
}

/** Why nobody may register (or cancel a registration) now, as an error code; null when registrations are taken. */
export function registrationRefusal(state: State, c: Pick<Capacity, 'registrationEnabled'>): ErrorCode | null {
  if (state === 'cancelled') return 'meeting_cancelled';
  if (state !== 'upcoming' || !c.registrationEnabled) return 'registration_closed';
  return null;
}

/** The places open to the public: the capacity less the places the team keeps for its invitations. Null: no limit. */
export const publicPlaces = (c: Pick<Capacity, 'capacity' | 'reservedPlaces'>) => (c.capacity === null ? null : Math.max(0, c.capacity - c.reservedPlaces));

/** The public places still free (null: no limit). */
export function placesLeft(c: Capacity): number | null {
  const places = publicPlaces(c);
  return places === null ? null : Math.max(0, places - c.registeredCount);
}

/** What a new registrant gets: a place while one is free, else the waitlist when the meeting has one, else refused. */
export function placeFor(c: Capacity): 'registered' | 'waitlisted' | 'meeting_full' {
  const left = placesLeft(c);
  if (left === null || left > 0) return 'registered';
  return c.waitlistEnabled ? 'waitlisted' : 'meeting_full';
}

/** How many waiting people a change frees places for (a cancellation, a raised capacity), in queue order. */
export function promotable(c: Capacity): number {
  const left = placesLeft(c);
  return Math.min(c.waitlistCount, left === null ? c.waitlistCount : left);
}

/** Whether the team can still invite someone on a reserved place. */
export const reservedPlaceFree = (c: Pick<Capacity, 'reservedPlaces' | 'invitedCount'>) => c.invitedCount < c.reservedPlaces;

/** Letters and digits that cannot be mistaken for one another when read aloud or typed from paper. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_PATTERN = /^[A-HJ-NP-Z2-9]{8}$/;

/** A registration's code, checked at the door (typed, or read from its QR code): 8 characters, 40 bits. */
export function registrationCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A typed code as staff enter it: spaces and dashes dropped, upper case. */
export const normaliseCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

/** Why the report cannot be written yet (null once the meeting has started; a cancelled one has none). */
export function reportRefusal(state: State): ErrorCode | null {
  if (state === 'cancelled') return 'meeting_cancelled';
  return state === 'ongoing' || state === 'past' ? null : 'meeting_not_held';
}

/** The online link, shown to a registered person only once the organiser reveals it (never to the waitlist). */
export function onlineLinkFor(m: { kind: Kind; onlineUrl: string | null; onlineUrlRevealed: boolean }, status: RegistrationStatus | null): string | null {
  if (m.kind === 'in_person' || !m.onlineUrl || !m.onlineUrlRevealed) return null;
  return status === 'registered' ? m.onlineUrl : null;
}

/** When the reminder goes out: the day before the meeting (at once when it is nearer), while it has not started. */
export const REMINDER_AHEAD_MS = 24 * 3_600_000;
export const reminderDue = (m: { startsAt: Date }, now: Date) => m.startsAt.getTime() - now.getTime() <= REMINDER_AHEAD_MS && now < m.startsAt;

/** A date as Paris reads it, for mails: « mardi 12 janvier 2027 à 18 h 30 ». */
export function frenchDateTime(at: Date): string {
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(at).replace(':', ' h ');
  return `${day} à ${time}`;
}

/** The day and month of a meeting as Paris reads it: « 12/03 ». */
const dayMonth = (at: Date) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit' }).format(at);

/**
 * Where a contribution said in the room comes from, as it is shown beside it: « Réunion du 12/03 à Rezé », or « Réunion
 * en ligne du 12/03 ». Written on the contribution when it is entered: the meeting held that day, in that commune.
 */
export function provenanceOf(m: { kind: Kind; startsAt: Date; communeName: string | null }): string {
  if (m.kind === 'online' || !m.communeName) return `Réunion en ligne du ${dayMonth(m.startsAt)}`;
  return `Réunion du ${dayMonth(m.startsAt)} à ${m.communeName}`;
}

/** Why contributions cannot be entered from this meeting: it must belong to a consultation and have been held. */
export function roomContributionRefusal(state: State, m: { consultationDocumentId: string | null }): ErrorCode | null {
  if (state === 'cancelled') return 'meeting_cancelled';
  if (state !== 'ongoing' && state !== 'past') return 'meeting_not_held';
  return m.consultationDocumentId ? null : 'meeting_without_consultation';
}

/** How long registrants have to send remarks on proposed minutes: days, from the proposal. */
export const REMARKS_DAYS = { min: 3, max: 60, default: 15 } as const;

/** Where the minutes stand with the registrants: not proposed, open to their remarks, or the period over (or the report published). */
export type RemarksWindow = 'none' | 'open' | 'closed';
export function remarksWindow(m: { minutesProposedAt: Date | null; remarksUntil: Date | null; publishedAt: Date | null }, now: Date): RemarksWindow {
  if (!m.minutesProposedAt || !m.remarksUntil) return 'none';
  return !m.publishedAt && now < m.remarksUntil ? 'open' : 'closed';
}

/**
 * Why the minutes cannot be proposed to the registrants now: once the meeting is over, with minutes written, before
 * the report is published, and once.
 */
export function proposalRefusal(state: State, m: { minutes: string | null; publishedAt: Date | null; minutesProposedAt: Date | null }): ErrorCode | null {
  if (state === 'cancelled') return 'meeting_cancelled';
  if (state !== 'past') return 'meeting_not_over';
  if (m.publishedAt) return 'report_already_published';
  if (m.minutesProposedAt) return 'minutes_already_proposed';
  return m.minutes?.trim() ? null : 'minutes_missing';
}

/** Why this person may not send (or withdraw) a remark: the minutes open to remarks, and a place held at the meeting. */
export function remarkRefusal(window: RemarksWindow, registration: RegistrationStatus | null): ErrorCode | null {
  if (window === 'none') return 'minutes_not_proposed';
  if (window === 'closed') return 'remarks_closed';
  return registration === 'registered' ? null : 'not_registered';
}

/** Why this person may not read the proposed minutes: proposed, and a place held (open or not: reading outlasts the period). */
export function minutesReadRefusal(window: RemarksWindow, registration: RegistrationStatus | null): ErrorCode | null {
  if (window === 'none') return 'minutes_not_proposed';
  return registration === 'registered' ? null : 'not_registered';
}

/** Publishing the report waits for the end of the registrants' remarks period. */
export const publicationRefusal = (window: RemarksWindow): ErrorCode | null => (window === 'open' ? 'remarks_open' : null);

export const REMARK_STATUSES = ['received', 'withheld'] as const;
export type RemarkStatus = (typeof REMARK_STATUSES)[number];
