import type { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { csvStream } from '../platform/csv';
import { notFound } from '../platform/errors';
import { getService } from '../platform/services';
import { XLSX_TYPE, xlsxStream } from '../platform/xlsx';
import { meetingsRepository } from './repository';

const COLUMNS = [
  { key: 'ordre', header: 'ordre' },
  { key: 'nom', header: 'nom' },
  { key: 'courriel', header: 'courriel' },
  { key: 'structure', header: 'structure' },
  { key: 'commune', header: 'commune' },
  { key: 'etat', header: 'etat' },
  { key: 'invitation', header: 'invitation' },
  { key: 'rang_attente', header: 'rang_attente' },
  { key: 'code', header: 'code' },
  { key: 'arrivee', header: 'arrivee' },
  { key: 'inscription', header: 'inscription' },
];
const STATUS = { registered: 'inscrite', waitlisted: 'en attente', cancelled: 'annulée' } as const;

/**
 * The registrants of a meeting as staff print or check them (CSV with semicolons, or XLSX), in queue order, with
 * names and addresses: personal data, so the export is logged first, with who made it.
 */
export async function exportRegistrants(
  strapi: Core.Strapi,
  documentId: string,
  format: 'csv' | 'xlsx',
  actor: { id: number; name: string }
): Promise<{ stream: Readable; filename: string; contentType: string }> {
  const repository = meetingsRepository(strapi);
  const m = await repository.meetingBy({ documentId });
  if (!m) throw notFound('Réunion introuvable.');
  const at = new Date();
  await getService(strapi, 'exports').record({ subjectDocumentId: m.documentId, subjectType: 'meeting-registrants', format, personalData: true, actor }, at);
  const rows = await repository.registrants(m.id);
  const records = rows.map((r, i) => ({
    ordre: i + 1,
    nom: r.name,
    courriel: r.email ?? '',
    structure: r.organisation ?? '',
    commune: r.territoryCode ?? '',
    etat: STATUS[r.status],
    invitation: r.invited ? 'oui' : 'non',
    rang_attente: r.position ?? '',
    code: r.status === 'cancelled' ? '' : r.code,
    arrivee: r.checkedInAt?.toISOString() ?? '',
    inscription: r.createdAt.toISOString(),
  }));
  const pages = (async function* () {
    yield records;
  })();
  const filename = `inscrits-${m.slug}-${at.toISOString().slice(0, 10)}.${format}`;
  if (format === 'csv') return { stream: csvStream(COLUMNS, pages, { delimiter: ';' }), filename, contentType: 'text/csv; charset=utf-8' };
  return { stream: xlsxStream('Inscrits', COLUMNS, pages), filename, contentType: XLSX_TYPE };
}
