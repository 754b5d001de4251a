import { searchKey } from '../../platform/text';

/**
 * What an account may be called and protected with. Pure.
 *
 * Passwords follow the CNIL recommendation (délibération n° 2022-100 du 21 juillet 2022) for authentication by
 * password alone: an entropy of at least 80 bits, estimated as length × log2(size of the alphabet used). Its
 * examples pass: 12 characters mixing upper case, lower case, digits and special characters; 14 characters mixing
 * upper case, lower case and digits; a passphrase of 7 words or more. A password that contains the account's name
 * or e-mail, or that is one character repeated or a run of the keyboard, is refused whatever its length.
 */
export const MIN_ENTROPY_BITS = 80;
const MAX_PASSWORD_LENGTH = 128;

const ALPHABETS: [RegExp, number][] = [
  [/[a-z]/, 26],
  [/[A-Z]/, 26],
  [/[0-9]/, 10],
  // Accented letters, punctuation, spaces: the CNIL counts 37 special characters.
  [/[^a-zA-Z0-9]/, 37],
];

export function passwordEntropy(password: string): number {
  const pool = ALPHABETS.reduce((size, [pattern, n]) => size + (pattern.test(password) ? n : 0), 0);
  return pool ? [...password].length * Math.log2(pool) : 0;
}

const RUNS = ['azertyuiop', 'qwertyuiop', 'abcdefghijklmnopqrstuvwxyz', '01234567890', 'motdepasse', 'password'];

/** Why this password is refused (a French sentence for the sign-up form), or null when it is strong enough. */
export function passwordProblem(password: string, account: { username?: string; email?: string }): string | null {
  if (password.length > MAX_PASSWORD_LENGTH) return `Le mot de passe ne doit pas dépasser ${MAX_PASSWORD_LENGTH} caractères.`;
  const key = password.toLowerCase();
  const personal = [account.username, account.email?.split('@')[0]].map((v) => (v ?? '').toLowerCase()).filter((v) => v.length >= 3);
  if (personal.some((v) => key.includes(v))) return 'Le mot de passe ne doit pas contenir votre pseudonyme ni votre adresse e-mail.';
  if (/^(.)\1*$/.test(password) || RUNS.some((run) => run.includes(key))) {
    return 'Ce mot de passe est trop facile à deviner.';
  }
  if (Math.round(passwordEntropy(password)) < MIN_ENTROPY_BITS) {
    return 'Mot de passe trop faible : au moins 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux, ou 14 caractères avec majuscules, minuscules et chiffres, ou une phrase de 7 mots.';
  }
  return null;
}

/** Names the platform itself signs with, or that would pass for staff: nobody may take them. */
export const RESERVED_NAMES = [
  'Participant·e supprimé·e',
  'Participant·e',
  'Anonyme',
  'Contribution papier',
  'Contribution reçue par courrier',
  'Contribution en réunion publique',
  'Modération',
  'Modérateur',
  'Modératrice',
  'Administrateur',
  'Administratrice',
  'Admin',
  'Département',
  'Département de Loire-Atlantique',
  'Loire-Atlantique',
  'Participer',
  'Équipe participation',
  'Système',
];
const RESERVED_KEYS = RESERVED_NAMES.map(searchKey);
const RESERVED_WORDS = [
  'moderat',
  'administrat',
  'loire atlantique',
  'participant e supprim',
  'contribution papier',
  'contribution recue',
  'contribution en reunion',
];

/** Why this display name is refused, or null: reserved names, whatever their case, accents or spacing. */
export function displayNameProblem(username: string): string | null {
  const key = searchKey(username);
  if (!key) return 'Choisissez un pseudonyme avec des lettres ou des chiffres.';
  if (RESERVED_KEYS.includes(key) || RESERVED_WORDS.some((w) => key.includes(w))) return 'Ce pseudonyme est réservé : choisissez-en un autre.';
  return null;
}
