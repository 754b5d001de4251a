/**
 * The admin API's answers, generated from the server's admin route registry (openapi.admin.json, `npm run
 * admin:types` writes schema.d.ts): the screens read the shapes the server declares, not a copy typed by hand.
 */
import type { components, paths } from './schema';

type Schemas = components['schemas'];
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Responses<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R } ? R : never;

/** The JSON body an admin route answers on success (200 or 201), e.g. `AdminAnswer<'/budgets/{documentId}', 'get'>`. */
export type AdminAnswer<P extends keyof paths, M extends keyof paths[P]> =
  Json<Responses<P, M>[200 & keyof Responses<P, M>]> | Json<Responses<P, M>[201 & keyof Responses<P, M>]>;
/** The JSON body a route takes. */
export type AdminBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody: { content: { 'application/json': infer B } } }
  ? B
  : never;

export type Envelope<T, Meta = undefined> = Meta extends undefined ? { data: T } : { data: T; meta: Meta };
export type Pagination = Schemas['Pagination'];

export type ModerationStatus = Schemas['ModerationStatus'];
export type Decision = Schemas['AllowedModerationDecision']['decision'];
export type TargetType = Schemas['TargetType'];
export type ConsultationStatus = Schemas['ConsultationStatus'];

/** A queue row, with the decisions the server's moderation table allows on it. */
export type QueueItem = Schemas['QueueItem'];
export type PendingCount = Schemas['PendingCount'];
export type DecisionOutcome = Schemas['DecisionOutcome'];
export type ModerationEvent = Schemas['ModerationEvent'];

export type TransitionOption = Schemas['TransitionOption'];
export type LifecycleState = Schemas['LifecycleState'];
export type LifecycleEvent = Schemas['LifecycleEvent'];
export type DashboardOverview = Schemas['DashboardOverview'];

export type AnswerStatus = Schemas['AnswerStatus'];
export type AnswerTemplate = Schemas['AnswerTemplate'];

/** A row of the agents' consultation list (GET /participation/consultations). */
export type ConsultationRow = Schemas['ConsultationRow'];
export type ExportLogEntry = Schemas['ExportLogEntry'];

/** The French message of a refused admin request (Strapi's error envelope), or null. */
export function serverMessage(error: unknown): string | null {
  const response = (error as { response?: { data?: { error?: { message?: unknown } } } } | null)?.response;
  const message = response?.data?.error?.message;
  return typeof message === 'string' ? message : null;
}

export type OutboxMessage = Schemas['OutboxMessage'];
export type OutboxStatus = OutboxMessage['status'];
export type OutboxMeta = AdminAnswer<'/outbox', 'get'>['meta'];
export type WebhookSubscription = Schemas['WebhookSubscription'];
export type WebhookEventOption = Schemas['WebhookEvent'];

/** The field errors of a refused admin request (Strapi's envelope, `details.errors`), by first path segment. */
export function serverFieldErrors(error: unknown, by: 'first' | 'last' = 'first'): Record<string, string> {
  const details = (error as { response?: { data?: { error?: { details?: { errors?: { path: (string | number)[]; message: string }[] } } } } } | null)?.response
    ?.data?.error?.details;
  return Object.fromEntries((details?.errors ?? []).map((e) => [String(by === 'first' ? e.path[0] : e.path[e.path.length - 1]), e.message]));
}
