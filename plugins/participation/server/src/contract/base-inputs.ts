import * as z from 'zod/v4';
import { paginationQuery } from '../platform/validation';

/** Shared request primitives: slugs, identifiers, safe text, pagination. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(120);

export const slugParams = z.object({ slug });

export const noQuery = z.strictObject({});

export const listOf = <T extends z.ZodType<unknown, string>>(item: T, max: number) =>
  z
    .union([z.string(), z.array(z.string()).max(max)])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter((s) => s !== ''))
    .pipe(z.array(item).min(1).max(max));

/** A place's code: a commune (INSEE), an EPCI (SIREN) or the département. */
export const placeCode = z.string().regex(/^[0-9][0-9AB][0-9]{0,7}$/, { error: 'Code de lieu invalide.' });

/** Tab, line feed and carriage return are text; every other control character is refused. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** A UTF-16 surrogate without its pair: not a character, and stored as U+FFFD by the database if let through. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const text = (min: number, max: number) =>
  z
    .string()
    .refine((s) => !CONTROL_CHARACTERS.test(s), { error: 'Caractères de contrôle interdits.' })
    .refine((s) => !LONE_SURROGATE.test(s), { error: 'Texte mal encodé (caractère Unicode invalide).' })
    .transform((s) => s.trim().replace(/\r\n/g, '\n'))
    .pipe(z.string().min(min).max(max));

export const documentId = z.string().regex(/^[a-z0-9]{10,40}$/, { error: 'Identifiant invalide.' });

export const idParams = z.object({ id: documentId });
/** An admin route's `:documentId`. */
export const documentIdParams = z.object({ documentId });

export const inseeCode = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, { error: 'Code INSEE de commune attendu (5 caractères).' });

/** A field no person fills in; bots do. */
export const honeypot = z.string().max(0, { error: 'Ce champ doit rester vide.' }).optional();

export const pageQuery = z.strictObject({ ...paginationQuery });
