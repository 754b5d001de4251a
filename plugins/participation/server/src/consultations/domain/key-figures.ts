import * as z from 'zod/v4';

/** Results' key figures, e.g. `[{ "label": "contributions", "value": 1240, "unit": "€" }]`. */
export const keyFigureSchema = z.strictObject({
  label: z.string().trim().min(1).max(120),
  value: z.union([z.string().trim().min(1).max(40), z.number()]),
  unit: z.string().trim().max(20).optional(),
});
export const keyFiguresSchema = z.array(keyFigureSchema).max(20);
