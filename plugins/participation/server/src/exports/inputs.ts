import * as z from 'zod/v4';
import { EXPORT_FORMATS } from './domain/columns';

/** A consultation's export: spreadsheet or CSV, with personal data only for a role allowed them (checked, and logged). */
export const consultationExportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS).default('xlsx'),
  personal: z.enum(['true', 'false']).default('false'),
});
