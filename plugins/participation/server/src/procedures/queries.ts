import type { Core } from '@strapi/strapi';
import { participationContext } from '../consultations/public';
import { csvText } from '../platform/csv';
import { notFound } from '../platform/errors';
import { mediaUrl } from '../platform/links';
import { getService } from '../platform/services';
import { paginationMeta } from '../platform/validation';
import { PROCEDURES, settingsOf } from './domain/rules';
import { presentEntry, presentProcedure, presentReport } from './presenter';
import { REGISTER_FIELDS } from './open-data';
import { registerPdf } from './pdf';
import { registerRepository, type RegisterEntry } from './repository';

/** The public reads of the registers: a page, the head, the whole register for its export. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = () => registerRepository(strapi);

  /** A public consultation whose procedure keeps a register; 404 otherwise. */
  async function registerOf(slug: string) {
    const context = await participationContext(strapi, { slug });
    if (!context || !PROCEDURES[context.procedure].register) throw notFound('Aucun registre pour cette consultation.');
    return { documentId: context.row.consultationDocumentId, procedure: context.procedure };
  }

  const headOf = async (documentId: string) => {
    const head = await repository().head(documentId);
    return { consultationDocumentId: documentId, count: head.lastNumber, head: head.headHash };
  };

  /** The scans the public may see of these entries (publishable ones of published entries), with absolute addresses. */
  async function scansOf(documentId: string, entries: RegisterEntry[]) {
    const numbers = entries.filter((e) => e.visibility === 'published' && e.channel !== 'web').map((e) => e.number);
    const scans = await repository().scans(documentId, numbers, true);
    for (const list of scans.values()) for (const scan of list) scan.url = mediaUrl(strapi, scan.url);
    return scans;
  }

  return {
    async page(slug: string, opts: { page: number; pageSize: number; q?: string }) {
      const { documentId } = await registerOf(slug);
      const [{ entries, total }, register] = await Promise.all([repository().page(documentId, { ...opts, q: opts.q || null }), headOf(documentId)]);
      const scans = await scansOf(documentId, entries);
      return {
        data: entries.map((e) => presentEntry(e, true, scans.get(e.number))),
        meta: { pagination: paginationMeta(opts.page, opts.pageSize, total), register },
      };
    },

    /** The procedure of a public consultation with its calendar, its published report and response, its register's head. */
    async procedure(slug: string) {
      const context = await participationContext(strapi, { slug });
      if (!context || context.procedure === 'libre') throw notFound('Cette consultation ne suit pas de procédure légale.');
      const documentId = context.row.consultationDocumentId;
      // The settings as published, from the snapshot the consultation's page reads too.
      const settings = context.procedureSettings ?? settingsOf({ procedure: context.procedure });
      const reports = (await repository().reports([documentId])).get(documentId) ?? [];
      const reportAt = reports.find((r) => r.kind === 'report')?.publishedAt ?? null;
      return {
        data: {
          consultationDocumentId: documentId,
          slug,
          procedure: presentProcedure(settings, { opensAt: context.row.opensAt, closesAt: context.row.closesAt, resultsPublishedAt: reportAt })!,
          dossier: (await repository().dossier(documentId)).map((p) => ({
            ...p,
            onlineFrom: p.onlineFrom.toISOString(),
            onlineUntil: p.onlineUntil?.toISOString() ?? null,
          })),
          reports: reports.map((r) => presentReport(settings.kind, r)),
          register: await headOf(documentId),
        },
      };
    },

    async head(slug: string) {
      const { documentId } = await registerOf(slug);
      return { data: await headOf(documentId) };
    },

    async exportJson(slug: string) {
      const { documentId, procedure } = await registerOf(slug);
      const all = await repository().all(documentId);
      const scans = await scansOf(documentId, all);
      const entries = all.map((e) => presentEntry(e, false, scans.get(e.number)));
      const head = entries.length ? entries[entries.length - 1].entryHash : (await headOf(documentId)).head;
      return { data: { consultationDocumentId: documentId, procedure, exportedAt: new Date().toISOString(), head, count: entries.length, entries } };
    },

    /** The register's daily annexes (PDF), newest first. */
    async annexes(slug: string) {
      const { documentId } = await registerOf(slug);
      const annexes = await getService(strapi, 'register-annexes').list(documentId);
      return { data: annexes.map((a) => ({ day: a.day, url: a.url, bytes: a.bytes, sha256: a.sha256, count: a.count, head: a.headHash })) };
    },

    async exportPdf(slug: string) {
      const { data } = await this.exportJson(slug);
      const context = await participationContext(strapi, { slug });
      return registerPdf({ ...data, title: context?.title ?? slug });
    },

    async exportCsv(slug: string) {
      const { data } = await this.exportJson(slug);
      return csvText(
        REGISTER_FIELDS.map((f) => f.name),
        data.entries.map((e) => [e.number, e.receivedAt, e.channel, e.visibility, e.title, e.body, e.territoryCode, e.textHash, e.previousHash, e.entryHash])
      );
    },
  };
};
