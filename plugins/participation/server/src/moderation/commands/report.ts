import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../accounts/citizen';
import { participationContext, type RawRow } from '../../consultations/repository';
import { reportRefusal } from '../../contributions/domain/policy';
import { rowsOf } from '../../platform/database/rows';
import { fail, notFound } from '../../platform/errors';
import { getService } from '../../platform/services';
import { DEFAULT_REPORT_THRESHOLD, reachesAutoHide, type ModerationStatus, type TargetType } from '../domain/moderation';
import { MODERATED, moderationRepository, REPORT, type Decided } from '../repository';

/**
 * POST /contributions/:id/reports and /comments/:id/reports: one per citizen per item (unique index). At the
 * consultation's threshold of distinct reports a published item is hidden pending review, once; its author is
 * told after commit.
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
  const context = await participationContext(strapi, { documentId: item.consultationDocumentId });
  const threshold = context?.rules.reportThreshold ?? DEFAULT_REPORT_THRESHOLD;
  const r = rowsOf(strapi, REPORT);
  const target = rowsOf(strapi, MODERATED[type]);
  let hidden: Decided | null = null;
  await knex.transaction(async (trx) => {
    const inserted = await trx(r.table)
      .insert(r.newRow({ targetType: type, targetId: item.id, userId: citizen.id, reason: input.reason, details: input.details ?? null }))
      .onConflict([r.column('targetType'), r.column('targetId'), r.column('userId')])
      .ignore()
      .returning([r.column('id')]);
    if (!inserted.length) throw fail('already_reported');
    const [counted] = (await trx(target.table)
      .where(target.column('id'), item.id)
      .increment(target.column('reportsCount'), 1)
      .returning([target.column('reportsCount'), target.column('status')])) as RawRow[];
    const n = Number(counted[target.column('reportsCount')]);
    if (reachesAutoHide(n, threshold, counted[target.column('status')] as ModerationStatus)) {
      const done = await repository.applyDecision(trx, type, { ...item, status: 'published' }, 'auto_hide', { type: 'system' }, `Masqué après ${n} signalements`, null);
      if (done && !('refused' in done)) hidden = done;
    }
  });
  if (hidden) await getService(strapi, 'notifications').moderationDecided(hidden);
  return { data: { documentId, reported: true as const, hidden: !!hidden } };
}
