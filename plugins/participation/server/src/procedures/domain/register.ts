import { createHash } from 'crypto';
import {
  chainedText,
  genesisText,
  registeredText,
  verifyChain,
  type ChainedFields,
  type ExportedEntry,
  type RegisteredText,
} from '../../../../shared/register-chain';

/**
 * The register of a procedure is tamper-evident: each entry's hash covers the previous entry's hash, its number,
 * when it was received, its channel and the hash of its text as received (shared/register-chain.ts defines what is
 * hashed). Changing, removing or inserting an entry changes every hash after it, and the head (the last hash) the
 * platform publishes. An entry withheld from the public (moderation) keeps its number and its hashes: the chain stays
 * verifiable without its text.
 */

export type { ExportedEntry, RegisteredText };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const genesisHash = (consultationDocumentId: string) => sha256(genesisText(consultationDocumentId));
export const textHashOf = (text: RegisteredText) => sha256(registeredText(text));
export const entryHashOf = (e: ChainedFields) => sha256(chainedText(e));

/** Verifies an exported register with Node's SHA-256 (see shared/register-chain.ts). */
export const verifyRegister = (consultationDocumentId: string, entries: ExportedEntry[], head?: string | null) =>
  verifyChain(sha256, consultationDocumentId, entries, head);
