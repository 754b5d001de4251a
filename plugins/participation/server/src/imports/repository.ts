import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import slugify from 'slugify';
import { CONTRIBUTION } from '../contributions/public';
import { commentsRepository } from '../comments/public';
import { incrementLifecycle, lifecycleTable } from '../consultations/public';
import { tableOf } from '../platform/database/columns';
import { rowsOf, type Db } from '../platform/database/rows';
import { searchKey } from '../platform/text';

export const ORIGIN = 'plugin::participation.import-origin' as const;
const THEME = 'plugin::participation.theme' as const;
const TERRITORY = 'plugin::participation.territory' as const;

export type OriginKind = 'space' | 'proposal' | 'comment';

/** Shown on an imported item: « importé de Decidim » and its address there. */
export type ImportedFrom = { platform: 'decidim'; url: string | null };

/** Where the item this document became was imported from (null for what was made here). */
export async function importedFrom(strapi: Core.Strapi, db: Db, kind: OriginKind, targetDocumentId: string): Promise<ImportedFrom | null> {
  const o = rowsOf(strapi, ORIGIN);
  const row = (await db(o.table)
    .select(o.select(['platform', 'url']))
    .where(o.column('kind'), kind)
    .where(o.column('targetDocumentId'), targetDocumentId)
    .first()) as { platform: 'decidim'; url: string | null } | undefined;
  return row ? { platform: row.platform, url: row.url ?? null } : null;
}
export type Origin = { externalId: string; targetDocumentId: string; targetId: number | null; fingerprint: string | null };

/** Where imported items came from (their Decidim id and address), and the rows they became here. */
export function importsRepository(strapi: Core.Strapi, host: string) {
  const knex = () => strapi.db.connection;
  const o = rowsOf(strapi, ORIGIN);
  const k = rowsOf(strapi, CONTRIBUTION);
  const comments = commentsRepository(strapi);

  return {
    /** Where a read runs outside a transaction (a dry run, the first lookups). */
    reader: (): Db => knex(),

    /** What these Decidim ids of one kind already became here. */
    async origins(db: Db, kind: OriginKind, externalIds: string[]): Promise<Map<string, Origin>> {
      const found = new Map<string, Origin>();
      for (let i = 0; i < externalIds.length; i += 500) {
        const rows = (await db(o.table)
          .select(o.select(['externalId', 'targetDocumentId', 'targetId', 'fingerprint']))
          .where(o.column('platform'), 'decidim')
          .where(o.column('host'), host)
          .where(o.column('kind'), kind)
          .whereIn(o.column('externalId'), externalIds.slice(i, i + 500))) as Record<string, unknown>[];
        for (const r of rows)
          found.set(String(r.externalId), {
            externalId: String(r.externalId),
            targetDocumentId: String(r.targetDocumentId),
            targetId: r.targetId === null || r.targetId === undefined ? null : Number(r.targetId),
            fingerprint: (r.fingerprint as string | null) ?? null,
          });
      }
      return found;
    },

    /** Remembers (or refreshes) what a Decidim item became, in the transaction that wrote it. */
    async remember(
      trx: Knex.Transaction,
      kind: OriginKind,
      origin: Origin & { url: string | null; figures?: Record<string, number | null> | null },
      existing: boolean
    ) {
      const values = {
        url: origin.url,
        targetDocumentId: origin.targetDocumentId,
        targetId: origin.targetId,
        fingerprint: origin.fingerprint,
        figures: origin.figures ? JSON.stringify(origin.figures) : null,
      };
      if (existing) {
        await trx(o.table)
          .where(o.column('platform'), 'decidim')
          .where(o.column('host'), host)
          .where(o.column('kind'), kind)
          .where(o.column('externalId'), origin.externalId)
          .update(o.toColumns({ ...values, updatedAt: new Date() }));
      } else {
        await trx(o.table).insert(o.newRow({ platform: 'decidim', host, kind, externalId: origin.externalId, ...values }));
      }
    },

    /** The département's communes, by INSEE code and by name (accents and case forgiven): a Decidim scope is one or the other. */
    async communes(): Promise<Map<string, string>> {
      const t = tableOf(strapi, TERRITORY);
      const rows = (await knex()(t.table)
        .select({ code: t.column('inseeCode'), name: t.column('name') })
        .where(t.column('kind'), 'commune')) as { code: string; name: string }[];
      const byKey = new Map<string, string>();
      for (const r of rows) {
        byKey.set(r.code, r.code);
        byKey.set(searchKey(r.name), r.code);
      }
      return byKey;
    },

    /** The theme of a Decidim category: the one of that name, else a new one (its document id either way). */
    async themeFor(name: string): Promise<{ documentId: string; created: boolean }> {
      const t = tableOf(strapi, THEME);
      const key = searchKey(name);
      const rows = (await knex()(t.table).select({ documentId: t.column('documentId'), name: t.column('name') })) as { documentId: string; name: string }[];
      const same = rows.find((r) => searchKey(r.name) === key);
      if (same) return { documentId: same.documentId, created: false };
      const base = slugify(name, { lower: true, strict: true, locale: 'fr', trim: true }).slice(0, 70).replace(/-+$/, '') || 'theme';
      const slugs = new Set(((await knex()(t.table).select({ slug: t.column('slug') })) as { slug: string }[]).map((r) => r.slug));
      let slug = base;
      for (let n = 2; slugs.has(slug); n += 1) slug = `${base}-${n}`;
      const created = await strapi.documents(THEME).create({ data: { name: name.slice(0, 80), slug } as never });
      return { documentId: created.documentId, created: true };
    },

    /** Whether a consultation already answers at this slug. */
    async slugTaken(slug: string) {
      const { table, column } = lifecycleTable(strapi);
      return !!(await knex()(table).select(column('slug')).where(column('slug'), slug).first());
    },

    contributions: {
      table: k,
      /** Published contributions of these ids (the rest were held, refused, hidden or withdrawn). */
      async statuses(db: Db, ids: number[]): Promise<Map<number, string>> {
        const rows = ids.length
          ? ((await db(k.table)
              .select({ id: 'id', status: k.column('status') })
              .whereIn('id', ids)) as { id: number; status: string }[])
          : [];
        return new Map(rows.map((r) => [Number(r.id), r.status]));
      },
      async insert(trx: Knex.Transaction, row: Record<string, unknown>): Promise<number> {
        const [inserted] = (await trx(k.table).insert(row).returning('id')) as ({ id: number } | number)[];
        return typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
      },
      async update(trx: Knex.Transaction, id: number, attributes: Record<string, unknown>) {
        await trx(k.table)
          .where('id', id)
          .update(k.toColumns({ ...attributes, updatedAt: new Date() }));
      },
      /** The contribution a comment is on: its row id and consultation. */
      async subject(db: Db, id: number) {
        const row = (await db(k.table)
          .select({ id: 'id', consultationDocumentId: k.column('consultationDocumentId') })
          .where('id', id)
          .first()) as { id: number; consultationDocumentId: string } | undefined;
        return row ? { id: Number(row.id), consultationDocumentId: row.consultationDocumentId } : null;
      },
      async addComments(trx: Knex.Transaction, id: number, by: number) {
        if (by) await trx(k.table).where('id', id).increment(k.column('commentsCount'), by);
      },
    },

    comments: {
      table: comments.table,
      async insert(trx: Knex.Transaction, row: Record<string, unknown>): Promise<number> {
        const [inserted] = (await trx(comments.table.table).insert(row).returning('id')) as ({ id: number } | number)[];
        return typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
      },
      /** Where a comment sits in its thread: its root and depth (a reply's row takes them from its parent). */
      async placeOf(db: Db, id: number) {
        const m = comments.table;
        const row = (await db(m.table)
          .select(m.select(['rootId', 'depth', 'parentId']))
          .where('id', id)
          .first()) as { rootId: number | null; depth: number; parentId: number | null } | undefined;
        return row ? { id, rootId: Number(row.rootId ?? id), depth: Number(row.depth), parentId: row.parentId === null ? null : Number(row.parentId) } : null;
      },
      async update(trx: Knex.Transaction, id: number, attributes: Record<string, unknown>) {
        await trx(comments.table.table)
          .where('id', id)
          .update(comments.table.toColumns({ ...attributes, updatedAt: new Date() }));
      },
    },

    /** A consultation's public counters moved by what an import wrote (published contributions; every authorless item is one participant). */
    async count(trx: Knex.Transaction, consultationDocumentId: string, moved: { contributions: number; participants: number }) {
      if (moved.contributions) await incrementLifecycle(strapi, trx, consultationDocumentId, 'contributionsCount', moved.contributions);
      if (moved.participants) await incrementLifecycle(strapi, trx, consultationDocumentId, 'participantsCount', moved.participants);
    },
  };
}

export type ImportsRepository = ReturnType<typeof importsRepository>;
