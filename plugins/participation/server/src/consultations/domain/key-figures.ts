import * as z from 'zod/v4';

/** Results' key figures, e.g. `[{ "label": "contributions", "value": "1 240" }]`. */
export const keyFiguresSchema = z
  .array(z.strictObject({ label: z.string().trim().min(1).max(120), value: z.union([z.string().max(40), z.number()]) }))
  .max(20);
