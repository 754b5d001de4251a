import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { findLifecycle } from '../../consultations/public';
import { notFound } from '../../platform/errors';
import type { ANSWER_STATUSES } from '../domain/moderation';
import { answersRepository } from '../repository/answers';
import { getService } from '../../platform/services';
import { transaction } from '../../platform/database/transaction';

export type Answer = { status: (typeof ANSWER_STATUSES)[number]; text: string; release: 'now' | 'with_results' };

/** Once results are out, an answer held "for the results" has nothing left to wait for. */
const RESULTS_OUT = new Set(['results_published', 'archived']);

/**
 * An agent's official answer to one or more contributions: public with each contribution at once, or held
 * (private columns) until the consultation's results are published, when `releaseHeldAnswers` makes them public.
 */
export async function answerContributions(strapi: Core.Strapi, documentIds: string[], answer: Answer) {
  const answers = answersRepository(strapi);
  const now = new Date();
  return transaction(strapi, async (trx) => {
    const found = await answers.targets(trx, documentIds);
    const results: (
      | { documentId: string; ok: true; status: Answer['status']; text: string; answeredAt: Date; visible: boolean; held: boolean }
      | { documentId: string; ok: false; code: 'not_found' }
    )[] = [];
    const states = new Map<string, string | null>();
    for (const documentId of documentIds) {
      const row = found.get(documentId);
      if (!row) {
        results.push({ documentId, ok: false, code: 'not_found' });
        continue;
      }
      const consultation = row.consultation;
      if (!states.has(consultation)) states.set(consultation, (await findLifecycle(strapi, consultation, trx))?.status ?? null);
      const held = answer.release === 'with_results' && !RESULTS_OUT.has(states.get(consultation) ?? '');
      await answers.write(trx, documentId, { held, status: answer.status, text: answer.text, at: now });
      // Answering is allowed whatever the moderation status; `visible` says whether the public sees it now.
      results.push({ documentId, ok: true, status: answer.status, text: answer.text, answeredAt: now, visible: !held && row.status === 'published', held });
    }
    const published = results.flatMap((r) => (r.ok && r.visible ? [{ documentId: r.documentId, at: now }] : []));
    await getService(strapi, 'notifications').onAnswersPublished(trx, published);
    return results;
  });
}

/** The single answer of the admin API: 404 when the contribution does not exist. */
export async function answerContribution(strapi: Core.Strapi, documentId: string, answer: Answer) {
  const [result] = await answerContributions(strapi, [documentId], answer);
  if (!result.ok) throw notFound('Contribution introuvable.');
  const { ok: _ok, documentId: _id, ...rest } = result;
  return rest;
}

/** Publishing results makes the answers held for them public, in the transition's transaction. */
export async function releaseHeldAnswers(strapi: Core.Strapi, trx: Knex.Transaction, consultationDocumentId: string, at: Date) {
  const released = await answersRepository(strapi).releaseHeld(trx, consultationDocumentId, at);
  await getService(strapi, 'notifications').onAnswersPublished(
    trx,
    released.map((documentId) => ({ documentId, at }))
  );
}
