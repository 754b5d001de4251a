import * as z from 'zod/v4';
import { AGENT_CHANNELS } from '../contributions/domain/policy';
import { ANSWER_STATUSES, DECISIONS, MODERATION_STATUSES, REPORT_REASONS, TARGET_TYPES } from './domain/moderation';
import { paginationQuery } from '../platform/validation';
import { documentId, inseeCode, text } from '../contract/base-inputs';

/** Request schemas of this capability's routes: controllers parse with them, the OpenAPI document is generated from them. */
export const reportBody = z.strictObject({ reason: z.enum(REPORT_REASONS), details: text(0, 1000).optional() });

export const moderationQueueQuery = z.strictObject({
  consultation: documentId.optional(),
  status: z.enum(MODERATION_STATUSES).optional(),
  type: z.enum(TARGET_TYPES).optional(),
  reported: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...paginationQuery,
});

export const decisionsBody = z
  .strictObject({
    items: z
      .array(z.strictObject({ type: z.enum(TARGET_TYPES), id: documentId }))
      .min(1)
      .max(100),
    decision: z.enum(DECISIONS),
    reason: text(0, 1000).optional(),
    note: text(0, 2000).optional(),
  })
  .refine((b) => !['reject', 'hide'].includes(b.decision) || !!b.reason, { error: 'Indiquez le motif de cette décision.', path: ['reason'] });

/** `with_results` holds the answer until the consultation's results are published (then all go public at once). */
export const ANSWER_RELEASES = ['now', 'with_results'] as const;

export const answerBody = z.strictObject({ status: z.enum(ANSWER_STATUSES), text: text(1, 5000), release: z.enum(ANSWER_RELEASES).optional().default('now') });

export const bulkAnswerBody = answerBody.extend({ items: z.array(documentId).min(1).max(200) });

export const enteredContributionBody = z.strictObject({
  title: text(3, 140),
  body: text(10, 5000),
  territory: inseeCode.nullable().optional(),
  channel: z.enum(AGENT_CHANNELS),
  authorName: text(1, 80).optional(),
  /** The day the letter, form or meeting note arrived: the contribution is dated from it. */
  receivedAt: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
});

/** An item of the queue, in the history route's path. */
export const moderationItemParams = z.object({ type: z.enum(TARGET_TYPES), id: documentId });

/** Gives a contribution to a colleague for its answer, or takes it back (`null`). */
export const assigneeBody = z.strictObject({ assigneeId: z.int().positive().nullable() });
