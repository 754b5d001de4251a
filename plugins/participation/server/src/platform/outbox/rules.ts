import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the outbox carries: a webhook event for every subscribed receiver, or one e-mail. */
export type OutboxChannel = 'webhook' | 'mail';
export type OutboxStatus = 'pending' | 'sent' | 'failed';

export type WebhookEvent = { event: string; payload: Record<string, unknown>; summary: string };
/** A mail to send after commit. `eventId`: what makes it once per recipient (the outbox's unique index); random by default. */
export type Mail = {
  event: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  summary: string;
  eventId?: string;
};

/** The events a webhook may subscribe to, with what staff read in the admin. */
export const WEBHOOK_EVENTS = [
  {
    key: 'PARTICIPATION_CONSULTATION_TRANSITIONED',
    event: 'participation.consultation.transitioned',
    label: "Changement d'état d'une consultation (programmée, ouverte, clôturée, résultats publiés, archivée)",
  },
  {
    key: 'PARTICIPATION_PETITION_DECIDED',
    event: 'participation.petition.decided',
    label: 'Décision sur une pétition (recevable, irrecevable, transmise, recours)',
  },
  {
    key: 'PARTICIPATION_PETITION_STAGE',
    event: 'participation.petition.stage',
    label: 'Étape de seuil d’une pétition atteinte ou manquée (une fois par étape)',
  },
  {
    key: 'PARTICIPATION_BUDGET_STAGE',
    event: 'participation.budget.stage',
    label: 'Changement d’étape d’un budget participatif (dépôt, recevabilité, vote, résultats, suivi)',
  },
  { key: 'PARTICIPATION_BUDGET_RESULTS', event: 'participation.budget.results', label: 'Résultats d’un budget participatif (lauréats)' },
  { key: 'PARTICIPATION_PETITION_ANSWERED', event: 'participation.petition.answered', label: 'Réponse officielle à une pétition' },
] as const;

export type RetryPolicy = { retryBaseMs: number; retryMaxMs: number; maxAttempts: number };

/**
 * When to try again after the `attempts`-th failure: doubling from `retryBaseMs`, at most `retryMaxMs`; null once
 * `maxAttempts` have failed (the message is then `failed`, until an agent replays it).
 */
export function nextAttemptAfter(attempts: number, policy: RetryPolicy, now: Date): Date | null {
  if (attempts >= policy.maxAttempts) return null;
  const delay = Math.min(policy.retryBaseMs * 2 ** Math.max(0, attempts - 1), policy.retryMaxMs);
  return new Date(now.getTime() + delay);
}

/** Header names of a delivery, documented in docs/api.md for receivers. */
export const WEBHOOK_HEADERS = {
  event: 'X-Strapi-Event',
  id: 'X-Participer-Event-Id',
  timestamp: 'X-Participer-Timestamp',
  signature: 'X-Participer-Signature',
} as const;

/** `sha256=` + HMAC-SHA256 of `timestamp.body` with the shared secret (the scheme receivers verify). */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The receiver's check, exported for tests and for the example in docs/api.md: constant-time comparison. */
export function verifySignature(secret: string, timestamp: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signature(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A recipient as staff see it in the admin: enough to recognise, not to harvest (« ca***@exemple.fr »). */
export function maskRecipient(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address.slice(0, Math.min(2, at))}***${address.slice(at)}`;
}

/** An error as it is kept on the message: one line, bounded, without the secret-bearing URL query. */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/\?[^\s]*/g, '?…')
    .replace(/\s+/g, ' ')
    .slice(0, 500);
}
