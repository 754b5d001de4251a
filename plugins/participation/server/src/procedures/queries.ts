import type { Core } from '@strapi/strapi';
import { CONSULTATION_UID, participationContext } from '../consultations/public';
import { csvText } from '../platform/csv';
import { notFound } from '../platform/errors';
import { paginationMeta } from '../platform/validation';
import { NOTICE_FIELDS, PROCEDURES, settingsOf } from './domain/rules';
import { presentProcedure, presentReport } from './presenter';
import { REGISTER_FIELDS } from './open-data';
import { registerPdf } from './pdf';
import { registerRepository, type RegisterEntry } from './repository';

/** An entry as the public reads it: the text only once moderation published it; the author's name on the page only, never in the export. */
function presentEntry(e: RegisterEntry, withAuthor = true) {
  const visible = e.visibility === 'published';
  return {
    number: e.number,
    receivedAt: e.receivedAt.toISOString(),
    channel: e.channel,
    visibility: e.visibility,
    title: visible ? e.title : null,
    body: visible ? e.body : null,
    territoryCode: visible ? e.territoryCode : null,
    authorName: visible && withAuthor ? e.authorName : null,
    textHash: e.textHash,
    previousHash: e.previousHash,
    entryHash: e.entryHash,
  };
}

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

  return {
    async page(slug: string, opts: { page: number; pageSize: number; q?: string }) {
      const { documentId } = await registerOf(slug);
      const [{ entries, total }, register] = await Promise.all([repository().page(documentId, { ...opts, q: opts.q || null }), headOf(documentId)]);
      return { data: entries.map((e) => presentEntry(e)), meta: { pagination: paginationMeta(opts.page, opts.pageSize, total), register } };
    },

    /** The procedure of a public consultation with its calendar, its published report and response, its register's head. */
    async procedure(slug: string) {
      const context = await participationContext(strapi, { slug });
      if (!context || context.procedure === 'libre') throw notFound('Cette consultation ne suit pas de procédure légale.');
      const documentId = context.row.consultationDocumentId;
      const published = (await strapi.documents(CONSULTATION_UID).findOne({
        documentId,
        status: 'published',
        fields: ['procedure', 'procedureNoticeAt', 'environmentalAssessment', 'overseerName', ...NOTICE_FIELDS, 'dossierSummary'],
      } as never)) as unknown as Record<string, unknown> | null;
      const settings = settingsOf(published ?? { procedure: context.procedure });
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
      const entries = (await repository().all(documentId)).map((e) => presentEntry(e, false));
      const head = entries.length ? entries[entries.length - 1].entryHash : (await headOf(documentId)).head;
      return { data: { consultationDocumentId: documentId, procedure, exportedAt: new Date().toISOString(), head, count: entries.length, entries } };
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
