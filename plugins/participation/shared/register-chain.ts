/**
 * The register of a legal procedure is a hash chain (SHA-256, hex): each entry's hash covers the previous entry's
 * hash, its number, when it was received, its channel and the hash of its text as received. This file is the one
 * definition of what is hashed and how a register is verified, shared by the server (which writes the chain), the
 * `npm run register:verify` command and the reference site's verification page (each brings its own SHA-256). Pure.
 */

/** SHA-256 of a UTF-8 text, as lowercase hex: Node's crypto on the server, WebCrypto in a browser. */
export type Sha256 = (text: string) => string | Promise<string>;

/** What the hash before the first entry covers: the register of one consultation, never another's. */
export const genesisText = (consultationDocumentId: string) => `participer:registre:${consultationDocumentId}`;

export type RegisteredText = { title: string | null; body: string | null; territoryCode: string | null };

/** What an entry's text hash covers: its title, body and commune as received. */
export const registeredText = (text: RegisteredText) => JSON.stringify([text.title ?? '', text.body ?? '', text.territoryCode ?? null]);

export type ChainedFields = { previousHash: string; number: number; receivedAt: string; channel: string; textHash: string };

/** What an entry's hash covers. */
export const chainedText = (e: ChainedFields) => [e.previousHash, String(e.number), e.receivedAt, e.channel, e.textHash].join('\n');

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
 * matching its hash, and the last hash equal to `head` when one is given (the head the platform publishes).
 */
export async function verifyChain(sha256: Sha256, consultationDocumentId: string, entries: ExportedEntry[], head?: string | null): Promise<Verification> {
  let previous = await sha256(genesisText(consultationDocumentId));
  const sorted = [...entries].sort((a, b) => a.number - b.number);
  for (const [index, entry] of sorted.entries()) {
    const fail = (problem: string): Verification => ({ ok: false, count: sorted.length, number: entry.number, problem });
    if (entry.number !== index + 1) return fail(`numéro ${index + 1} attendu, ${entry.number} trouvé : une observation manque ou est en double`);
    if (entry.previousHash !== previous)
      return fail('l’empreinte précédente ne correspond pas : une observation a été retirée, ajoutée ou modifiée avant celle-ci');
    if (typeof entry.title === 'string' && typeof entry.body === 'string') {
      const text = { title: entry.title, body: entry.body, territoryCode: entry.territoryCode ?? null };
      if ((await sha256(registeredText(text))) !== entry.textHash) return fail('le texte ne correspond pas à son empreinte : il a été modifié');
    }
    if ((await sha256(chainedText(entry))) !== entry.entryHash)
      return fail('l’empreinte de l’observation ne correspond pas à son contenu : elle a été modifiée');
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
