import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Citizen } from '../../platform/citizen';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { isUniqueViolation } from '../../platform/database/rows';
import { insertWhere, pgColumnTypes } from '../../platform/database/columns';
import { getService } from '../../platform/services';
import { ballotErrors, identityKey, stageAt, voteRefusal, type EligibilityLink } from '../domain/rules';
import { budgetsRepository, costOf, type BudgetProcess } from '../repository';
import { transaction } from '../../platform/database/transaction';

export type Declaration = { fullName: string; birthDate: string; communeCode: string; link: EligibilityLink };
export type BallotInput = { blank: boolean; choices: string[]; declaration: Declaration };
/** As sent: a changed vote may leave the declaration out, the one made with the first vote then stands. */
export type BallotRequest = Omit<BallotInput, 'declaration'> & { declaration?: Declaration };
export type PaperBallotInput = BallotInput & { pollingPlace: string; rejectionReason?: string };

const RECEIPT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A receipt code a voter can keep and quote (10 characters, no ambiguous ones). */
const newReceipt = () =>
  [...randomBytes(10)]
    .map((b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length])
    .join('')
    .replace(/^(.{5})/, '$1-');

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

/** The choices of a ballot's version, the earlier versions' removed (in the ballot's transaction). */
async function writeChoices(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  process: BudgetProcess,
  ballot: { id: number; version: number },
  projectIds: number[],
  channel: 'web' | 'paper',
  territoryCode: string | null,
  now: Date
) {
  const c = budgetsRepository(strapi).choices;
  await trx(c.table).where(c.column('ballotId'), ballot.id).where(c.column('version'), '<', ballot.version).delete();
  if (projectIds.length)
    await trx(c.table).insert(
      projectIds.map((projectId) => c.newRow({ processId: process.id, ballotId: ballot.id, version: ballot.version, projectId, channel, territoryCode }, now))
    );
}

/**
 * On PostgreSQL, the ballot, its old choices removed and its new ones in one statement (atomic as any statement),
 * written only while the vote is open by the database's clock. Each change makes a new version of the ballot (taken
 * on the row the update locks, so two changes at once by the same voter get two versions) and its choices carry it:
 * only the version in force counts, so choices a concurrent change could not see to remove never count. `open` takes a share lock on the process row: the
 * results, computed when the stage moves on (an update of that row), wait for a ballot in flight and count it.
 * Null when the vote has closed meanwhile.
 */
async function writeInOneStatement(
  strapi: Core.Strapi,
  process: BudgetProcess,
  row: Record<string, unknown>,
  updated: string[],
  projectIds: number[],
  territoryCode: string | null
) {
  const repository = budgetsRepository(strapi);
  const { ballots: b, choices: c, processes: p } = repository;
  const knex = strapi.db.connection;
  const insert = insertWhere(await pgColumnTypes(knex, b.table), row, 'open');
  const { rows } = (await knex.raw(
    `WITH open AS (SELECT 1 FROM ?? WHERE ?? = ? AND ?? <= now() AND ?? > now() FOR SHARE),
     upserted AS (
       INSERT INTO ?? ${insert.sql} ON CONFLICT (??, ??) DO UPDATE SET ${updated.map(() => '?? = EXCLUDED.??').join(', ')}, ?? = ??.?? + 1
       RETURNING ??, ??, ??),
     removed AS (DELETE FROM ?? WHERE ?? = (SELECT ?? FROM upserted) AND ?? < (SELECT ?? FROM upserted) RETURNING 1),
     added AS (
       INSERT INTO ?? (??, ??, ??, ??, ??, ??, ??, ??, ??, ??)
       SELECT md5(random()::text || clock_timestamp()::text || p::text), now(), now(), now(), ?::int, u.??, u.??, p, 'web', ?::varchar
       FROM upserted u CROSS JOIN unnest(?::int[]) AS p RETURNING 1)
     SELECT (SELECT ?? FROM upserted) AS id, (SELECT ?? FROM upserted) AS receipt, (SELECT COUNT(*) FROM added) AS added, (SELECT COUNT(*) FROM removed) AS removed`,
    [
      p.table,
      p.column('id'),
      process.id,
      p.column('voteOpensAt'),
      p.column('voteClosesAt'),
      b.table,
      ...insert.bindings,
      b.column('processId'),
      b.column('voterKey'),
      ...updated.flatMap((col) => [col, col]),
      b.column('version'),
      b.table,
      b.column('version'),
      b.column('id'),
      b.column('receipt'),
      b.column('version'),
      c.table,
      c.column('ballotId'),
      b.column('id'),
      c.column('version'),
      b.column('version'),
      c.table,
      'document_id',
      'created_at',
      'updated_at',
      'published_at',
      c.column('processId'),
      c.column('ballotId'),
      c.column('version'),
      c.column('projectId'),
      c.column('channel'),
      c.column('territoryCode'),
      process.id,
      b.column('id'),
      b.column('version'),
      territoryCode,
      projectIds,
      b.column('id'),
      b.column('receipt'),
    ] as Knex.RawBinding[]
  )) as { rows: { id: unknown; receipt: unknown }[] };
  return rows[0]?.id === null || rows[0]?.id === undefined ? null : { id: Number(rows[0].id), receipt: String(rows[0].receipt) };
}

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
  const b = repository.ballots;
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
  const fields = { identityKey: identity, ...ballotColumns(input, territoryCode), updatedAt: now };
  const row = b.newRow(
    {
      processId: process.id,
      voterKey: `user:${citizen.id}`,
      userId: citizen.id,
      channel: 'web',
      receipt: newReceipt(),
      ballotStatus: 'counted',
      version: 1,
      ...fields,
    },
    now
  );
  const projectIds = input.blank ? [] : input.choices.map((c) => projects.get(c)!.id);
  let saved: { id: number; receipt: string } | null = null;
  try {
    if (strapi.db.dialect.client === 'postgres')
      saved = await writeInOneStatement(strapi, process, row, Object.keys(b.toColumns(fields)), projectIds, territoryCode);
    else {
      await transaction(strapi, async (trx) => {
        const [inserted] = (await trx(b.table)
          .insert(row)
          .onConflict([b.column('processId'), b.column('voterKey')])
          .merge({ ...b.toColumns(fields), [b.column('version')]: trx.raw('?? + 1', [`${b.table}.${b.column('version')}`]) })
          .returning([b.column('id'), b.column('receipt'), b.column('version')])) as Record<string, unknown>[];
        saved = { id: Number(inserted[b.column('id')]), receipt: String(inserted[b.column('receipt')]) };
        await writeChoices(strapi, trx, process, { id: saved.id, version: Number(inserted[b.column('version')]) }, projectIds, 'web', territoryCode, now);
      });
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('already_voted');
    throw error;
  }
  const ballot = saved as { id: number; receipt: string } | null;
  if (!ballot) throw fail('vote_closed');
  return { data: { receipt: ballot.receipt, blank: input.blank, choices: input.choices, channel: 'web' as const, updatedAt: now.toISOString() } };
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
  const b = repository.ballots;
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
    await strapi.db
      .connection(b.table)
      .insert(b.newRow({ ...base, voterKey: key, identityKey: key, ballotStatus: 'rejected', rejectionReason: reason, version: 1 }, now));
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
      const [inserted] = (await trx(b.table)
        .insert(b.newRow({ ...base, voterKey: `paper:${identity}`, identityKey: identity, ballotStatus: 'counted', version: 1 }, now))
        .returning([b.column('id')])) as Record<string, unknown>[];
      await writeChoices(
        strapi,
        trx,
        process,
        { id: Number(inserted[b.column('id')]), version: 1 },
        input.blank ? [] : input.choices.map((c) => projects.get(c)!.id),
        'paper',
        territoryCode,
        now
      );
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = (await strapi.db
      .connection(b.table)
      .select({ channel: b.column('channel') })
      .where(b.column('processId'), process.id)
      .where(b.column('identityKey'), identity)
      .first()) as { channel: string } | undefined;
    if (existing?.channel === 'web') {
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
  const b = repository.ballots;
  const row = (await strapi.db
    .connection(b.table)
    .select(b.select(['receipt', 'blank', 'choices', 'channel', 'updatedAt']))
    .where(b.column('processId'), process.id)
    .where(b.column('voterKey'), `user:${citizen.id}`)
    .first()) as Record<string, unknown> | undefined;
  if (!row) return { data: null };
  const choices = typeof row.choices === 'string' ? (JSON.parse(row.choices) as string[]) : ((row.choices as string[]) ?? []);
  return {
    data: {
      receipt: String(row.receipt),
      blank: row.blank === true || row.blank === 1,
      choices,
      channel: 'web' as const,
      updatedAt: new Date(row.updatedAt as string).toISOString(),
    },
  };
}
