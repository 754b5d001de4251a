import type { Core } from '@strapi/strapi';
import type { ErrorCode } from '../../platform/errors';
import { getService } from '../../platform/services';
import type { Decision, ModerationStatus, TargetType } from '../domain/moderation';
import { moderationRepository, type ModerationActor } from '../repository';
import { transaction } from '../../platform/database/transaction';

export type DecisionItemOutcome =
  { type: TargetType; id: string; ok: true; status: ModerationStatus } | { type: TargetType; id: string; ok: false; code: ErrorCode; message: string };

/** Agents' bulk decisions: each item in its own transaction, an outcome per item; the author's mail is in it (outbox). */
export async function decideMany(
  strapi: Core.Strapi,
  items: { type: TargetType; id: string }[],
  decision: Decision,
  reason: string | null,
  note: string | null,
  actor: ModerationActor
): Promise<DecisionItemOutcome[]> {
  const repository = moderationRepository(strapi);
  const results: DecisionItemOutcome[] = [];
  for (const { type, id } of items) {
    const outcome = await transaction(strapi, async (trx): Promise<DecisionItemOutcome> => {
      const item = await repository.loadItem(type, id, trx);
      if (!item) return { type, id, ok: false, code: 'not_found', message: 'Élément introuvable.' };
      const done = await repository.applyDecision(trx, type, item, decision, actor, reason, note);
      if (!done) return { type, id, ok: false, code: 'stale_state', message: "L'élément vient d'être modéré par quelqu'un d'autre." };
      if ('refused' in done) return { type, id, ok: false, ...done.refused };
      await getService(strapi, 'notifications').onModerationDecided(trx, done);
      return { type, id, ok: true, status: done.to };
    });
    results.push(outcome);
  }
  return results;
}
