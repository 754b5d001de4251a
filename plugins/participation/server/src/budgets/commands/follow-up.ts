import type { Core } from '@strapi/strapi';
import { fail, notFound } from '../../platform/errors';
import { budgetsRepository } from '../repository';
import { transaction } from '../../platform/database/transaction';
import type { StaffActor as Actor } from '../../platform/staff';

export type FollowUpInput = {
  status: 'planned' | 'in_study' | 'in_progress' | 'delivered' | 'abandoned';
  milestones: { date: string; label: string; done: boolean }[];
  deliveredAt?: string | null;
  note?: string;
};

/** The follow-up of a winning project: status, milestones, delivery date; logged. */
export async function setFollowUp(strapi: Core.Strapi, documentId: string, input: FollowUpInput, actor: Actor, now = new Date()) {
  const repository = budgetsRepository(strapi);
  const project = await repository.projectBy({ documentId });
  if (!project) throw notFound('Projet introuvable.');
  if (!project.isWinner) throw fail('decision_not_allowed', 'Seul un projet lauréat a un suivi de réalisation.');
  await transaction(strapi, async (trx) => {
    await repository.updateProject(trx, project.id, {
      followUpStatus: input.status,
      milestones: JSON.stringify(input.milestones),
      deliveredAt: input.status === 'delivered' ? (input.deliveredAt ?? now.toISOString().slice(0, 10)) : null,
      updatedAt: now,
    });
    await repository.record(
      trx,
      { processId: project.processId, projectId: project.id, kind: 'follow_up', reason: input.note ?? input.status, actorName: actor.name },
      now
    );
  });
  return (await repository.projectBy({ id: project.id }))!;
}
