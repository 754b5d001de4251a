import type { Core } from '@strapi/strapi';
import { newReceipt } from '../../platform/receipts';
import type { Citizen } from '../../platform/citizen';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { ballotErrors, identityKey, stageAt, voteRefusal, type EligibilityLink } from '../domain/rules';
import { budgetsRepository, costOf, type BudgetProcess } from '../repository';
import { transaction } from '../../platform/database/transaction';

export type Declaration = { fullName: string; birthDate: string; communeCode: string; link: EligibilityLink };
export type BallotInput = { blank: boolean; choices: string[]; declaration: Declaration };
/** As sent: a changed vote may leave the declaration out, the one made with the first vote then stands. */
export type BallotRequest = Omit<BallotInput, 'declaration'> & { declaration?: Declaration };
export type PaperBallotInput = BallotInput & { pollingPlace: string; rejectionReason?: string };

type BallotProjects = Map<string, { id: number; cost: number }>;
const ballotProjectsCache = new Map<string, BallotProjects>();

/**
 * The admissible projects a ballot may choose, by public id, with the cost they are voted at. While the vote is open
 * they cannot change (no admissibility decision once the vote opens by the calendar; moving the calendar back updates
 * the process row): kept per process and version of its row, so every instance reads them once per vote.
 */
async function ballotProjects(strapi: Core.Strapi, process: BudgetProcess, now: Date): Promise<BallotProjects> {
  const key = `${process.id}:${process.updatedAt.getTime()}`;
  const cached = ballotProjectsCache.get(key);
  if (cached) return cached;
  const projects = await budgetsRepository(strapi).projectsOf(process.id, ['admissible']);
  const map: BallotProjects = new Map(projects.map((p) => [p.documentId, { id: p.id, cost: costOf(p) }]));
  if (stageAt(process, now) === 'vote') {
    if (ballotProjectsCache.size > 50) ballotProjectsCache.clear();
    ballotProjectsCache.set(key, map);
  }
  return map;
}

/** The voter's territory in the process's grouping, from the declared commune (which must be the département's). */
async function voterTerritory(strapi: Core.Strapi, process: BudgetProcess, communeCode: string): Promise<string | null> {
  const place = await getService(strapi, 'groupings').placeOf(process.settings.groupingKey, communeCode);
  if (!place) throw validationFailed([{ path: ['declaration', 'communeCode'], message: 'Commune inconnue dans le département.' }]);
  return place.territories[0]?.code ?? null;
}

/** The ballot's columns from what the voter declared and chose (both channels). */
const ballotColumns = (input: BallotInput, territoryCode: string | null) => ({
  declaredName: input.declaration.fullName,
  declaredBirthDate: input.declaration.birthDate,
  declaredCommune: input.declaration.communeCode,
  declaredLink: input.declaration.link,
  territoryCode,
  blank: input.blank,
  choices: JSON.stringify(input.choices),
});

/**
 * PUT /budgets/:slug/ballot — the whole ballot in one request and one transaction (no basket to abandon): blank or
 * its choices, with the voter's declaration (name and date of birth, commune, link with the département; a
 * changed vote may leave it out, the first one's stands). It
 * replaces the voter's previous ballot until the vote closes and keeps its receipt. One ballot per account and one
 * per declared person, across channels, are enforced by unique indexes.
 */
export async function vote(strapi: Core.Strapi, slug: string, citizen: Citizen, request: BallotRequest, now = new Date()) {
  const repository = budgetsRepository(strapi);
  const declaration = request.declaration ?? ((await repository.declarationOf(slug, `user:${citizen.id}`)) as Declaration | null);
  if (!declaration)
    throw validationFailed([
      { path: ['declaration'], message: 'Pour un premier vote, indiquez votre nom, votre date de naissance, votre commune et votre lien avec le département.' },
    ]);
  const input: BallotInput = { ...request, declaration };
  const identity = identityKey(input.declaration.fullName, input.declaration.birthDate);
  // The process and, in the same query, a ballot of the same declared person from another account or on paper.
  const found = await repository.processWithOtherBallot(slug, identity, `user:${citizen.id}`);
  if (!found) throw notFound('Budget participatif introuvable.');
  const { process, otherChannel } = found;
  const refusal = voteRefusal(stageAt(process, now), otherChannel === 'paper');
  if (refusal) throw fail(refusal);
  if (otherChannel) throw fail('already_voted');
  const projects = await ballotProjects(strapi, process, now);
  const errors = ballotErrors(
    { blank: input.blank, choices: input.choices, birthDate: input.declaration.birthDate, link: input.declaration.link },
    process.settings,
    projects,
    now
  );
  if (errors.length) throw validationFailed(errors);
  const territoryCode = await voterTerritory(strapi, process, input.declaration.communeCode);
  // What a changed vote replaces; the rest (account, receipt, channel) is the first vote's.
  const changed = { identityKey: identity, ...ballotColumns(input, territoryCode), updatedAt: now };
  const ballot = {
    processId: process.id,
    voterKey: `user:${citizen.id}`,
    userId: citizen.id,
    channel: 'web',
    receipt: newReceipt(),
    ballotStatus: 'counted',
    ...changed,
  };
  const projectIds = input.blank ? [] : input.choices.map((c) => projects.get(c)!.id);
  let saved: { id: number; receipt: string } | null = null;
  try {
    if (repository.ballotInOneStatement) saved = await repository.writeBallotInOneStatement(ballot, changed, projectIds, territoryCode, now);
    else {
      await transaction(strapi, async (trx) => {
        const upserted = await repository.upsertWebBallot(trx, ballot, changed, now);
        saved = upserted;
        await repository.replaceChoices(trx, process.id, upserted, projectIds, 'web', territoryCode, now);
      });
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('already_voted');
    throw error;
  }
  const written = saved as { id: number; receipt: string } | null;
  if (!written) throw fail('vote_closed');
  return { data: { receipt: written.receipt, blank: input.blank, choices: input.choices, channel: 'web' as const, updatedAt: now.toISOString() } };
}

/**
 * A paper ballot entered by an agent, by polling place, with the voter's declared identity. The first ballot recorded
 * for a person counts: a paper ballot from someone who already voted online is kept as rejected (the agent is told),
 * the same person twice on paper is a 409. A spoiled ballot is recorded as rejected with its reason.
 */
export async function enterPaperBallot(strapi: Core.Strapi, documentId: string, input: PaperBallotInput, actor: { name: string }, now = new Date()) {
  const repository = budgetsRepository(strapi);
  const process = await repository.processBy({ documentId });
  if (!process) throw notFound('Budget participatif introuvable.');
  const stage = stageAt(process, now);
  if (stage !== 'vote') throw fail(stage === 'results' || stage === 'follow_up' ? 'vote_closed' : 'vote_not_open');
  const identity = identityKey(input.declaration.fullName, input.declaration.birthDate);
  const territoryCode = await voterTerritory(strapi, process, input.declaration.communeCode);
  const base = {
    processId: process.id,
    channel: 'paper',
    pollingPlace: input.pollingPlace,
    ...ballotColumns(input, territoryCode),
    receipt: newReceipt(),
    enteredBy: actor.name,
  };
  const rejected = async (reason: string) => {
    const key = `rejected:${newReceipt()}`;
    await repository.insertPaperBallot({ ...base, voterKey: key, identityKey: key, ballotStatus: 'rejected', rejectionReason: reason }, now);
  };
  if (input.rejectionReason) {
    await rejected(input.rejectionReason);
    return { data: { outcome: 'rejected' as const, reason: input.rejectionReason } };
  }
  const projects = await ballotProjects(strapi, process, now);
  const errors = ballotErrors(
    { blank: input.blank, choices: input.choices, birthDate: input.declaration.birthDate, link: input.declaration.link },
    process.settings,
    projects,
    now
  );
  if (errors.length) throw validationFailed(errors);
  try {
    await transaction(strapi, async (trx) => {
      const ballot = await repository.insertPaperBallot({ ...base, voterKey: `paper:${identity}`, identityKey: identity, ballotStatus: 'counted' }, now, trx);
      const projectIds = input.blank ? [] : input.choices.map((c) => projects.get(c)!.id);
      await repository.replaceChoices(trx, process.id, ballot, projectIds, 'paper', territoryCode, now);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if ((await repository.ballotChannelOf(process.id, identity)) === 'web') {
      const reason = 'A déjà voté en ligne : le premier bulletin enregistré compte (celui en ligne).';
      await rejected(reason);
      return { data: { outcome: 'already_voted_online' as const, reason } };
    }
    throw fail('already_voted', 'Cette personne a déjà un bulletin papier enregistré.');
  }
  return { data: { outcome: 'counted' as const, reason: null } };
}

/** GET /budgets/:slug/ballot — the signed-in voter's ballot and receipt, or null. */
export async function myBallot(strapi: Core.Strapi, slug: string, citizen: Citizen) {
  const repository = budgetsRepository(strapi);
  const process = await repository.processBy({ slug });
  if (!process) throw notFound('Budget participatif introuvable.');
  const row = await repository.webBallotOf(process.id, `user:${citizen.id}`);
  if (!row) return { data: null };
  return { data: { receipt: row.receipt, blank: row.blank, choices: row.choices, channel: 'web' as const, updatedAt: row.updatedAt.toISOString() } };
}
