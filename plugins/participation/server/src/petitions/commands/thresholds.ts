import type { Core } from '@strapi/strapi';
import { getService } from '../../platform/services';
import { evaluateStage, stageDeadline, type GroupTerritory, type ThresholdStage } from '../domain/rules';
import { petitionsRepository, type Petition, type Scheme } from '../repository';
import { type Db } from '../../platform/database/rows';

/** The grouping's territories a scheme's territorial stages count over ([] when it has none). */
export async function groupTerritories(strapi: Core.Strapi, scheme: Scheme, db?: Db): Promise<GroupTerritory[]> {
  if (!scheme.groupingKey) return [];
  const territories = await getService(strapi, 'groupings').territories(scheme.groupingKey, db);
  return (territories ?? []).map(({ code, name, population }) => ({ code, name, population }));
}

export const stageEventKey = (petitionId: number, kind: 'stage_reached' | 'stage_missed', stage: ThresholdStage) => `${petitionId}:${kind}:${stage.key}`;

/**
 * Records each stage whose conditions are now met (before its deadline), or whose deadline has passed unmet, once:
 * the history's unique event key makes a second recording a no-op, on any instance, so each crossing emits one
 * webhook. Called in the transaction of a signature (after the petition's row lock, so it counts every committed
 * signature) and by the scheduler.
 */
export async function recordStages(strapi: Core.Strapi, db: Db, petition: Petition, scheme: Scheme, now: Date) {
  if (!petition.openedAt || !scheme.stages.length) return [];
  const repository = petitionsRepository(strapi);
  const recorded = await repository.recordedStages(db, petition.id);
  const open = scheme.stages.filter((s) => !recorded.has(s.key));
  if (!open.length) return [];
  const counts = await repository.countsByTerritory(petition.id, db);
  const needsTerritories = open.some((s) => s.minTerritories !== undefined || s.perTerritory !== undefined || s.perTerritoryRatio !== undefined);
  const context = {
    population: open.some((s) => s.populationRatio !== undefined) ? await repository.departementPopulation(db) : 0,
    territories: needsTerritories ? await groupTerritories(strapi, scheme, db) : [],
    groupingKey: scheme.groupingKey,
  };
  const outcomes: { stage: ThresholdStage; kind: 'stage_reached' | 'stage_missed' }[] = [];
  for (const stage of open) {
    const deadline = stageDeadline(petition.openedAt, stage);
    const inTime = now.getTime() <= deadline.getTime();
    const { met, required } = evaluateStage(stage, counts, context);
    const kind = met && inTime ? 'stage_reached' : !inTime ? 'stage_missed' : null;
    if (!kind) continue;
    // A stage missed is dated at its deadline, however late the scheduler noticed.
    const at = kind === 'stage_missed' ? deadline : now;
    const first = await repository.record(
      db,
      petition.id,
      { kind, eventKey: stageEventKey(petition.id, kind, stage), stageKey: stage.key, reason: `${counts.total} / ${required} signatures` },
      at
    );
    if (!first) continue;
    outcomes.push({ stage, kind });
    await getService(strapi, 'outbox').enqueueWebhook(
      db,
      {
        event: 'participation.petition.stage',
        summary: `${petition.title} : étape « ${stage.label} » ${kind === 'stage_reached' ? 'atteinte' : 'non atteinte'}`,
        payload: {
          petition: { documentId: petition.documentId, slug: petition.slug, title: petition.title },
          stage: { key: stage.key, label: stage.label, triggers: stage.triggers, required, outcome: kind === 'stage_reached' ? 'reached' : 'missed' },
          signaturesCount: counts.total,
        },
      },
      at
    );
  }
  return outcomes;
}
