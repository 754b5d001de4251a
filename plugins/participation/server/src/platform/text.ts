import crypto from 'crypto';
/** Lower-case, accent-free, single-spaced form of a name, for accent- and case-insensitive search. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** How people shorten place names: « st nazaire » is Saint-Nazaire, « ste luce » Sainte-Luce-sur-Loire. */
const PLACE_ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };

/** The search key of what someone typed to find a place: accents, case, hyphens and the usual abbreviations forgiven. */
export function placeSearchKey(text: string): string {
  return searchKey(text)
    .split(' ')
    .map((word) => PLACE_ABBREVIATIONS[word] ?? word)
    .join(' ');
}

/** Escapes LIKE wildcards so that user text is matched literally (used with `ESCAPE '\\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export const ERASED_AUTHOR = 'Participant·e supprimé·e';
const ANONYMOUS_NAME = 'Participant·e';

/** The name shown for a citizen: their username, unless it would publish an email address. */
export function publicDisplayName(username: string | null | undefined): string {
  if (!username || /@/.test(username)) return ANONYMOUS_NAME;
  return username.slice(0, 80);
}

/**
 * Same words, same author, same place: a repeated post (a double click, a resent form). Case, accents and spacing do
 * not make it new. Stored beside what a citizen files, under a unique index, so that the database keeps one.
 */
export const contentHash = (...parts: string[]) => crypto.createHash('sha256').update(parts.map(searchKey).join('\u0000')).digest('hex');
