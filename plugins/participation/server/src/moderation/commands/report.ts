import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { participationContext } from '../../consultations/public';
import { reportRefusal } from '../../contributions/domain/policy';
import { isTrue, rowsOf, type RawRow, toDate } from '../../platform/database/rows';
import { fail, notFound } from '../../platform/errors';
import { getService } from '../../platform/services';
import type { PluginConfig } from '../../config';
import { DEFAULT_REPORT_THRESHOLD } from '../../consultations/domain/policy';
import { reachesAutoHide, reportCounts, type ModerationStatus, type TargetType } from '../domain/moderation';
import { MODERATED, moderationRepository, REPORT, type Decided } from '../repository';
import { transaction } from '../../platform/database/transaction';

/**
 * POST /contributions/:id/reports and /comments/:id/reports: one per citizen per item (unique index). When the
 * reports that count (moderation/domain/moderation.ts `reportCounts`, since the last moderator decision) reach the
 * consultation's threshold, a published item is hidden pending review, once; its author is told after commit.
 */
export async function reportItem(strapi: Core.Strapi, type: TargetType, documentId: string, citizen: Citizen, input: { reason: string; details?: string }) {
  const repository = moderationRepository(strapi);
  const knex = strapi.db.connection;
  const item = await repository.loadItem(knex, type, documentId);
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
  const reporter = await reporterAccount(strapi, citizen.id);
  const counted = reportCounts(reporter, now, reportRules.minAccountAgeMinutes);
  const r = rowsOf(strapi, REPORT);
  const target = rowsOf(strapi, MODERATED[type]);
  let hidden: Decided | null = null;
  await transaction(strapi, async (trx) => {
    const inserted = await trx(r.table)
      .insert(
        r.newRow(
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
        )
      )
      .onConflict([r.column('targetType'), r.column('targetId'), r.column('userId')])
      .ignore()
      .returning([r.column('id')]);
    if (!inserted.length) throw fail('already_reported');
    // Every report is counted for moderators; only those that count move the auto-hide counter.
    const [counters] = (await trx(target.table)
      .where(target.column('id'), item.id)
      .update({
        [target.column('reportsCount')]: trx.raw('COALESCE(??, 0) + 1', [target.column('reportsCount')]),
        // Rows written before this column existed hold NULL: they start from zero.
        [target.column('reportsSinceDecision')]: trx.raw('COALESCE(??, 0) + ?', [target.column('reportsSinceDecision'), counted ? 1 : 0]),
      })
      .returning([target.column('reportsSinceDecision'), target.column('status')])) as RawRow[];
    const n = Number(counters[target.column('reportsSinceDecision')]);
    if (counted && reachesAutoHide(n, threshold, counters[target.column('status')] as ModerationStatus)) {
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

/** What `reportCounts` needs to know of the reporter's account. */
async function reporterAccount(strapi: Core.Strapi, userId: number) {
  const u = rowsOf(strapi, 'plugin::users-permissions.user');
  const row: RawRow | undefined = await strapi.db
    .connection(u.table)
    .select({ confirmed: u.column('confirmed'), createdAt: u.column('createdAt') })
    .where(u.column('id'), userId)
    .first();
  return { confirmed: isTrue(row?.confirmed), createdAt: toDate(row?.createdAt) };
}
