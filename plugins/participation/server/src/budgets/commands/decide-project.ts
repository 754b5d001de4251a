import type { Core } from '@strapi/strapi';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { citizenEmail } from '../../platform/citizen';
import { getService } from '../../platform/services';
import { decisionNeedsReason, projectDecisionOutcome, stageAt, STAGE_LABELS, PROJECT_STATUS_LABELS, type ProjectDecision } from '../domain/rules';
import { budgetsRepository } from '../repository';
import { transaction } from '../../platform/database/transaction';
import type { StaffActor as Actor } from '../../platform/staff';

export type ProjectDecisionInput = {
  decision: ProjectDecision;
  reason?: string;
  revisedCost?: number;
  mergeInto?: string;
  assignedService?: string;
  analysis?: string;
  committee?: boolean;
};

/**
 * Moderation (publish, reject) and the admissibility analysis (admissible with an optional revised cost, inadmissible,
 * merged into another project), each logged — a committee decision says so — and mailed to the author with its reasons.
 */
export async function decideProject(strapi: Core.Strapi, documentId: string, input: ProjectDecisionInput, actor: Actor, now = new Date()) {
  const repository = budgetsRepository(strapi);
  const project = await repository.projectBy({ documentId });
  if (!project) throw notFound('Projet introuvable.');
  const process = (await repository.processBy({ id: project.processId }))!;
  const to = projectDecisionOutcome(project.status, input.decision, stageAt(process, now));
  if (!to)
    throw fail(
      'decision_not_allowed',
      `Décision impossible : le projet est « ${PROJECT_STATUS_LABELS[project.status]} » et le budget en « ${STAGE_LABELS[stageAt(process, now)]} ».`
    );
  if (decisionNeedsReason(input.decision) && !input.reason)
    throw validationFailed([{ path: ['reason'], message: 'Motivez la décision : elle est envoyée à l’auteur·rice et publiée.' }]);
  let mergedIntoId: number | null = null;
  if (input.decision === 'merge') {
    const target = input.mergeInto ? await repository.projectBy({ documentId: input.mergeInto }) : null;
    if (!target || target.processId !== project.processId || target.id === project.id)
      throw validationFailed([{ path: ['mergeInto'], message: 'Choisissez un autre projet du même budget.' }]);
    mergedIntoId = target.id;
  }
  if (input.revisedCost !== undefined && (input.revisedCost < 0 || input.revisedCost > process.settings.envelope))
    throw validationFailed([{ path: ['revisedCost'], message: 'Coût révisé hors de l’enveloppe.' }]);
  await transaction(strapi, async (trx) => {
    const changed = await repository.updateProject(
      trx,
      project.id,
      {
        projectStatus: to,
        decisionReason: input.reason ?? project.decisionReason,
        ...(input.revisedCost !== undefined ? { revisedCost: input.revisedCost } : {}),
        ...(input.assignedService !== undefined ? { assignedService: input.assignedService } : {}),
        ...(input.analysis !== undefined ? { analysis: input.analysis } : {}),
        ...(mergedIntoId ? { mergedIntoId } : {}),
        updatedAt: now,
      },
      project.status
    );
    if (!changed) throw fail('stale_state');
    await repository.record(
      trx,
      {
        processId: project.processId,
        projectId: project.id,
        kind: input.committee ? `committee_${input.decision}` : input.decision,
        reason: input.reason ?? null,
        actorName: actor.name,
      },
      now
    );
    if (project.authorId) {
      const email = await citizenEmail(strapi, trx, project.authorId);
      if (email) {
        const subject = `Votre projet « ${project.title} » : ${PROJECT_STATUS_LABELS[to].toLowerCase()}`;
        await getService(strapi, 'outbox').enqueueMails(
          trx,
          [
            {
              event: 'budget.project.decision',
              to: email,
              subject,
              summary: subject,
              text: [
                `Bonjour ${project.authorName},`,
                '',
                `Décision sur votre projet « ${project.title} » (${process.name}) : ${PROJECT_STATUS_LABELS[to]}.`,
                ...(input.revisedCost !== undefined ? [`Coût retenu après étude : ${input.revisedCost} €.`] : []),
                ...(input.reason ? ['', `Motifs : ${input.reason}`] : []),
                '',
                "L'équipe de la participation citoyenne",
              ].join('\n'),
            },
          ],
          now
        );
      }
    }
  });
  return (await repository.projectBy({ id: project.id }))!;
}
