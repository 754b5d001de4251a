import type { Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import { findLifecycle } from '../consultations/public';
import { csvStream } from '../platform/csv';
import { XLSX_TYPE, xlsxStream } from '../platform/xlsx';
import { notFound } from '../platform/errors';
import { cellOf, columnsFor, type ExportFormat } from './domain/columns';
import { exportLog, exportRows, insertExportLog } from './repository';

export type ExportRequest = { consultationDocumentId: string; format: ExportFormat; personal: boolean; actor: { id: number; name: string } };
export type ExportFile = { stream: Readable; filename: string; contentType: string };

/** Agents' exports of a consultation's contributions and comments, streamed, each one logged. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Logs an export before its file leaves: what (a consultation's contributions, a petition's signatures…), by whom, with or without personal data. */
  async record(
    entry: { subjectDocumentId: string; subjectType?: string; format: ExportFormat; personalData: boolean; actor: { id: number; name: string } },
    at = new Date()
  ) {
    await insertExportLog(strapi, entry, at);
  },

  async open(request: ExportRequest): Promise<ExportFile> {
    const row = await findLifecycle(strapi, request.consultationDocumentId);
    if (!row) throw notFound('Consultation introuvable.');
    const at = new Date();
    await this.record({ subjectDocumentId: request.consultationDocumentId, format: request.format, personalData: request.personal, actor: request.actor }, at);
    strapi.log.info(
      `[participation] export ${request.format}${request.personal ? ' avec données personnelles' : ''} de « ${row.slug} » par ${request.actor.name}`
    );

    const columns = columnsFor(request.personal);
    const filename = `contributions-${row.slug}-${at.toISOString().slice(0, 10)}.${request.format}`;
    const rows = exportRows(strapi, request.consultationDocumentId, request.personal);

    if (request.format === 'csv') {
      // Semicolons and a byte-order mark: what a French spreadsheet opens without an import dialog.
      const records = (async function* () {
        for await (const page of rows) yield page.map((item) => Object.fromEntries(columns.map((c) => [c.key, cellOf(item, c, 'csv')])));
      })();
      const csv = csvStream(
        columns.map((c) => ({ key: c.key, header: c.header })),
        records,
        { delimiter: ';' }
      );
      return { stream: csv, filename, contentType: 'text/csv; charset=utf-8' };
    }

    const records = (async function* () {
      for await (const page of rows) yield page.map((item) => Object.fromEntries(columns.map((c) => [c.key, cellOf(item, c, 'xlsx')])));
    })();
    const stream = xlsxStream(
      'Contributions',
      columns.map((c) => ({
        key: c.key,
        header: c.header,
        width: c.width,
        style: c.key === 'createdAt' || c.key === 'answeredAt' ? { numFmt: 'dd/mm/yyyy hh:mm' } : {},
      })),
      records
    );
    return { stream, filename, contentType: XLSX_TYPE };
  },

  /** The export log, newest first, for agents and auditors. */
  async log(limit = 50) {
    return exportLog(strapi, limit);
  },
});
