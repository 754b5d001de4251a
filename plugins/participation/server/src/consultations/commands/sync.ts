import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { createId } from '@paralleldrive/cuid2';
import slugify from 'slugify';
import * as z from 'zod/v4';
import { fr } from 'zod/v4/locales';
import { keyFiguresSchema } from '../domain/key-figures';
import { phasesSchema } from '../domain/phases';
import { tableOf } from '../../platform/database/columns';
import { CONSULTATION_UID, findLifecycle, lifecycleTable, toDate } from '../repository';
import { isUniqueViolation } from '../../platform/database/rows';
import { getService } from '../../platform/services';

/** What staff send for a consultation: Strapi has validated the attribute types; the fields read here are narrowed where used. */
type ConsultationData = Record<string, unknown> & { slug?: string | null; title?: string | null; opensAt?: unknown; closesAt?: unknown };
export type DocumentContext = { uid: string; action: string; params: { documentId?: string; data?: ConsultationData } };
type Next = () => Promise<unknown>;

/** Before opening, staff may still change the slug and the dates; afterwards only transitions change them. */
const EDITABLE_SCHEDULE = new Set(['draft', 'scheduled']);

const invalid = (message: string, path: string) =>
  new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });

export const slugOf = (title: string) =>
  slugify(title, { lower: true, strict: true, locale: 'fr', trim: true }).slice(0, 100).replace(/-+$/, '') || 'consultation';

const sameInstant = (a: unknown, b: Date | null) => {
  const left = toDate(a);
  return (left?.getTime() ?? null) === (b?.getTime() ?? null);
};

/**
 * Keeps the server-owned lifecycle row in step with what staff write in the Content Manager, through a
 * Document Service middleware: every entry point (admin panel, REST, scripts) goes through it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const lifecycles = () => lifecycleTable(strapi);

  function validateJsonFields(data: ConsultationData) {
    for (const [field, schema] of [
      ['phases', phasesSchema],
      ['resultsKeyFigures', keyFiguresSchema],
    ] as const) {
      if (data[field] === undefined || data[field] === null) continue;
      const parsed = (schema as z.ZodType).safeParse(data[field], { error: fr().localeError });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: [field, ...i.path.map(String)], message: i.message, name: 'ValidationError' }));
        throw new errors.ValidationError(`Champ « ${field} » invalide : ${issues[0].message}`, { errors: issues });
      }
    }
  }

  async function freeSlug(wanted: string, ownDocumentId: string | undefined, trx: Knex.Transaction) {
    const { table, column } = lifecycles();
    const taken = new Set<string>(
      (await trx(table).select({ slug: column('slug') }).where(column('slug'), wanted).orWhere(column('slug'), 'like', `${wanted}-%`)).map(
        (r: { slug: string }) => r.slug
      )
    );
    if (ownDocumentId) {
      const own = await trx(table).select({ slug: column('slug') }).where(column('consultationDocumentId'), ownDocumentId).first();
      if (own) taken.delete(own.slug);
    }
    if (!taken.has(wanted)) return wanted;
    for (let n = 2; ; n += 1) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
  }

  /** create / update: normalise the slug, check schedule edits against the state, then upsert the lifecycle row. */
  async function onWrite(ctx: DocumentContext, next: Next) {
    const data: ConsultationData = ctx.params.data ?? {};
    validateJsonFields(data);
    return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      const documentId: string | undefined = ctx.params.documentId;
      const row = documentId ? await findLifecycle(strapi, documentId, trx) : null;

      if (row && !EDITABLE_SCHEDULE.has(row.status)) {
        if (data.slug !== undefined && data.slug !== row.slug) throw invalid("L'adresse (slug) d'une consultation ne change plus une fois ouverte.", 'slug');
        if (data.opensAt !== undefined && !sameInstant(data.opensAt, row.opensAt))
          throw invalid("La date d'ouverture ne se modifie plus : la consultation est déjà ouverte.", 'opensAt');
        if (data.closesAt !== undefined && !sameInstant(data.closesAt, row.closesAt))
          throw invalid('Pour changer la date de clôture, utilisez l’action « Prolonger » ou « Clôturer ».', 'closesAt');
      } else {
        const wantsNewSlug = data.slug === '' || data.slug === null || (!row && !data.slug) || (data.slug !== undefined && data.slug !== row?.slug);
        if (wantsNewSlug) {
          const base = data.slug ? slugOf(String(data.slug)) : data.title ? slugOf(String(data.title)) : row?.slug ?? 'consultation';
          data.slug = await freeSlug(base, documentId, trx);
        }
        if (row?.status === 'scheduled') {
          const opensAt = data.opensAt !== undefined ? toDate(data.opensAt) : row.opensAt;
          const closesAt = data.closesAt !== undefined ? toDate(data.closesAt) : row.closesAt;
          if (!opensAt || !closesAt) throw invalid('Une consultation programmée garde ses dates d’ouverture et de clôture.', opensAt ? 'closesAt' : 'opensAt');
          if (opensAt >= closesAt) throw invalid("La date de clôture doit suivre la date d'ouverture.", 'closesAt');
        }
      }

      const result = await next();
      const id = (result as { documentId?: string } | null)?.documentId ?? documentId;
      if (!id) return result;

      const { table, column } = lifecycles();
      const now = new Date();
      try {
        if (!row) {
          await trx(table).insert({
            [column('documentId')]: createId(),
            [column('consultationDocumentId')]: id,
            [column('slug')]: data.slug,
            [column('status')]: 'draft',
            [column('opensAt')]: toDate(data.opensAt),
            [column('closesAt')]: toDate(data.closesAt),
            [column('contributionsCount')]: 0,
            [column('participantsCount')]: 0,
            [column('supportsCount')]: 0,
            [column('createdAt')]: now,
            [column('updatedAt')]: now,
            [column('publishedAt')]: now,
          });
        } else if (EDITABLE_SCHEDULE.has(row.status)) {
          const patch: Record<string, unknown> = { [column('updatedAt')]: now };
          if (data.slug !== undefined) patch[column('slug')] = data.slug;
          if (data.opensAt !== undefined) patch[column('opensAt')] = toDate(data.opensAt);
          if (data.closesAt !== undefined) patch[column('closesAt')] = toDate(data.closesAt);
          // Conditional on the state read above: a transition in between wins, and this edit is refused.
          const updated = await trx(table).where(column('consultationDocumentId'), id).where(column('status'), row.status).update(patch);
          if (updated !== 1) throw invalid("L'état de la consultation vient de changer ; rechargez la page.", 'status');
        }
        // The other locale/draft rows of the document carry the same slug.
        if (data.slug !== undefined) {
          const c = tableOf(strapi, CONSULTATION_UID);
          await trx(c.table).where(c.column('documentId'), id).update({ [c.column('slug')]: data.slug });
        }
        await refreshSnapshot(id, trx);
      } catch (error) {
        if (isUniqueViolation(error)) throw invalid('Cette adresse (slug) est déjà utilisée par une autre consultation.', 'slug');
        throw error;
      }
      return result;
    });
  }

  /** The public snapshot and search key follow the published version: what the public finds is what it can read. */
  const refreshSnapshot = (documentId: string, db: Knex.Transaction) => getService(strapi, 'consultation-snapshots').refresh(documentId, db);

  // Every query here joins the caller's transaction (the Content Manager wraps its actions in one): a query on
  // another connection would wait forever for SQLite's single one, and would not see uncommitted rows on PostgreSQL.
  async function onPublish(ctx: DocumentContext, next: Next) {
    return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      const result = await next();
      if (ctx.params.documentId) await refreshSnapshot(ctx.params.documentId, trx);
      return result;
    });
  }

  /** delete / unpublish: only while the consultation is still a draft; nothing live disappears. */
  async function onRemoval(ctx: DocumentContext, next: Next) {
    return strapi.db.transaction(async ({ trx }: { trx: Knex.Transaction }) => {
      const documentId: string | undefined = ctx.params.documentId;
      const row = documentId ? await findLifecycle(strapi, documentId, trx) : null;
      if (row && row.status !== 'draft') {
        throw new errors.ValidationError(
          ctx.action === 'delete'
            ? 'Une consultation programmée, ouverte ou passée ne peut pas être supprimée : archivez-la.'
            : 'Une consultation programmée, ouverte ou passée ne peut pas être dépubliée : archivez-la.'
        );
      }
      const result = await next();
      if (row && ctx.action === 'delete') {
        const { table, column } = lifecycles();
        await trx(table).where(column('consultationDocumentId'), documentId).del();
      } else if (documentId) {
        await refreshSnapshot(documentId, trx);
      }
      return result;
    });
  }

  return {
    middleware: async (ctx: DocumentContext, next: Next) => {
      if (ctx.uid !== CONSULTATION_UID) return next();
      switch (ctx.action) {
        case 'create':
        case 'update':
          return onWrite(ctx, next);
        case 'publish':
          return onPublish(ctx, next);
        case 'delete':
        case 'unpublish':
          return onRemoval(ctx, next);
        default:
          return next();
      }
    },
  };
};
