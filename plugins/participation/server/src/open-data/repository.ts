import type { Core } from '@strapi/strapi';
import { contextColumns } from '../consultations/public';
import { keysetPages } from '../platform/database/keyset';
import { rowsOf, toDate, type RawRow } from '../platform/database/rows';
import type { OpenDataColumn } from './schema';

export type OpenDataRow = Partial<Record<OpenDataColumn, string | number | null>>;
type Cursor = { createdAt: unknown; id: number };

export const DUMP = 'plugin::participation.open-data-dump' as const;
const DUMP_FIELDS = ['day', 'url', 'rows', 'bytes', 'sha256', 'createdAt'];

/**
 * Published contributions of one consultation, or of every public consultation (`consultationDocumentId` null, each
 * row naming its consultation), page by page (keyset on date then id, the order of the list).
 */
export function publishedContributionPages(strapi: Core.Strapi, consultationDocumentId: string | null): AsyncGenerator<OpenDataRow[]> {
  const c = rowsOf(strapi, 'plugin::participation.contribution');
  const l = contextColumns(strapi, 'l');
  const knex = strapi.db.connection;
  // The cursor keeps the date exactly as stored: PostgreSQL's microseconds would not survive a JavaScript Date.
  const isPostgres = strapi.db.dialect.client === 'postgres';
  const k = (attribute: string) => `k.${c.column(attribute)}`;
  const cursorAt = isPostgres ? knex.raw('CAST(?? AS TEXT)', [k('createdAt')]) : k('createdAt');
  return keysetPages<OpenDataRow, Cursor>(
    (after) => {
      const q = knex({ k: c.table })
        .select({
          id: 'k.id',
          cursorAt,
          ...c.select(
            [
              'documentId',
              'title',
              'body',
              'territoryCode',
              'channel',
              'createdAt',
              'supportsCount',
              'commentsCount',
              'officialAnswerStatus',
              'officialAnswerText',
            ],
            'k'
          ),
        })
        .where(k('status'), 'published')
        .orderBy(k('createdAt'))
        .orderBy('k.id');
      if (consultationDocumentId) q.where(k('consultationDocumentId'), consultationDocumentId);
      else
        l.wherePublic(
          q.join({ l: l.table }, `l.${l.column('consultationDocumentId')}`, k('consultationDocumentId')).select({ consultation: `l.${l.column('slug')}` })
        );
      if (after) q.whereRaw(`(??, ??) > (${isPostgres ? 'CAST(? AS TIMESTAMP)' : '?'}, ?)`, [k('createdAt'), 'k.id', after.createdAt as never, after.id]);
      return q;
    },
    (last) => ({ createdAt: last.cursorAt, id: Number(last.id) }),
    (r: RawRow): OpenDataRow => ({
      ...(consultationDocumentId ? {} : { consultation: r.consultation as string }),
      documentId: r.documentId as string,
      title: r.title as string,
      body: r.body as string,
      territory: (r.territoryCode as string | null) ?? null,
      channel: r.channel as string,
      createdAt: toDate(r.createdAt)!.toISOString(),
      supports: Number(r.supportsCount),
      comments: Number(r.commentsCount),
      answerStatus: (r.officialAnswerStatus as string | null) ?? null,
      answerText: (r.officialAnswerText as string | null) ?? null,
    })
  );
}

/** The open data's dated files: one, or the newest first (ready ones only). */
export async function dumpRows(strapi: Core.Strapi, opts: { day?: string; limit: number }): Promise<RawRow[]> {
  const d = rowsOf(strapi, DUMP);
  const query = strapi.db.connection(d.table).select(d.select(DUMP_FIELDS)).orderBy(d.column('day'), 'desc').limit(opts.limit);
  if (opts.day) query.where(d.column('day'), opts.day);
  else query.where(d.column('status'), 'ready');
  return query;
}
