import * as z from 'zod/v4';
import { validationFailed } from './errors';

/**
 * Keyset pagination: an opaque cursor names the last item of a page (its sort value and id) and the number of
 * the page that follows, so a deep page costs what the first one does (an index seek, no OFFSET scan), and the
 * answer still says which page it is.
 */
const cursorSchema = z.strictObject({ p: z.int().min(2).max(10_000_000), v: z.union([z.number(), z.string().max(40)]), id: z.int().min(1) });
export type Cursor = z.infer<typeof cursorSchema>;

export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeCursor(text: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw validationFailed([{ path: ['cursor'], message: 'Curseur invalide : reprenez la liste depuis sa première page.' }]);
  }
}
