import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a citizen can be told, how often, and how a mail says it: the rules of notifications, in one place.
 * Everything here is pure; the repository and the commands apply it.
 */

export const FREQUENCIES = ['immediate', 'daily', 'weekly', 'off'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export type MailedFrequency = Exclude<Frequency, 'off'>;

/**
 * The kinds of notification, with what a citizen reads in their preferences and the frequency they get until they
 * choose: a daily digest, except the moderation of one's own text, which is personal and expected at once.
 */
export const NOTIFICATION_KINDS = [
  { kind: 'consultation_opened', label: 'Une consultation suivie ouvre', defaultFrequency: 'daily' },
  { kind: 'consultation_closed', label: 'Une consultation suivie se clôt', defaultFrequency: 'daily' },
  { kind: 'results_published', label: "Les résultats d'une consultation suivie sont publiés", defaultFrequency: 'daily' },
  { kind: 'results_update', label: 'Une consultation suivie annonce une suite (« Et ensuite »)', defaultFrequency: 'daily' },
  { kind: 'official_answer', label: 'Une contribution suivie reçoit une réponse officielle', defaultFrequency: 'daily' },
  { kind: 'comment_reply', label: "Quelqu'un répond à mon commentaire", defaultFrequency: 'daily' },
  { kind: 'moderation_decided', label: 'Une décision de modération sur ce que j’ai écrit', defaultFrequency: 'immediate' },
] as const satisfies readonly { kind: string; label: string; defaultFrequency: MailedFrequency }[];

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]['kind'];
export const KIND_NAMES = NOTIFICATION_KINDS.map((k) => k.kind) as [NotificationKind, ...NotificationKind[]];
export const FOLLOW_TARGETS = ['consultation', 'contribution'] as const;
export type FollowTarget = (typeof FOLLOW_TARGETS)[number];

export const defaultFrequency = (kind: NotificationKind): MailedFrequency => NOTIFICATION_KINDS.find((k) => k.kind === kind)!.defaultFrequency;

/** A citizen's preferences, every kind present: what they chose, else the default. */
export function preferencesOf(chosen: Partial<Record<string, Frequency>>): Record<NotificationKind, Frequency> {
  return Object.fromEntries(KIND_NAMES.map((kind) => [kind, chosen[kind] ?? defaultFrequency(kind)])) as Record<NotificationKind, Frequency>;
}

/** Which consultation transitions a follower hears of. */
export const KIND_OF_TRANSITION: Partial<Record<string, NotificationKind>> = {
  open: 'consultation_opened',
  closed: 'consultation_closed',
  results_published: 'results_published',
};

export type Schedule = { digestHour: number; weeklyDay: number; timeZone: string };

/** Minutes east of UTC of `timeZone` at `at` (Europe/Paris: 60 in winter, 120 in summer). */
function offsetMinutes(timeZone: string, at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

/** The calendar date (year, month, day, weekday) of `at` in `timeZone`. */
function localDate(timeZone: string, at: Date) {
  const local = new Date(at.getTime() + offsetMinutes(timeZone, at) * 60_000);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth(), d: local.getUTCDate(), weekday: local.getUTCDay() };
}

/** The instant it is `hour`:00 in `timeZone` on the local day `dayOffset` days after the local day of `at`. */
function localHour(timeZone: string, at: Date, dayOffset: number, hour: number): Date {
  const { y, m, d } = localDate(timeZone, at);
  const guess = Date.UTC(y, m, d + dayOffset, hour);
  return new Date(guess - offsetMinutes(timeZone, new Date(guess)) * 60_000);
}

/**
 * When a notification written at `now` leaves: at once; at the next digest hour (local time); or at the digest hour
 * of the next weekly day. Every notification of one citizen due in one digest carries the same instant, so a day of
 * events gives one mail.
 */
export function dueAt(frequency: MailedFrequency, now: Date, schedule: Schedule): Date {
  if (frequency === 'immediate') return now;
  let days = 0;
  if (frequency === 'weekly') days = (schedule.weeklyDay - localDate(schedule.timeZone, now).weekday + 7) % 7;
  let at = localHour(schedule.timeZone, now, days, schedule.digestHour);
  if (at.getTime() <= now.getTime()) at = localHour(schedule.timeZone, now, days + (frequency === 'weekly' ? 7 : 1), schedule.digestHour);
  return at;
}

/** The local midnight that began the day of `at`: the mail cap counts from it. */
export const startOfLocalDay = (timeZone: string, at: Date) => localHour(timeZone, at, 0, 0);

/**
 * What a one-click unsubscribe link does: stop one kind of notification, every notification, or one follow. It is
 * carried by a signed token (the holder of the mail may use it; nobody can forge one for someone else).
 */
export type UnsubscribeScope = { kind: NotificationKind } | { all: true } | { follow: { type: FollowTarget; documentId: string } };

const b64 = (value: string) => Buffer.from(value).toString('base64url');

export function unsubscribeToken(secret: string, userId: number, scope: UnsubscribeScope): string {
  const body = b64(JSON.stringify({ u: userId, s: scope }));
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

export function readUnsubscribeToken(secret: string, token: string): { userId: number; scope: UnsubscribeScope } | null {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return null;
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('base64url'));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { u?: unknown; s?: unknown };
    if (!Number.isInteger(parsed.u) || typeof parsed.s !== 'object' || parsed.s === null) return null;
    const s = parsed.s as Record<string, unknown>;
    if (s.all === true) return { userId: parsed.u as number, scope: { all: true } };
    if (typeof s.kind === 'string' && (KIND_NAMES as string[]).includes(s.kind))
      return { userId: parsed.u as number, scope: { kind: s.kind as NotificationKind } };
    const f = s.follow as { type?: unknown; documentId?: unknown } | undefined;
    if (f && (FOLLOW_TARGETS as readonly unknown[]).includes(f.type) && typeof f.documentId === 'string')
      return { userId: parsed.u as number, scope: { follow: { type: f.type as FollowTarget, documentId: f.documentId } } };
    return null;
  } catch {
    return null;
  }
}

/** What a scope means, said to the person about to confirm it. */
export function describeScope(scope: UnsubscribeScope): string {
  if ('all' in scope) return 'ne plus recevoir aucune notification par courriel';
  if ('kind' in scope) return `ne plus recevoir les notifications « ${NOTIFICATION_KINDS.find((k) => k.kind === scope.kind)!.label} »`;
  return scope.follow.type === 'consultation' ? 'ne plus suivre cette consultation' : 'ne plus suivre cette contribution';
}
