import type { Core } from '@strapi/strapi';
import type { Db } from '../../platform/database/rows';
import type { RegisteredText } from '../domain/register';
import { PROCEDURES, type ProcedureKind } from '../domain/rules';
import { registerRepository } from '../repository';

/** Whether a consultation running this procedure keeps a numbered public register of its observations. */
export const keepsRegister = (kind: ProcedureKind) => PROCEDURES[kind].register;

/**
 * An observation received by a procedure (online, by mail, by post, at a permanence) takes its number in the
 * register, in the transaction that writes it: both commit, or neither. `receivedAt`: when a letter or an oral
 * observation was received; null for one made online (received as it is registered).
 */
export function recordObservation(
  strapi: Core.Strapi,
  trx: Db,
  consultationDocumentId: string,
  observation: { contributionDocumentId: string; channel: string; receivedAt: Date | null; text: RegisteredText }
) {
  return registerRepository(strapi).append(trx, consultationDocumentId, observation);
}
