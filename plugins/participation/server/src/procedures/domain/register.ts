import { createHash } from 'crypto';

/**
 * The register of a procedure is tamper-evident: each entry's hash covers the previous entry's hash, its number,
 * when it was received, its channel and the hash of its text as received. Changing, removing or inserting an entry
 * changes every hash after it, and the head (the last hash) the platform publishes. An entry withheld from the public
 * (moderation) keeps its number and its hashes: the chain stays verifiable without its text.
 */

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash before the first entry: the register of one consultation, never another's. */
export const genesisHash = (consultationDocumentId: string) => sha256(`participer:registre:${consultationDocumentId}`);

export type RegisteredText = { title: string | null; body: string | null; territoryCode: string | null };

export const textHashOf = (text: RegisteredText) => sha256(JSON.stringify([text.title ?? '', text.body ?? '', text.territoryCode ?? null]));

export type ChainedFields = { previousHash: string; number: number; receivedAt: string; channel: string; textHash: string };

export const entryHashOf = (e: ChainedFields) => sha256([e.previousHash, String(e.number), e.receivedAt, e.channel, e.textHash].join('\n'));

/** An entry as the register is exported: the text only when it is public. */
export type ExportedEntry = ChainedFields & {
  entryHash: string;
  title?: string | null;
  body?: string | null;
  territoryCode?: string | null;
  visibility?: string;
};

export type Verification = { ok: true; count: number; head: string } | { ok: false; count: number; number: number; problem: string };

/**
 * Checks an exported register: numbers from 1 without gap, each entry chained to the one before, each public text
 * matching its hash, and the last hash equal to `head` when one is given.
 */
export function verifyRegister(consultationDocumentId: string, entries: ExportedEntry[], head?: string | null): Verification {
  let previous = genesisHash(consultationDocumentId);
  const sorted = [...entries].sort((a, b) => a.number - b.number);
  for (const [index, entry] of sorted.entries()) {
    const fail = (problem: string): Verification => ({ ok: false, count: sorted.length, number: entry.number, problem });
    if (entry.number !== index + 1) return fail(`numéro ${index + 1} attendu, ${entry.number} trouvé : une observation manque ou est en double`);
    if (entry.previousHash !== previous)
      return fail('l’empreinte précédente ne correspond pas : une observation a été retirée, ajoutée ou modifiée avant celle-ci');
    if (entry.title !== undefined && entry.body !== undefined && entry.title !== null && entry.body !== null) {
      const text = { title: entry.title, body: entry.body, territoryCode: entry.territoryCode ?? null };
      if (textHashOf(text) !== entry.textHash) return fail('le texte ne correspond pas à son empreinte : il a été modifié');
    }
    if (entryHashOf(entry) !== entry.entryHash) return fail('l’empreinte de l’observation ne correspond pas à son contenu : elle a été modifiée');
    previous = entry.entryHash;
  }
  if (head && head !== previous) {
    return {
      ok: false,
      count: sorted.length,
      number: sorted.length,
      problem: 'la dernière empreinte diffère de la tête publiée par la plateforme : le registre est incomplet ou modifié',
    };
  }
  return { ok: true, count: sorted.length, head: previous };
}
