import type { Core } from '@strapi/strapi';
import { csvText } from '../platform/csv';
import { notFound } from '../platform/errors';
import { getService } from '../platform/services';
import type { StaffActor as Actor } from '../platform/staff';
import { paginationMeta } from '../platform/validation';
import { DECISIONS, decisionNeedsReason, decisionOutcome, PETITION_STATUSES, type PetitionStatus } from './domain/rules';
import { schemeView } from './presenter';
import { petitionsRepository } from './repository';

/* What staff see of petitions in the admin: schemes, the list, one petition, the nominative export. */

export async function adminSchemes(strapi: Core.Strapi) {
  return { data: (await petitionsRepository(strapi).allSchemes()).map((s) => ({ documentId: s.documentId, ...schemeView(s) })) };
}

/** The agents' list: every petition (under review included), with what waits for them, and the count per status. */
export async function adminList(strapi: Core.Strapi, filter: { status?: PetitionStatus; page: number; pageSize: number }) {
  const { rows, total, counts } = await petitionsRepository(strapi).adminPage(filter);
  return {
    data: rows.map((x) => ({
      documentId: x.documentId,
      slug: x.slug,
      title: x.title,
      status: x.status,
      scheme: x.schemeName,
      authorName: x.authorName,
      channel: x.channel,
      signaturesCount: x.signaturesCount,
      paperPendingCount: x.paperPendingCount,
      closesAt: x.closesAt?.toISOString() ?? null,
      createdAt: x.createdAt.toISOString(),
    })),
    meta: {
      pagination: paginationMeta(filter.page, filter.pageSize, total),
      counts: Object.fromEntries(PETITION_STATUSES.map((s) => [s, counts.get(s) ?? 0])),
    },
  };
}

/** One petition as staff see it: its text, provenance and appeal, the history with who decided, progress, paper signatures awaiting a check. */
export async function adminDetail(strapi: Core.Strapi, documentId: string) {
  const r = petitionsRepository(strapi);
  const petition = await r.petitionBy({ documentId });
  if (!petition) throw notFound('Pétition introuvable.');
  const scheme = (await r.schemeBy({ id: petition.schemeId }))!;
  const [pending, history, progress] = await Promise.all([
    r.pendingPaperSignatures(petition.id),
    r.history(petition.id),
    getService(strapi, 'petition-reads').progressOf(petition, scheme),
  ]);
  return {
    data: {
      documentId: petition.documentId,
      slug: petition.slug,
      title: petition.title,
      body: petition.body,
      status: petition.status,
      authorName: petition.authorName,
      authorKind: petition.authorKind,
      channel: petition.channel,
      provenance: petition.provenance,
      communeCode: petition.communeCode,
      decisionReason: petition.decisionReason,
      decidedAt: petition.decidedAt?.toISOString() ?? null,
      forwardedTo: petition.forwardedTo,
      appealReason: petition.appealReason,
      appealDecisionReason: petition.appealDecisionReason,
      openedAt: petition.openedAt?.toISOString() ?? null,
      closesAt: petition.closesAt?.toISOString() ?? null,
      signaturesCount: petition.signaturesCount,
      paperPendingCount: petition.paperPendingCount,
      answer: petition.answer,
      answeredAt: petition.answeredAt?.toISOString() ?? null,
      scheme: { documentId: scheme.documentId, ...schemeView(scheme) },
      progress,
      // What an agent may decide on this petition now, by the rules (domain/rules.ts): the admin offers these only.
      decisions: DECISIONS.filter((d) => decisionOutcome(petition.status, d) !== null).map((d) => ({ decision: d, reasonRequired: decisionNeedsReason(d) })),
      history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
      pendingPaperSignatures: pending.map((x) => ({ ...x, signedAt: x.signedAt.toISOString() })),
    },
  };
}

/**
 * The list of signatures with names: only for the dedicated permission (checked by the route), and every export is
 * logged (who, when, which petition) before the file leaves.
 */
export async function exportSignatures(strapi: Core.Strapi, documentId: string, actor: Actor) {
  const r = petitionsRepository(strapi);
  const petition = await r.petitionBy({ documentId });
  if (!petition) throw notFound('Pétition introuvable.');
  const rows = await r.signaturesForExport(petition.id);
  await getService(strapi, 'exports').record({
    subjectDocumentId: petition.documentId,
    subjectType: 'petition-signatures',
    format: 'csv',
    personalData: true,
    actor,
  });
  const csv = csvText(
    ['nom', 'nom_public', 'commune_insee', 'territoire', 'canal', 'provenance', 'verification', 'signee_le'],
    rows.map((x) => [
      x.signerName ?? '(donnée effacée)',
      x.showName ? 'oui' : 'non',
      x.communeCode,
      x.territoryCode ?? '',
      x.channel,
      x.provenance ?? '',
      x.verification,
      x.signedAt.toISOString(),
    ]),
    { delimiter: ';' }
  );
  return { csv, filename: `signatures-${petition.slug}.csv` };
}
