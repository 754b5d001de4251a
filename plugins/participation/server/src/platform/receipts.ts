import { randomBytes } from 'node:crypto';

const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A receipt code a person can keep and quote (ten characters in two groups, none that reads as another: no 0/O, 1/I). */
export const newReceipt = () =>
  [...randomBytes(10)]
    .map((b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length])
    .join('')
    .replace(/^(.{5})/, '$1-');
