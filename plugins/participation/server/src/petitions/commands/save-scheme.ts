import type { Core } from '@strapi/strapi';
import { notFound, validationFailed } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { SCHEME_KINDS, thresholdStages, type ThresholdStage } from '../domain/rules';
import { schemeView } from '../presenter';
import { petitionsRepository } from '../repository';

export type SchemeInput = {
  name: string;
  slug: string;
  kind: (typeof SCHEME_KINDS)[number];
  description?: string | null;
  criteria?: string | null;
  minimumAge: number;
  groupingKey?: string | null;
  stages: ThresholdStage[];
  retentionDays: number;
  acceptsPetitions: boolean;
};

/** Creates or updates a scheme; its stages are validated by the domain's schema (field errors on `stages`). */
export async function saveScheme(strapi: Core.Strapi, documentId: string | null, input: SchemeInput) {
  const repository = petitionsRepository(strapi);
  const stages = thresholdStages.safeParse(input.stages);
  if (!stages.success)
    throw validationFailed(
      stages.error.issues.map((i) => ({ path: ['stages', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message }))
    );
  if (input.groupingKey && !(await getService(strapi, 'groupings').territories(input.groupingKey))) {
    throw validationFailed([{ path: ['groupingKey'], message: 'Regroupement inconnu : importez-le d’abord.' }]);
  }
  const territorial = stages.data.some((s) => s.minTerritories !== undefined || s.perTerritory !== undefined || s.perTerritoryRatio !== undefined);
  if (territorial && !input.groupingKey) throw validationFailed([{ path: ['groupingKey'], message: 'Une condition territoriale demande un regroupement.' }]);
  const fields = {
    ...input,
    description: input.description ?? null,
    criteria: input.criteria ?? null,
    groupingKey: input.groupingKey || null,
    stages: JSON.stringify(stages.data),
  };
  const now = new Date();
  try {
    if (documentId) {
      if (!(await repository.updateScheme(documentId, fields, now))) throw notFound('Dispositif introuvable.');
    } else await repository.insertScheme(fields, now);
  } catch (error) {
    if (isUniqueViolation(error)) throw validationFailed([{ path: ['slug'], message: 'Un autre dispositif a déjà cet identifiant.' }]);
    throw error;
  }
  const saved = (await repository.schemeBy({ slug: input.slug }))!;
  return { data: { documentId: saved.documentId, ...schemeView(saved) } };
}
