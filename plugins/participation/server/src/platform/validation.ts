import * as z from 'zod/v4';
import { fr } from 'zod/v4/locales';
import { validationFailed } from './errors';

const frenchErrors = fr().localeError;

/**
 * Parses untrusted input with a zod schema; on failure throws a 400 `validation_failed`
 * listing each field path with a French message. Nothing downstream runs on bad input.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { error: frenchErrors });
  if (!result.success) {
    throw validationFailed(
      result.error.issues.map((issue) => ({
        path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        message: issue.message,
      }))
    );
  }
  return result.data;
}

/** A page number or page size sent in a query string. */
const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,7}$/, { error: 'Nombre entier attendu.' })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export const paginationQuery = {
  page: queryInt(1, 1_000_000).optional().default(1),
  pageSize: queryInt(1, MAX_PAGE_SIZE).optional().default(DEFAULT_PAGE_SIZE),
};

/** Free text search: bounded, trimmed, matched literally. */
export const searchText = z.string().trim().min(1).max(100);

export type Pagination = { page: number; pageSize: number; pageCount: number; total: number };

export const paginationMeta = (page: number, pageSize: number, total: number): Pagination => ({
  page,
  pageSize,
  pageCount: Math.ceil(total / pageSize),
  total,
});
