import * as z from 'zod/v4';
import { dateTime, nullable } from '../platform/schemas';
import { EXPORT_FORMATS } from './domain/columns';

/** A line of the exports log: what was exported, by whom, with or without personal data. */
export const ExportLogEntry = z
  .object({
    consultationDocumentId: z.string(),
    subjectType: z.string(),
    format: z.enum(EXPORT_FORMATS),
    personalData: z.boolean(),
    actorName: nullable(z.string()),
    at: dateTime,
  })
  .meta({ id: 'ExportLogEntry' });
