import * as z from 'zod/v4';

/**
 * Response schemas of the public and admin APIs: shared primitives. The OpenAPI document is generated from them, and the contract tests
 * validate real responses against that document: a key the code adds without adding it here fails a test.
 */
export const dateTime = z.iso.datetime({ offset: true });
export const nullable = <T extends z.ZodType>(t: T) => t.nullable();

export const Pagination = z.object({ page: z.int(), pageSize: z.int(), pageCount: z.int(), total: z.int() }).meta({ id: 'Pagination' });
export const listMeta = z.object({ pagination: Pagination });

export const ErrorEnvelope = z
  .object({
    data: z.null(),
    error: z.object({
      status: z.int(),
      name: z.string(),
      message: z.string(),
      details: z.object({
        code: z.string(),
        errors: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
      }),
    }),
  })
  .meta({ id: 'Error', description: "Enveloppe d'erreur de Strapi ; `details.code` est stable, `message` est en français." });

export const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), meta: listMeta });

/** A list that can also be walked by cursor (keyset pagination): same meta, plus the next page's cursor. */
export const cursorList = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    meta: listMeta.extend({
      nextCursor: nullable(z.string()).meta({
        description: 'À passer en `cursor` pour obtenir la page suivante, aussi vite en profondeur qu’en tête de liste ; null à la fin.',
      }),
    }),
  });
export const one = <T extends z.ZodType>(item: T) => z.object({ data: item });

/** A count per value of an enumeration (every value present, 0 included). */
export const countsBy = <const V extends string>(values: readonly V[]) => z.object(Object.fromEntries(values.map((v) => [v, z.int()])) as Record<V, z.ZodInt>);
