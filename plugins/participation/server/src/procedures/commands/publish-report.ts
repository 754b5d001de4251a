import type { Core } from '@strapi/strapi';
import { CLOSED_STATES } from '../../consultations/domain/policy';
import { isUniqueViolation } from '../../platform/database/rows';
import { fail, forbiddenWithReason, validationFailed } from '../../platform/errors';
import { getService } from '../../platform/services';
import { PROCEDURES, reportRefusal, settingsOf, type ReportKind } from '../domain/rules';
import { registerRepository } from '../repository';

/**
 * The overseer publishes their bilan or report (or an agent on their behalf, or the synthesis where the law names no
 * overseer); agents publish the owner's response after it. Dated by its author, never in the future; once each.
 */
export async function publishReport(strapi: Core.Strapi, documentId: string, input: { kind: ReportKind; title: string; body: string; date: string }) {
  const queries = getService(strapi, 'procedure-sheets');
  const { doc, row } = await queries.one(documentId);
  const who = queries.viewer();
  if (input.date > new Date().toISOString().slice(0, 10))
    throw validationFailed(
      [{ path: ['date'], message: 'La date du document ne peut pas être dans le futur.' }],
      'La date du document ne peut pas être dans le futur.'
    );
  const settings = settingsOf(doc);
  const existing = (await registerRepository(strapi).reports([documentId])).get(documentId) ?? [];
  const refusal = reportRefusal(settings.kind, input.kind, {
    closed: !!row && CLOSED_STATES.has(row.status),
    published: existing.map((r) => r.kind),
    isOverseer: queries.isOverseer(doc, who.email),
    mayConfigure: who.mayConfigure,
  });
  if (refusal) {
    if (existing.some((r) => r.kind === input.kind)) throw fail('already_published', refusal);
    if (!row || !CLOSED_STATES.has(row.status) || (input.kind === 'response' && !existing.some((r) => r.kind === 'report')))
      throw fail('procedure_not_ready', refusal);
    throw forbiddenWithReason(refusal, { code: 'permission_required' });
  }
  const template = PROCEDURES[settings.kind];
  const authorName = input.kind === 'report' && template.overseer ? settings.overseerName : null;
  try {
    await registerRepository(strapi).insertReport(documentId, {
      kind: input.kind,
      title: input.title,
      body: input.body,
      reportDate: input.date,
      authorName,
      publishedById: who.id,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('already_published', 'Ce document est déjà publié.');
    throw error;
  }
  return queries.detail(documentId);
}
