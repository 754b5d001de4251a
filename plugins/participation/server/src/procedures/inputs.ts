import * as z from 'zod/v4';
import { paginationQuery } from '../platform/validation';

/** Request schemas of the registers. */
export const registerQuery = z.strictObject({
  ...paginationQuery,
  q: z.string().trim().max(100).optional().meta({ description: 'Recherche dans les textes publiés' }),
});
export const registerExportQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional().default('json') });
