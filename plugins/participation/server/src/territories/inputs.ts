import * as z from 'zod/v4';
import { paginationQuery, searchText } from '../platform/validation';
import { slug, text } from '../contract/base-inputs';

/** Request schemas of this capability's routes: controllers parse with them, the OpenAPI document is generated from them. */
export const territoriesQuery = z.strictObject({
  q: searchText.optional(),
  kind: z.enum(['departement', 'epci', 'commune']).optional(),
  ...paginationQuery,
});

export const themesQuery = z.strictObject({ ...paginationQuery });

export const groupingParams = z.object({ key: slug });

export const groupingImportBody = z.strictObject({ key: slug.max(40), name: text(2, 120), csv: z.string().min(1).max(2_000_000) });
