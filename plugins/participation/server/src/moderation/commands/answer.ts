import type { Core } from '@strapi/strapi';
import type { RawRow } from '../../consultations/repository';
import { rowsOf } from '../../platform/database/rows';
import { notFound } from '../../platform/errors';
import type { ANSWER_STATUSES } from '../domain/moderation';
import { MODERATED } from '../repository';

/** An agent's official answer to a contribution, public with it. */
export async function answerContribution(strapi: Core.Strapi, documentId: string, answer: { status: (typeof ANSWER_STATUSES)[number]; text: string }) {
  const c = rowsOf(strapi, MODERATED.contribution);
  const now = new Date();
  const [row] = (await strapi.db
    .connection(c.table)
    .where(c.column('documentId'), documentId)
    .update(c.toColumns({ officialAnswerStatus: answer.status, officialAnswerText: answer.text, officialAnswerAt: now, updatedAt: now }))
    .returning([c.column('status')])) as RawRow[];
  if (!row) throw notFound('Contribution introuvable.');
  // Answering is allowed whatever the moderation status; `visible` says whether the public sees it now.
  return { status: answer.status, text: answer.text, answeredAt: now, visible: row[c.column('status')] === 'published' };
}
