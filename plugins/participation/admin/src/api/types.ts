/** The admin API's answers, as the plugin's server sends them (routes/admin.ts). */
export type Envelope<T, Meta = undefined> = Meta extends undefined ? { data: T } : { data: T; meta: Meta };
export type Pagination = { page: number; pageSize: number; pageCount: number; total: number };

export type ModerationStatus = 'pending' | 'published' | 'rejected' | 'hidden';
export type Decision = 'approve' | 'reject' | 'hide' | 'restore';
export type TargetType = 'contribution' | 'comment';
export type ReportReason = 'spam' | 'insulting' | 'off_topic' | 'personal_data' | 'other';
export type ConsultationStatus = 'draft' | 'scheduled' | 'open' | 'closed' | 'results_published' | 'archived';

export type ConsultationRef = { documentId: string; slug: string | null; title: string | null };

/** A queue row, with the decisions the server's moderation table allows on it. */
export type QueueItem = {
  type: TargetType;
  documentId: string;
  title: string | null;
  body: string;
  author: { displayName: string };
  status: ModerationStatus;
  moderationReason: string | null;
  reportsCount: number;
  reports: { reason: ReportReason; details: string | null; at: string | null; counted: boolean; accountAgeDays: number | null }[];
  /** Null for a comment on a budget project. */
  consultation: ConsultationRef | null;
  /** For a comment: the contribution it answers. */
  contribution: { documentId: string; title: string } | null;
  /** For a comment on a budget project: the project and its budget. */
  project: { documentId: string; title: string; budget: { documentId: string; slug: string; name: string } } | null;
  answerStatus: 'retained' | 'under_study' | 'not_retained' | 'already_done' | null;
  createdAt: string;
  decisions: { decision: Decision; reasonRequired: boolean }[];
};

export type PendingCount = { consultation: { documentId: string; slug?: string | null; title?: string | null }; pending: number };

export type DecisionOutcome =
  { type: TargetType; id: string; ok: true; status: ModerationStatus } | { type: TargetType; id: string; ok: false; code: string; message: string };

export type ModerationEvent = {
  decision: Decision | 'auto_hide';
  from: ModerationStatus;
  to: ModerationStatus;
  reason: string | null;
  note: string | null;
  actor: { type: 'admin'; name: string } | { type: 'system' };
  at: string;
};

export type TransitionOption = { to: ConsultationStatus; allowed: boolean; code?: string; message?: string };
export type LifecycleState = {
  status: ConsultationStatus;
  opensAt: string | null;
  closesAt: string | null;
  slug: string;
  counts: { contributions: number; participants: number; supports: number };
  transitions: TransitionOption[];
};
export type LifecycleEvent = {
  from: ConsultationStatus;
  to: ConsultationStatus;
  actor: { type: 'admin'; name: string } | { type: 'scheduler' };
  reason: string | null;
  opensAt: string | null;
  closesAt: string | null;
  at: string;
};

export type DashboardOverview = {
  consultations: {
    documentId: string;
    slug: string;
    title: string;
    status: ConsultationStatus;
    opensAt: string | null;
    closesAt: string | null;
    counts: { contributions: number; participants: number; supports: number; followers: number };
    pending: number;
  }[];
  timeline: { date: string; contributions: number; supports: number; comments: number }[];
  generatedAt: string;
};

export type AnswerStatus = 'retained' | 'under_study' | 'not_retained' | 'already_done';
export type AnswerTemplate = { documentId: string; name: string; answerStatus: AnswerStatus; text: string };

/** A row of the agents' consultation list (GET /participation/consultations). */
export type ConsultationRow = DashboardOverview['consultations'][number] & { published: boolean; updatedAt: string | null };

export type ExportLogEntry = { consultationDocumentId: string; format: 'csv' | 'xlsx'; personalData: boolean; actorName: string | null; at: string };

/** The French message of a refused admin request (Strapi's error envelope), or null. */
export function serverMessage(error: unknown): string | null {
  const response = (error as { response?: { data?: { error?: { message?: unknown } } } } | null)?.response;
  const message = response?.data?.error?.message;
  return typeof message === 'string' ? message : null;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';
export type OutboxMessage = {
  id: number;
  eventId: string;
  channel: 'webhook' | 'mail';
  event: string;
  summary: string | null;
  recipient: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
};
export type OutboxMeta = { counts: Record<OutboxStatus, number>; pagination: Pagination };
export type WebhookSubscription = { id: string; name: string; url: string; events: string[]; isEnabled: boolean; headerNames: string[] };
export type WebhookEventOption = { event: string; label: string };

/** The field errors of a refused admin request (Strapi's envelope, `details.errors`), by first path segment. */
export function serverFieldErrors(error: unknown, by: 'first' | 'last' = 'first'): Record<string, string> {
  const details = (error as { response?: { data?: { error?: { details?: { errors?: { path: (string | number)[]; message: string }[] } } } } } | null)?.response
    ?.data?.error?.details;
  return Object.fromEntries((details?.errors ?? []).map((e) => [String(by === 'first' ? e.path[0] : e.path[e.path.length - 1]), e.message]));
}
