import * as z from 'zod/v4';
import { paginationQuery } from '../platform/validation';
import { documentId, honeypot, inseeCode, text } from '../contract/base-inputs';

/** Request schemas of this capability's routes: controllers parse with them, the OpenAPI document is generated from them. */
export const contributionBody = z.strictObject({
  title: text(3, 140),
  body: text(10, 5000),
  territory: inseeCode.nullable().optional(),
  website: honeypot,
});

export const contributionEditBody = z
  .strictObject({ title: text(3, 140).optional(), body: text(10, 5000).optional(), territory: inseeCode.nullable().optional(), website: honeypot })
  .refine((b) => b.title !== undefined || b.body !== undefined || b.territory !== undefined, { error: 'Rien à modifier.' });

export const commentBody = z.strictObject({ body: text(2, 2000), parent: documentId.optional(), website: honeypot });

export const contributionsQuery = z
  .strictObject({
    sort: z.enum(['-createdAt', '-supportsCount', 'random']).optional().default('-createdAt'),
    seed: z
      .string()
      .regex(/^\d{1,9}$/)
      .transform(Number)
      .optional(),
    territory: inseeCode.optional(),
    answered: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,300}\.[A-Za-z0-9_-]{1,64}$/, { error: 'Curseur invalide : reprenez la liste depuis sa première page.' })
      .optional(),
    ...paginationQuery,
  })
  .refine((q) => q.sort !== 'random' || q.seed !== undefined, { error: 'Le tri aléatoire demande un paramètre seed.', path: ['seed'] })
  .refine((q) => q.sort !== 'random' || q.cursor === undefined, { error: 'Le tri aléatoire se pagine par numéro de page.', path: ['cursor'] });

export const exportQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional().default('json') });
