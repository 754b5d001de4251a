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

/** The observation a scan documents. */
export const scanParams = z.strictObject({
  documentId: z.string().min(1).max(64),
  number: z.coerce.number({ error: 'Numéro d’observation attendu.' }).int().min(1).max(10_000_000),
});

/** A scan's form fields besides its file (form fields are text). */
export const scanFields = z.strictObject({
  publishable: z.enum(['true', 'false'], { error: '« publishable » vaut true ou false.' }).optional().default('false').meta({
    description: '`true` : publiée avec l’observation (l’agent a masqué les coordonnées personnelles). Par défaut, réservée aux agents et au garant.',
  }),
});
