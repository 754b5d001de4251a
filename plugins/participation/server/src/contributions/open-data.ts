import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { notFound } from '../platform/errors';
import { participationContext, toDate, type RawRow } from '../consultations/repository';
import { keysetPages } from '../platform/database/keyset';
import { rowsOf } from '../platform/database/rows';

const COLUMNS = ['documentId', 'title', 'body', 'territory', 'channel', 'createdAt', 'supports', 'comments', 'answerStatus', 'answerText'] as const;

type OpenDataRow = Record<(typeof COLUMNS)[number], string | number | null>;
type Cursor = { createdAt: unknown; id: number };

/** RFC 4180 field, and no cell a spreadsheet would run as a formula. */
const csvCell = (value: unknown) => {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * Open data: a consultation's published contributions and official answers, no personal data. Streamed in pages
 * (keyset on date then id, the order of the list): a consultation of two million contributions leaves with the
 * memory of one page.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function open(slug: string) {
    const context = await participationContext(strapi, { slug });
    if (!context) throw notFound('Consultation introuvable.');
    const c = rowsOf(strapi, 'plugin::participation.contribution');
    const consultationDocumentId = context.row.consultationDocumentId;
    const knex = strapi.db.connection;
    // The cursor keeps the date exactly as stored: PostgreSQL's microseconds would not survive a JavaScript Date.
    const isPostgres = strapi.db.dialect.client === 'postgres';
    const cursorAt = isPostgres ? knex.raw('CAST(?? AS TEXT)', [c.column('createdAt')]) : c.column('createdAt');
    const pages = keysetPages<OpenDataRow, Cursor>(
      (after) => {
        const q = knex(c.table)
          .select({ id: 'id', cursorAt, ...c.select(['documentId', 'title', 'body', 'territoryCode', 'channel', 'createdAt', 'supportsCount', 'commentsCount', 'officialAnswerStatus', 'officialAnswerText']) })
          .where(c.column('consultationDocumentId'), consultationDocumentId)
          .where(c.column('status'), 'published')
          .orderBy(c.column('createdAt'))
          .orderBy('id');
        if (after) q.whereRaw(`(??, ??) > (${isPostgres ? 'CAST(? AS TIMESTAMP)' : '?'}, ?)`, [c.column('createdAt'), 'id', after.createdAt as never, after.id]);
        return q;
      },
      (last) => ({ createdAt: last.cursorAt, id: Number(last.id) }),
      (r: RawRow): OpenDataRow => ({
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
    return { consultation: { slug: context.row.slug, title: context.title, status: context.row.status }, pages };
  }

  return {
    /** `{ data: { consultation, contributions: [...] } }`, written page by page. */
    async json(slug: string): Promise<Readable> {
      const { consultation, pages } = await open(slug);
      return Readable.from(
        (async function* () {
          yield `{"data":{"consultation":${JSON.stringify(consultation)},"contributions":[`;
          let first = true;
          for await (const page of pages) {
            yield (first ? '' : ',') + page.map((row) => JSON.stringify(row)).join(',');
            if (page.length) first = false;
          }
          yield ']}}';
        })()
      );
    },

    /** CSV (UTF-8 with BOM, comma-separated, CRLF), written page by page. */
    async csv(slug: string): Promise<Readable> {
      const { pages } = await open(slug);
      return Readable.from(
        (async function* () {
          yield `\uFEFF${COLUMNS.join(',')}\r\n`;
          for await (const page of pages) yield page.map((row) => `${COLUMNS.map((k) => csvCell(row[k])).join(',')}\r\n`).join('');
        })()
      );
    },
  };
};
