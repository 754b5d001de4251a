import type { Core } from '@strapi/strapi';
import { notFound } from '../platform/errors';
import { participationContext, toDate, type RawRow } from '../consultations/repository';
import { rowsOf } from '../platform/database/rows';

const COLUMNS = ['documentId', 'title', 'body', 'territory', 'channel', 'createdAt', 'supports', 'comments', 'answerStatus', 'answerText'] as const;

/** RFC 4180 field, and no cell a spreadsheet would run as a formula. */
const csvCell = (value: unknown) => {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Open data: a consultation's published contributions and official answers, no personal data. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async export(slug: string) {
    const context = await participationContext(strapi, { slug });
    if (!context) throw notFound('Consultation introuvable.');
    const c = rowsOf(strapi, 'plugin::participation.contribution');
    const rows: RawRow[] = await strapi.db
      .connection(c.table)
      .select(c.select(['documentId', 'title', 'body', 'territoryCode', 'channel', 'createdAt', 'supportsCount', 'commentsCount', 'officialAnswerStatus', 'officialAnswerText']))
      .where(c.column('consultationDocumentId'), context.row.consultationDocumentId)
      .where(c.column('status'), 'published')
      .orderBy(c.column('createdAt'))
      .orderBy(c.column('id'));
    return {
      consultation: { slug: context.row.slug, title: context.title, status: context.row.status },
      contributions: rows.map((r) => ({
        documentId: r.documentId,
        title: r.title,
        body: r.body,
        territory: r.territoryCode ?? null,
        channel: r.channel,
        createdAt: toDate(r.createdAt)!.toISOString(),
        supports: Number(r.supportsCount),
        comments: Number(r.commentsCount),
        answerStatus: r.officialAnswerStatus ?? null,
        answerText: r.officialAnswerText ?? null,
      })),
    };
  },

  toCsv(data: { contributions: Record<string, unknown>[] }) {
    const lines = [COLUMNS.join(','), ...data.contributions.map((row) => COLUMNS.map((k) => csvCell(row[k])).join(','))];
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  },
});
