import type { Core } from '@strapi/strapi';
import { procedureConsultations, type LifecycleRow } from '../consultations/public';
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
/** A procedure as its staff read it: the published consultation, its lifecycle row, its register's last number. */
type Visible = { doc: Published; row: LifecycleRow | null; observations: number };

/** What the staff sheets read of a procedure's published consultation. */
const PROCEDURE_FIELDS = [
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
] as const;

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

  /** The procedures this person may read, each with its lifecycle row and its register's last number: one statement. */
  async function visible(documentId?: string): Promise<Visible[]> {
    const who = viewer();
    const found = await procedureConsultations(strapi, PROCEDURE_FIELDS, {
      documentId,
      limit: 500,
      extra: (documentIdRef) => ({ lastNumber: registers().lastNumberExpression(documentIdRef) }),
    });
    return found
      .map(({ published, row, extra }) => ({ doc: published as Published, row, observations: Number(extra.lastNumber ?? 0) }))
      .filter(({ doc }) => who.seesAll || isOverseer(doc, who.email));
  }

  function sheet({ doc, row, observations }: Visible, reports: ProcedureReport[]) {
    const who = viewer();
    const settings = settingsOf(doc);
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
      observations,
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
    const [found] = await visible(documentId);
    if (!found) throw notFound('Procédure introuvable, ou vous n’en êtes pas le garant ou le commissaire enquêteur.');
    return found;
  }

  return {
    viewer,
    one,
    /** Every procedure this person may read: two statements, whatever their number. */
    async list() {
      const found = await visible();
      const reports = await registers().reports(found.map((v) => v.doc.documentId));
      return { data: found.map((v) => sheet(v, reports.get(v.doc.documentId) ?? [])) };
    },
    async detail(documentId: string) {
      const found = await one(documentId);
      const reports = await registers().reports([documentId]);
      return { data: sheet(found, reports.get(documentId) ?? []) };
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
