import * as z from 'zod/v4';
import { CONTRIBUTION_CHANNELS } from '../contributions/domain/policy';
import { dateTime, nullable, Pagination } from '../platform/schemas';
import { ANSWER_STATUSES, DECISIONS, MODERATION_STATUSES, REPORT_REASONS, TARGET_TYPES } from './domain/moderation';

/** Response schemas of the moderation screens (admin API): the queue, decisions, history, answers and assignment. */
const ModerationStatus = z.enum(MODERATION_STATUSES).meta({ id: 'ModerationStatus' });
const AnswerStatus = z.enum(ANSWER_STATUSES).meta({ id: 'AnswerStatus' });
const TargetType = z.enum(TARGET_TYPES).meta({ id: 'TargetType' });

export const AllowedDecision = z
  .object({ decision: z.enum(DECISIONS), reasonRequired: z.boolean() })
  .meta({ id: 'AllowedModerationDecision', description: 'Une décision que la table de modération permet sur cet élément maintenant.' });

export const QueueItem = z
  .object({
    type: TargetType,
    documentId: z.string(),
    title: nullable(z.string()),
    body: z.string(),
    author: z.object({ displayName: z.string() }),
    status: ModerationStatus,
    moderationReason: nullable(z.string()),
    reportsCount: z.int(),
    reports: z.array(
      z.object({
        reason: z.enum(REPORT_REASONS),
        details: nullable(z.string()),
        at: nullable(dateTime),
        counted: z.boolean(),
        accountAgeDays: nullable(z.int()),
      })
    ),
    consultation: nullable(z.object({ documentId: z.string(), slug: nullable(z.string()), title: nullable(z.string()) })).meta({
      description: 'Null pour un commentaire sur un projet de budget participatif.',
    }),
    contribution: nullable(z.object({ documentId: z.string(), title: z.string() })).meta({
      description: 'Pour un commentaire : la contribution qu’il commente.',
    }),
    project: nullable(
      z.object({ documentId: z.string(), title: z.string(), budget: z.object({ documentId: z.string(), slug: z.string(), name: z.string() }) })
    ).meta({ description: 'Pour un commentaire sur un projet de budget : le projet et son budget.' }),
    answerStatus: nullable(AnswerStatus),
    createdAt: dateTime,
    decisions: z.array(AllowedDecision),
  })
  .meta({ id: 'QueueItem', description: 'Une ligne de la file de modération, avec les décisions permises.' });

export const ModerationQueue = z.object({
  data: z.array(QueueItem),
  meta: z.object({
    pagination: Pagination.extend({
      totalIsLowerBound: z.boolean().meta({ description: 'Vrai quand le total, compté jusqu’à une borne, peut être plus grand.' }),
    }),
  }),
});

export const PendingCount = z
  .object({
    consultation: z.object({ documentId: z.string(), slug: nullable(z.string()).optional(), title: nullable(z.string()).optional() }),
    pending: z.int(),
  })
  .meta({ id: 'PendingCount' });

export const DecisionOutcome = z
  .union([
    z.object({ type: TargetType, id: z.string(), ok: z.literal(true), status: ModerationStatus }),
    z.object({ type: TargetType, id: z.string(), ok: z.literal(false), code: z.string(), message: z.string() }),
  ])
  .meta({ id: 'DecisionOutcome', description: 'Le sort d’une décision sur un élément : appliquée, ou refusée avec son code.' });

export const DecisionOutcomes = z.object({ data: z.array(DecisionOutcome), meta: z.object({ decided: z.int(), refused: z.int() }) });

export const ModerationEvent = z
  .object({
    decision: z.enum([...DECISIONS, 'auto_hide']),
    from: ModerationStatus,
    to: ModerationStatus,
    reason: nullable(z.string()),
    note: nullable(z.string()),
    actor: z.union([z.object({ type: z.literal('admin'), name: z.string() }), z.object({ type: z.literal('system') })]),
    at: dateTime,
  })
  .meta({ id: 'ModerationEvent' });

export const ModerationHistory = z.object({
  data: z.array(ModerationEvent),
  meta: z.object({
    item: z.object({
      status: ModerationStatus,
      moderationReason: nullable(z.string()),
      moderatedAt: nullable(dateTime),
      channel: nullable(z.enum(CONTRIBUTION_CHANNELS)).meta({ description: 'Canal d’une contribution ; null pour un commentaire.' }),
      officialAnswer: nullable(z.object({ status: AnswerStatus, text: z.string(), at: nullable(dateTime) })),
      heldAnswer: nullable(z.object({ status: AnswerStatus, text: z.string() })),
    }),
  }),
});

const answerFields = {
  status: AnswerStatus,
  text: z.string(),
  answeredAt: dateTime,
  visible: z.boolean().meta({ description: 'Vrai quand le public voit la réponse maintenant.' }),
  held: z.boolean().meta({ description: 'Vrai quand la réponse attend la publication des résultats.' }),
};
export const AnswerResult = z.object({ data: z.object(answerFields) });
export const AnswerOutcomes = z.object({
  data: z.array(
    z.union([
      z.object({ documentId: z.string(), ok: z.literal(true), ...answerFields }),
      z.object({ documentId: z.string(), ok: z.literal(false), code: z.literal('not_found') }),
    ])
  ),
  meta: z.object({ answered: z.int(), refused: z.int() }),
});

export const AnswerTemplate = z
  .object({ documentId: z.string(), name: z.string(), answerStatus: AnswerStatus, text: z.string() })
  .meta({ id: 'AnswerTemplate', description: 'Une réponse type, écrite dans le gestionnaire de contenu.' });

export const Assignment = z
  .object({
    data: z.object({
      assignee: nullable(z.object({ id: z.int(), name: z.string(), assignedAt: nullable(dateTime) })),
      candidates: z.array(z.object({ id: z.int(), name: z.string() })),
    }),
  })
  .meta({ id: 'Assignment', description: 'À qui la réponse à une contribution est confiée, et à qui elle peut l’être.' });
