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
  if (tooDeep(result.data)) throw validationFailed([{ path: ['page'], message: TOO_DEEP }]);
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

/**
 * How far page numbers reach: a page starting beyond this many items is refused (400 on `page`), on every list.
 * An `OFFSET` reads and drops every row before the page, so one request for page 60 000 of a consultation with a
 * million and a half contributions held the database for 4.5 s: a way for anyone to saturate it. Deeper, a list
 * is followed by its cursor (`meta.nextCursor`, one index seek at any depth) or narrowed by its filters.
 */
export const MAX_PAGE_DEPTH = 10_000;
const TOO_DEEP = `Page trop lointaine : les numéros de page couvrent les ${MAX_PAGE_DEPTH.toLocaleString('fr-FR')} premiers éléments ; au-delà, suivez meta.nextCursor quand la liste en donne un, ou affinez-la par ses filtres.`;

const tooDeep = (data: unknown) => {
  const { page, pageSize } = (data ?? {}) as { page?: unknown; pageSize?: unknown };
  return typeof page === 'number' && typeof pageSize === 'number' && (page - 1) * pageSize >= MAX_PAGE_DEPTH;
};

/** Page and page size of every list; `parseInput` refuses a page that starts beyond MAX_PAGE_DEPTH items. */
export const paginationQuery = {
  page: queryInt(1, 1_000_000)
    .optional()
    .default(1)
    .meta({
      description: `Numéro de page, à partir de 1 ; une page doit commencer dans les ${MAX_PAGE_DEPTH} premiers éléments (au-delà : le curseur, ou des filtres).`,
    }),
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
