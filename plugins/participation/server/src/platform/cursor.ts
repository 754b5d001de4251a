import crypto from 'crypto';
import * as z from 'zod/v4';
import { validationFailed } from './errors';

/**
 * Keyset pagination: an opaque cursor names the last item of a page (its sort value and id), the sort it was
 * made for and the number of the page that follows, so a deep page costs what the first one does (an index
 * seek, no OFFSET scan), and the answer still says which page it is.
 *
 * A cursor is `payload.signature`: the payload is base64url JSON, the signature an HMAC-SHA256 of it with a key
 * derived from the server's first APP_KEYS value. A cursor the server did not make, or made for another sort,
 * is refused with 400 before it reaches SQL; its values are also checked, so even a leaked key cannot make it fail.
 */
export const CURSOR_SORTS = ['-createdAt', '-supportsCount'] as const;
export type CursorSort = (typeof CURSOR_SORTS)[number];

const MAX_ID = 2_147_483_647;
const cursorSchema = z.strictObject({
  s: z.enum(CURSOR_SORTS),
  p: z.int().min(2).max(10_000_000),
  v: z.union([z.int().min(0).max(MAX_ID), z.iso.datetime({ offset: true })]),
  id: z.int().min(1).max(MAX_ID),
});
export type Cursor = z.infer<typeof cursorSchema>;

/** The derivation label of the cursor key: changing it invalidates every cursor in circulation. */
const KEY_LABEL = 'participation-cursor-v1';
const SIGNATURE_LENGTH = 22;

const refuse = () => validationFailed([{ path: ['cursor'], message: 'Curseur invalide : reprenez la liste depuis sa première page.' }]);

/** Signs and checks cursors with a key derived from `secret` (the server's first APP_KEYS value). */
export function cursorCodec(secret: string) {
  const key = crypto.createHmac('sha256', secret).update(KEY_LABEL).digest();
  const sign = (payload: string) => crypto.createHmac('sha256', key).update(payload).digest('base64url').slice(0, SIGNATURE_LENGTH);
  return {
    encode(cursor: Cursor): string {
      const payload = Buffer.from(JSON.stringify(cursor)).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    /** The cursor, if this server made it for this sort; 400 on anything else. */
    decode(text: string, sort: CursorSort): Cursor {
      const [payload, signature, extra] = text.split('.');
      if (!payload || !signature || extra !== undefined) throw refuse();
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) throw refuse();
      let cursor: Cursor;
      try {
        cursor = cursorSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      } catch {
        throw refuse();
      }
      const valueFits = sort === '-supportsCount' ? typeof cursor.v === 'number' : typeof cursor.v === 'string';
      if (cursor.s !== sort || !valueFits) throw refuse();
      return cursor;
    },
  };
}
