import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

type DocumentContext = { uid: string; action: string; params: { data?: Record<string, unknown> } };
type Attribute = { type: string; customField?: string };

const WRITES = new Set(['create', 'update', 'clone']);
const DATE_TYPES = new Set(['datetime', 'date']);

const readable = (value: unknown) =>
  value instanceof Date
    ? !Number.isNaN(value.getTime())
    : typeof value === 'number'
      ? Number.isFinite(value)
      : typeof value === 'string' && !Number.isNaN(Date.parse(value));

/**
 * A date that names no instant (what was typed in a date field and not understood, or a bad API value) is refused
 * on its field, in French, before Strapi reads it: every content type, every entry point.
 */
export function refuseUnreadableDates(strapi: Core.Strapi) {
  return async (ctx: DocumentContext, next: () => Promise<unknown>) => {
    const data = ctx.params?.data;
    if (!WRITES.has(ctx.action) || !data || typeof data !== 'object') return next();
    const attributes = (strapi.getModel(ctx.uid as Parameters<Core.Strapi['getModel']>[0])?.attributes ?? {}) as Record<string, Attribute>;
    const issues = Object.entries(attributes)
      .filter(
        ([field, attribute]) =>
          DATE_TYPES.has(attribute.type) && data[field] !== undefined && data[field] !== null && data[field] !== '' && !readable(data[field])
      )
      .map(([field]) => ({
        path: [field],
        message: 'Date non comprise : écrivez-la JJ/MM/AAAA HH:MM (par exemple 15/01/2027 09:30).',
        name: 'ValidationError',
      }));
    if (issues.length) throw new errors.ValidationError(issues[0].message, { errors: issues });
    return next();
  };
}
