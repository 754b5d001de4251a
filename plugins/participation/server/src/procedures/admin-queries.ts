import type { Core } from '@strapi/strapi';
import { CONSULTATION_UID, findLifecycle } from '../consultations/public';
import { notFound } from '../platform/errors';
import { currentAdmin } from '../platform/http';
import { paginationMeta } from '../platform/validation';
import { PERMISSIONS } from '../permissions';
import { CLOSED_STATES } from '../consultations/domain/policy';
import { factsOf, NOTICE_FIELDS, openingBlocker, reportLabel, reportRefusal, settingsOf, type ReportKind } from './domain/rules';
import { SCAN_REFUSAL } from './domain/scans';
import { presentProcedure, presentReport, presentScan } from './presenter';
import { mediaUrl } from '../platform/links';
import { registerRepository, type ProcedureReport } from './repository';

type Published = { documentId: string; title: string; overseerEmail?: string | null } & Record<string, unknown>;

/**
 * The procedures as their staff read them: agents (who read consultations) see every procedure; a garant or
 * commissaire enquêteur sees only those whose overseer address is theirs. Everything of them, held observations and
 * their reasons included; what each may publish, decided here (domain/rules.ts) rather than in the screen.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const registers = () => registerRepository(strapi);

  function viewer() {
    const admin = currentAdmin(strapi);
    return {
      email: admin?.user?.email?.toLowerCase() ?? null,
      seesAll: !!admin?.can(PERMISSIONS.consultationRead),
      mayConfigure: !!admin?.can(PERMISSIONS.consultationConfigure),
      name: admin?.name ?? 'Plateforme',
      id: admin?.user?.id ?? null,
    };
  }

  const isOverseer = (doc: Published, email: string | null) => !!email && String(doc.overseerEmail ?? '').toLowerCase() === email;

  async function visible(documentId?: string): Promise<Published[]> {
    const who = viewer();
    const docs = (await strapi.documents(CONSULTATION_UID).findMany({
      status: 'published',
      filters: { procedure: { $notIn: ['libre'] }, ...(documentId ? { documentId } : {}) },
      fields: [
        'documentId',
        'title',
        'procedure',
        'procedureNoticeAt',
        'environmentalAssessment',
        'overseerName',
        'overseerEmail',
        'opensAt',
        'closesAt',
        ...NOTICE_FIELDS,
        'dossierSummary',
      ],
      sort: ['title:asc'],
      limit: 500,
    } as never)) as unknown as Published[];
    return docs.filter((d) => who.seesAll || isOverseer(d, who.email));
  }

  async function sheet(doc: Published, reports: ProcedureReport[]) {
    const who = viewer();
    const row = await findLifecycle(strapi, doc.documentId);
    const settings = settingsOf(doc);
    const head = await registers().head(doc.documentId);
    const published = reports.map((r) => r.kind);
    const facts = { closed: !!row && CLOSED_STATES.has(row.status), published, isOverseer: isOverseer(doc, who.email), mayConfigure: who.mayConfigure };
    const action = (kind: ReportKind) => {
      const reason = reportRefusal(settings.kind, kind, facts);
      return { allowed: reason === null, label: reportLabel(settings.kind, kind), reason };
    };
    const reportAt = reports.find((r) => r.kind === 'report')?.publishedAt ?? null;
    return {
      documentId: doc.documentId,
      slug: row?.slug ?? '',
      title: doc.title,
      status: row?.status ?? 'draft',
      procedure: presentProcedure(settings, { opensAt: row?.opensAt ?? null, closesAt: row?.closesAt ?? null, resultsPublishedAt: reportAt })!,
      overseerEmail: (doc.overseerEmail as string | null) ?? null,
      blocker: row && ['draft', 'scheduled'].includes(row.status) ? (openingBlocker(factsOf(settings, row.opensAt, row.closesAt))?.message ?? null) : null,
      observations: head.lastNumber,
      reports: reports.map((r) => presentReport(settings.kind, r)),
      actions: {
        report: action('report'),
        response: action('response'),
        scan: {
          allowed: who.mayConfigure,
          label: 'Joindre une numérisation',
          reason: who.mayConfigure ? null : SCAN_REFUSAL,
        },
      },
    };
  }

  async function one(documentId: string) {
    const [doc] = await visible(documentId);
    if (!doc) throw notFound('Procédure introuvable, ou vous n’en êtes pas le garant ou le commissaire enquêteur.');
    return doc;
  }

  return {
    viewer,
    one,
    async list() {
      const docs = await visible();
      const reports = await registers().reports(docs.map((d) => d.documentId));
      return { data: await Promise.all(docs.map((d) => sheet(d, reports.get(d.documentId) ?? []))) };
    },
    async detail(documentId: string) {
      const doc = await one(documentId);
      const reports = await registers().reports([documentId]);
      return { data: await sheet(doc, reports.get(documentId) ?? []) };
    },
    async observations(documentId: string, page: number, pageSize: number) {
      await one(documentId);
      const { observations, total } = await registers().staffPage(documentId, { page, pageSize });
      const scans = await registers().scans(
        documentId,
        observations.map((o) => o.number)
      );
      return {
        data: observations.map((o) => ({
          scans: (scans.get(o.number) ?? []).map((scan) => ({ ...presentScan(scan), url: mediaUrl(strapi, scan.url), publishable: scan.publishable })),
          number: o.number,
          receivedAt: o.receivedAt.toISOString(),
          channel: o.channel,
          status: o.status,
          moderationReason: o.moderationReason,
          title: o.title,
          body: o.body,
          authorName: o.authorName,
          entryHash: o.entryHash,
        })),
        meta: { pagination: paginationMeta(page, pageSize, total) },
      };
    },
    isOverseer,
  };
};
