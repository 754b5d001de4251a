import * as z from 'zod/v4';

/** A number as staff type it in French: « 3,5 », « 1 240 », « 1 240,5 » (spaces, no-break or narrow), or « 3.5 ». */
const TYPED_NUMBER = /^-?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.]\d+)?$/;

/** A value typed as a number is stored as one (« 3,5 » is 3.5); any other text (« 2 sur 3 », « +12 % ») stays text. */
export const keyFigureValue = (text: string): string | number =>
  TYPED_NUMBER.test(text) ? Number(text.replace(/[ \u00a0\u202f]/g, '').replace(',', '.')) : text;

/** Results' key figures, e.g. `[{ "label": "contributions", "value": 1240, "unit": "€" }]`. */
export const keyFigureSchema = z.strictObject({
  label: z.string().trim().min(1).max(120),
  value: z.union([z.number(), z.string().trim().min(1).max(40).transform(keyFigureValue)]),
  unit: z.string().trim().max(20).optional(),
});
export const keyFiguresSchema = z.array(keyFigureSchema).max(20);
