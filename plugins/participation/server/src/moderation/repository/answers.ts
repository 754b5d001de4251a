import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { rowsOf, type RawRow } from '../../platform/database/rows';
import type { ModerationStatus } from '../domain/moderation';
import { MODERATED } from './index';

/** The columns of an official answer: public now, or held (private) until the consultation's results are out. */
export type AnswerPatch = { held: true; status: string; text: string; at: Date } | { held: false; status: string; text: string; at: Date };

/** Official answers on contributions: read the targets, write an answer, release the held ones. */
export function answersRepository(strapi: Core.Strapi) {
  const c = rowsOf(strapi, MODERATED.contribution);
  return {
    /** The contributions to answer, by document id: their moderation status and consultation. */
    async targets(trx: Knex.Transaction, documentIds: string[]) {
      const rows: RawRow[] = await trx(c.table)
        .select({ documentId: c.column('documentId'), status: c.column('status'), consultation: c.column('consultationDocumentId') })
        .whereIn(c.column('documentId'), documentIds);
      return new Map(rows.map((r) => [String(r.documentId), { status: r.status as ModerationStatus, consultation: String(r.consultation) }]));
    },

    /** Writes one answer: held in the private columns, or public (clearing any held one). */
    async write(trx: Knex.Transaction, documentId: string, answer: AnswerPatch) {
      const patch = answer.held
        ? { heldAnswerStatus: answer.status, heldAnswerText: answer.text, updatedAt: answer.at }
        : {
            officialAnswerStatus: answer.status,
            officialAnswerText: answer.text,
            officialAnswerAt: answer.at,
            heldAnswerStatus: null,
            heldAnswerText: null,
            updatedAt: answer.at,
          };
      await trx(c.table).where(c.column('documentId'), documentId).update(c.toColumns(patch));
    },

    /** Makes a consultation's held answers public at `at`; returns the contributions answered so. */
    async releaseHeld(trx: Knex.Transaction, consultationDocumentId: string, at: Date): Promise<string[]> {
      const held = trx(c.table).where(c.column('consultationDocumentId'), consultationDocumentId).whereNotNull(c.column('heldAnswerStatus'));
      const released: RawRow[] = await held.clone().select({ documentId: c.column('documentId') });
      await held.clone().update({
        [c.column('officialAnswerStatus')]: trx.ref(c.column('heldAnswerStatus')),
        [c.column('officialAnswerText')]: trx.ref(c.column('heldAnswerText')),
        [c.column('officialAnswerAt')]: at,
        [c.column('heldAnswerStatus')]: null,
        [c.column('heldAnswerText')]: null,
        [c.column('updatedAt')]: at,
      });
      return released.map((r) => String(r.documentId));
    },
  };
}
