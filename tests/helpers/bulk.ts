import { createId } from '@paralleldrive/cuid2';
import type { TestApp } from './strapi';

export type BulkContribution = { status: string; createdAt: Date; reports?: number; title?: string; body?: string };

/**
 * Contributions written straight to their table, as a busy consultation accumulates them: setup of large volumes
 * only (what is checked is read through HTTP). Returns their documentIds in the order given.
 */
export async function insertContributions(app: TestApp, consultationDocumentId: string, specs: BulkContribution[]): Promise<string[]> {
  const now = new Date();
  const rows = specs.map((s, i) => ({
    document_id: createId(),
    consultation_document_id: consultationDocumentId,
    title: s.title ?? `Contribution ${i}`,
    body: s.body ?? 'Une contribution parmi beaucoup d’autres.',
    channel: 'web',
    status: s.status,
    reports_count: s.reports ?? 0,
    reports_since_decision: s.reports ?? 0,
    supports_count: 0,
    comments_count: 0,
    created_at: s.createdAt,
    updated_at: now,
    published_at: now,
  }));
  for (let i = 0; i < rows.length; i += 200) await app.strapi.db.connection('participation_contributions').insert(rows.slice(i, i + 200));
  return rows.map((r) => r.document_id);
}
