import * as z from 'zod/v4';
import { paginationQuery } from '../platform/validation';

/** Request schemas of the registers. */
export const registerQuery = z.strictObject({
  ...paginationQuery,
  q: z.string().trim().max(100).optional().meta({ description: 'Recherche dans les textes publiés' }),
});
export const registerExportQuery = z.strictObject({ format: z.enum(['json', 'csv', 'pdf']).optional().default('json') });

/** A report, a synthesis or the owner's response, as its author publishes it. */
export const reportBody = z.strictObject({
  kind: z.enum(['report', 'response']),
  title: z.string().trim().min(3, { error: 'Indiquez un titre (3 caractères au moins).' }).max(200),
  body: z.string().trim().min(20, { error: 'Le texte compte au moins 20 caractères.' }).max(100_000),
  date: z.iso.date({ error: 'Date attendue au format AAAA-MM-JJ.' }),
});
