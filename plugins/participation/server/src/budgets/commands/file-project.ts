import type { Core } from '@strapi/strapi';
import type { Citizen } from '../../platform/citizen';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { contentHash, searchKey } from '../../platform/text';
import { filingRefusal, stageAt, type BudgetSettings } from '../domain/rules';
import { budgetsRepository, type BudgetProcess } from '../repository';
import { transaction } from '../../platform/database/transaction';
import type { StaffActor as Actor } from '../../platform/staff';

export type ProjectInput = {
  title: string;
  description: string;
  estimatedCost: number;
  communeCode: string;
  theme?: string;
  imageUrl?: string;
  coAuthors?: string[];
};

async function projectTerritory(strapi: Core.Strapi, settings: BudgetSettings, communeCode: string) {
  const place = await getService(strapi, 'groupings').placeOf(settings.groupingKey, communeCode);
  if (!place) throw validationFailed([{ path: ['communeCode'], message: 'Commune inconnue dans le département.' }]);
  return place.territories[0]?.code ?? null;
}

async function insertProject(
  strapi: Core.Strapi,
  process: BudgetProcess,
  input: ProjectInput,
  author: { id: number | null; name: string; channel: 'web' | 'paper'; provenance?: string },
  actorName: string | null,
  now: Date
) {
  const { minProjectCost, maxProjectCost } = process.settings;
  if (input.estimatedCost < minProjectCost || input.estimatedCost > maxProjectCost) {
    throw validationFailed([{ path: ['estimatedCost'], message: `Le coût d'un projet doit être compris entre ${minProjectCost} € et ${maxProjectCost} €.` }]);
  }
  const territoryCode = await projectTerritory(strapi, process.settings, input.communeCode);
  const repository = budgetsRepository(strapi);
  const fields = {
    processId: process.id,
    title: input.title,
    description: input.description,
    estimatedCost: input.estimatedCost,
    communeCode: input.communeCode,
    territoryCode,
    theme: input.theme ?? null,
    imageUrl: input.imageUrl ?? null,
    coAuthors: JSON.stringify(input.coAuthors ?? []),
    authorId: author.id,
    authorName: author.name,
    channel: author.channel,
    provenance: author.provenance ?? null,
    projectStatus: 'submitted',
    isWinner: false,
    commentsCount: 0,
    searchKey: searchKey(`${input.title} ${input.description}`),
    // A citizen's double submit is one project: the unique index on (author, budget, text) keeps the first.
    contentHash: author.id ? contentHash(input.title, input.description) : null,
  };
  let projectId = 0;
  try {
    await transaction(strapi, async (trx) => {
      projectId = await repository.insertProject(trx, fields, now);
      await repository.record(trx, { processId: process.id, projectId, kind: 'filed', actorName }, now);
    });
  } catch (error) {
    if (author.id && isUniqueViolation(error)) throw fail('duplicate_project');
    throw error;
  }
  return (await repository.projectBy({ id: projectId }))!;
}

/** POST /budgets/:slug/projects — a citizen files a project while filing is open; it waits for moderation. */
export async function fileProject(strapi: Core.Strapi, slug: string, citizen: Citizen, input: ProjectInput, now = new Date()) {
  const process = await budgetsRepository(strapi).processBy({ slug });
  if (!process) throw notFound('Budget participatif introuvable.');
  const refusal = filingRefusal(stageAt(process, now));
  if (refusal) throw fail(refusal);
  return insertProject(strapi, process, input, { id: citizen.id, name: citizen.displayName, channel: 'web' }, null, now);
}

/** A project received on paper, entered by an agent with its provenance (also after filing closed: it was received in time). */
export async function enterPaperProject(
  strapi: Core.Strapi,
  documentId: string,
  input: ProjectInput & { authorName: string; provenance: string },
  actor: Actor,
  now = new Date()
) {
  const process = await budgetsRepository(strapi).processBy({ documentId });
  if (!process) throw notFound('Budget participatif introuvable.');
  if (['vote', 'results', 'follow_up'].includes(stageAt(process, now))) throw fail('filing_closed');
  return insertProject(strapi, process, input, { id: null, name: input.authorName, channel: 'paper', provenance: input.provenance }, actor.name, now);
}
