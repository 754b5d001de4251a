import type { Core } from '@strapi/strapi';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { budgetSettings, type BudgetSettings } from '../domain/rules';
import { budgetsRepository } from '../repository';
import { runDueFor } from './run-due';

export type ProcessInput = {
  name: string;
  slug: string;
  description?: string | null;
  filingOpensAt: string;
  filingClosesAt: string;
  voteOpensAt: string;
  voteClosesAt: string;
  followUpAt?: string | null;
  settings: unknown;
};

/** Creates or updates a process; dates in order and settings valid, or field errors. The stage follows the dates. */
export async function saveProcess(strapi: Core.Strapi, documentId: string | null, input: ProcessInput, now = new Date()) {
  const settings = budgetSettings.safeParse(input.settings);
  if (!settings.success)
    throw validationFailed(
      settings.error.issues.map((i) => ({ path: ['settings', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message }))
    );
  const dates = ['filingOpensAt', 'filingClosesAt', 'voteOpensAt', 'voteClosesAt'] as const;
  for (let i = 1; i < dates.length; i += 1) {
    if (new Date(input[dates[i]]).getTime() < new Date(input[dates[i - 1]]).getTime())
      throw validationFailed([{ path: [dates[i]], message: 'Les dates du calendrier doivent se suivre.' }]);
  }
  if (input.followUpAt && new Date(input.followUpAt).getTime() < new Date(input.voteClosesAt).getTime())
    throw validationFailed([{ path: ['followUpAt'], message: 'Le suivi commence après le vote.' }]);
  if (settings.data.groupingKey && !(await getService(strapi, 'groupings').territories(settings.data.groupingKey)))
    throw validationFailed([{ path: ['settings', 'groupingKey'], message: 'Regroupement inconnu.' }]);
  const repository = budgetsRepository(strapi);
  const fields = {
    name: input.name,
    slug: input.slug,
    description: input.description ?? null,
    filingOpensAt: new Date(input.filingOpensAt),
    filingClosesAt: new Date(input.filingClosesAt),
    voteOpensAt: new Date(input.voteOpensAt),
    voteClosesAt: new Date(input.voteClosesAt),
    followUpAt: input.followUpAt ? new Date(input.followUpAt) : null,
    settings: JSON.stringify(settings.data),
  };
  try {
    if (documentId) {
      const existing = await repository.processBy({ documentId });
      if (!existing) throw notFound('Budget participatif introuvable.');
      // Rules are fixed once the vote is open: a ballot is judged by the rules it was cast under. Whether projects
      // take comments is not a voting rule: an agent may still open or close them.
      const votingRules = ({ comments: _comments, ...rules }: BudgetSettings) => JSON.stringify(rules);
      if (['vote', 'results', 'follow_up'].includes(existing.stage) && votingRules(existing.settings) !== votingRules(settings.data))
        throw fail('configuration_locked');
      await repository.updateProcess(existing.id, { ...fields, updatedAt: now });
    } else {
      await repository.insertProcess(fields, now);
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw validationFailed([{ path: ['slug'], message: 'Un autre budget a déjà cet identifiant.' }]);
    throw error;
  }
  await runDueFor(strapi, (await repository.processBy({ slug: input.slug }))!, now);
  return (await repository.processBy({ slug: input.slug }))!;
}
