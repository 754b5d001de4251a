import type { Core } from '@strapi/strapi';
import { PERMISSIONS } from '../../permissions';
import { consultationTitles } from '../../consultations/public';
import type { Db } from '../../platform/database/rows';
import { notFound, validationFailed } from '../../platform/errors';
import { serverUrl } from '../../platform/links';
import { getService } from '../../platform/services';
import { staffHolding, staffName, type StaffMember } from '../../platform/staff';
import { moderationRepository } from '../repository';
import { transaction } from '../../platform/database/transaction';

export const ASSIGNED_MAIL_EVENT = 'participation.staff.assigned';

type Actor = { id: number | null; name: string };

/** Who may be given a contribution to answer: staff holding the permission to answer. */
export const assignees = (strapi: Core.Strapi) => staffHolding(strapi, PERMISSIONS.answer);

async function contributionRow(strapi: Core.Strapi, documentId: string, db?: Db) {
  const row = await moderationRepository(strapi).contributionAssignment(documentId, db);
  if (!row) throw notFound('Contribution introuvable.');
  return row;
}

const present = (member: StaffMember | undefined, at: Date | null) => (member ? { id: member.id, name: staffName(member), assignedAt: at } : null);

/** Who a contribution is assigned to, and who it could be. */
export async function assignment(strapi: Core.Strapi, documentId: string) {
  const [row, candidates] = await Promise.all([contributionRow(strapi, documentId), assignees(strapi)]);
  const current = row.assigneeId === null ? undefined : candidates.find((m) => m.id === row.assigneeId);
  return { assignee: present(current, row.assignedAt), candidates: candidates.map((m) => ({ id: m.id, name: staffName(m) })) };
}

/**
 * Gives a contribution to a colleague for its official answer (or takes it back with null). The colleague is told
 * by mail, written to the outbox in the same transaction: once per assignment, never for one that rolled back, and
 * not again when the same person is assigned twice.
 */
export async function assignContribution(strapi: Core.Strapi, documentId: string, assigneeId: number | null, actor: Actor) {
  const candidates = await assignees(strapi);
  const member = assigneeId === null ? undefined : candidates.find((m) => m.id === assigneeId);
  if (assigneeId !== null && !member)
    throw validationFailed([{ path: ['assigneeId'], message: 'Cette personne ne peut pas répondre aux contributions (compte inactif ou sans ce droit).' }]);
  const now = new Date();
  await transaction(strapi, async (trx) => {
    const row = await contributionRow(strapi, documentId, trx);
    const previous = row.assigneeId;
    // Conditional on what was read: of two agents assigning at once, one changes it and tells.
    const changed = await moderationRepository(strapi).assign(trx, row.id, previous, assigneeId, now);
    if (!changed || !member || previous === assigneeId) return;
    const consultation = (await consultationTitles(strapi, [row.consultationDocumentId], trx)).get(row.consultationDocumentId);
    const link = `${serverUrl(strapi)}/admin/content-manager/collection-types/plugin::participation.contribution/${documentId}`;
    const subject = `Contribution à traiter : « ${row.title} »`;
    const text = [
      `Bonjour ${member.firstname ?? staffName(member)},`,
      '',
      `${actor.name} vous a confié la contribution « ${row.title} »${consultation?.title ? ` (consultation « ${consultation.title} »)` : ''} pour sa réponse officielle.`,
      '',
      `L'ouvrir dans l'administration : ${link}`,
      '',
      'Participer',
    ].join('\n');
    await getService(strapi, 'outbox').enqueueMails(
      trx,
      [{ event: ASSIGNED_MAIL_EVENT, to: member.email, subject, text, summary: 'Contribution confiée à un·e agent·e' }],
      now
    );
  });
  return assignment(strapi, documentId);
}
