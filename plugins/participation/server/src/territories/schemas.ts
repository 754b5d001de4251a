import * as z from 'zod/v4';
import { nullable } from '../platform/schemas';

export const Territory = z
  .object({
    documentId: z.string(),
    kind: z.enum(['departement', 'epci', 'commune']),
    name: z.string(),
    inseeCode: z.string(),
    postalCodes: z.array(z.string()),
    population: nullable(z.int()),
    parentCode: nullable(z.string()),
  })
  .meta({ id: 'Territory' });

export const Theme = z
  .object({ documentId: z.string(), name: z.string(), slug: z.string(), description: nullable(z.string()), color: nullable(z.string()) })
  .meta({ id: 'Theme' });
