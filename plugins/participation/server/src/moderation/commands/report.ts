import type { Core } from '@strapi/strapi';
import { citizenStanding, type Citizen } from '../../platform/citizen';
import { participationContext } from '../../consultations/public';
import { reportRefusal } from '../../contributions/domain/policy';
import { fail, notFound } from '../../platform/errors';
import { getService } from '../../platform/services';
import type { PluginConfig } from '../../config';
import { DEFAULT_REPORT_THRESHOLD } from '../../consultations/domain/policy';
import { reachesAutoHide, reportCounts, type TargetType } from '../domain/moderation';
import { moderationRepository, type Decided } from '../repository';
import { transaction } from '../../platform/database/transaction';

/**
 * POST /contributions/:id/reports and /comments/:id/reports: one per citizen per item (unique index). When the
 * reports that count (moderation/domain/moderation.ts `reportCounts`, since the last moderator decision) reach the
 * consultation's threshold, a published item is hidden pending review, once; its author is told after commit.
 */
export async function reportItem(strapi: Core.Strapi, type: TargetType, documentId: string, citizen: Citizen, input: { reason: string; details?: string }) {
  const repository = moderationRepository(strapi);
  const item = await repository.loadItem(type, documentId);
  const missing = () => notFound(type === 'contribution' ? 'Contribution introuvable.' : 'Commentaire introuvable.');
  if (!item) throw missing();
  const refusal = reportRefusal({ status: item.status, isAuthor: item.authorId === citizen.id }, true, false);
  if (refusal === 'contribution_not_published') throw missing();
  if (refusal) throw fail(refusal);
  // A consultation's own threshold; a budget project's comments take the platform's.
  const context = item.consultationDocumentId ? await participationContext(strapi, { documentId: item.consultationDocumentId }) : null;
  const threshold = context?.rules.reportThreshold ?? DEFAULT_REPORT_THRESHOLD;
  const { reports: reportRules } = strapi.config.get('plugin::participation') as PluginConfig;
  const now = new Date();
  const reporter = await citizenStanding(strapi, citizen.id);
  const counted = reportCounts(reporter, now, reportRules.minAccountAgeMinutes);
  let hidden: Decided | null = null;
  await transaction(strapi, async (trx) => {
    const inserted = await repository.insertReport(
      trx,
      {
        targetType: type,
        targetId: item.id,
        userId: citizen.id,
        reason: input.reason,
        details: input.details ?? null,
        counted,
        reporterSince: reporter.createdAt,
      },
      now
    );
    if (!inserted) throw fail('already_reported');
    // Every report is counted for moderators; only those that count move the auto-hide counter.
    const counters = await repository.countReport(trx, type, item.id, counted);
    const n = counters.reportsSinceDecision;
    if (counted && reachesAutoHide(n, threshold, counters.status)) {
      const done = await repository.applyDecision(
        trx,
        type,
        { ...item, status: 'published' },
        'auto_hide',
        { type: 'system' },
        `Masqué après ${n} signalements`,
        null,
        now
      );
      if (done && !('refused' in done)) {
        hidden = done;
        await getService(strapi, 'notifications').onModerationDecided(trx, done, now);
      }
    }
  });
  return { data: { documentId, reported: true as const, hidden: !!hidden } };
}
