import { createHmac, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { newReceipt } from '../../platform/receipts';
import type { Citizen } from '../../platform/citizen';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { transaction } from '../../platform/database/transaction';
import { isUniqueViolation } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { territoryNames } from '../../territories/public';
import { questionsOf, validateAnswers, type Answers, type Definition, type Issue } from '../../../../shared/questionnaire';
import { answerRefusal, declaredOf, itemsOf, stateAt, type Channel } from '../domain/rules';
import { questionnairesRepository, type AnswerFile, type Questionnaire, type ResponseRow, type StoredResponse } from '../repository';

/**
 * A keyed hash of a client IP, per questionnaire: staff see that many answers came from one source, never the
 * address, and the same address gives unrelated hashes in two questionnaires.
 */
function ipHash(strapi: Core.Strapi, questionnaireId: number, ip: string): string {
  const key = ((strapi.config.get('server.app.keys') as string[] | undefined) ?? [])[0] ?? 'participer';
  return createHmac('sha256', key).update(`questionnaire:${questionnaireId}:${ip}`).digest('hex').slice(0, 16);
}

/** The communes named in the answers to commune questions that are communes of the département (one query when there is any). */
async function knownCommunes(strapi: Core.Strapi, definition: Definition, raw: unknown): Promise<Set<string>> {
  if (typeof raw !== 'object' || raw === null) return new Set();
  const codes = questionsOf(definition)
    .filter((q) => q.type === 'commune')
    .map((q) => (raw as Record<string, unknown>)[q.key])
    .filter((v): v is string => typeof v === 'string' && /^[0-9][0-9AB][0-9]{3}$/.test(v));
  if (!codes.length) return new Set();
  return new Set((await territoryNames(strapi, codes)).keys());
}

/** The ids of the files an answer joins, by question (empty when the questionnaire asks for no file). */
const fileIdsOf = (definition: Definition, answers: Answers): string[] =>
  questionsOf(definition).flatMap((q) => (q.type === 'file' ? ((answers[q.key] as string[] | undefined) ?? []) : []));

/** Whether a questionnaire asks for files (then its answers join them, and a response lists them). */
const asksFiles = (definition: Definition) => questionsOf(definition).some((q) => q.type === 'file');

/**
 * Checks answers against what the respondent is shown: when `complete`, every required question answered; a draft
 * only needs each answer to be of its type. Each file joined must have been sent for that question by the same
 * person (`owner`), and be free or already this response's. Field errors are under `answers.<question key>`.
 */
async function checked(
  strapi: Core.Strapi,
  q: Questionnaire,
  raw: unknown,
  complete: boolean,
  owner: { key: string; responseId: number | null }
): Promise<{ answers: Answers; files: Map<string, AnswerFile> }> {
  const communes = await knownCommunes(strapi, q.definition, raw);
  const { answers, issues } = validateAnswers(q.definition, raw, (code) => communes.has(code), { complete });
  const ids = issues.length ? [] : fileIdsOf(q.definition, answers);
  const files = await questionnairesRepository(strapi).filesByIds(q.id, ids);
  for (const question of questionsOf(q.definition)) {
    if (question.type !== 'file') continue;
    for (const id of (answers[question.key] as string[] | undefined) ?? []) {
      const file = files.get(id);
      const usable =
        file && file.question === question.key && file.ownerKey === owner.key && (file.responseId === null || file.responseId === owner.responseId);
      if (!usable) {
        issues.push({ path: ['answers', question.key], message: 'Un fichier joint n’est plus disponible : déposez-le à nouveau.' } satisfies Issue);
        break;
      }
    }
  }
  if (issues.length) throw validationFailed(issues, 'Certaines réponses sont à revoir.');
  return { answers, files };
}

/**
 * Writes a response and, when the questionnaire asks for files, joins the answer's files to it (and lets go of those
 * it no longer lists), in one transaction: a file another response took in the meantime undoes it all (409).
 */
async function writeWithFiles(
  strapi: Core.Strapi,
  q: Questionnaire,
  row: ResponseRow,
  answers: Answers,
  ownerKey: string,
  now: Date,
  replace?: { id: number; whereDraftOnly: boolean }
) {
  const repository = questionnairesRepository(strapi);
  return transaction(strapi, async (trx) => {
    const written = await repository.writeResponse(trx, row, itemsOf(q.definition, answers), now, replace);
    if (written && asksFiles(q.definition)) {
      const ids = fileIdsOf(q.definition, answers);
      if ((await repository.attachFiles(trx, q.id, written.id, ownerKey, ids)) !== ids.length)
        throw fail('stale_state', 'Un fichier joint vient d’être pris par une autre réponse : déposez-le à nouveau.');
    }
    return written;
  });
}

/** The files an answer joins, as the respondent reads them back. */
const filesOf = (q: Questionnaire, answers: Answers, files: Map<string, AnswerFile>) =>
  fileIdsOf(q.definition, answers).flatMap((id) => {
    const f = files.get(id);
    return f ? [{ id: f.id, question: f.question, name: f.name, mime: f.mime, bytes: f.bytes }] : [];
  });

/**
 * The questionnaire, open to answers now, and the respondent's own response (draft or sent) when signed in: one
 * statement.
 */
export async function openQuestionnaire(strapi: Core.Strapi, slug: string, respondentKey: string | null, now: Date) {
  const found = await questionnairesRepository(strapi).questionnaireWithResponse(slug, respondentKey);
  if (!found || !found.questionnaire.published) throw notFound('Questionnaire introuvable.');
  const refusal = answerRefusal(stateAt(found.questionnaire, now));
  if (refusal) throw fail(refusal);
  return found;
}

/** The row of a response from its answers: the declared commune and age band are read from the questions marked so. */
function responseRow(
  q: Questionnaire,
  answers: Answers,
  parts: Pick<ResponseRow, 'respondentKey' | 'userId' | 'channel' | 'ipHash'> & Partial<ResponseRow>,
  submittedAt: Date | null
): ResponseRow {
  return {
    questionnaireId: q.id,
    answers,
    submittedAt,
    receipt: newReceipt(),
    paperPlace: null,
    paperDate: null,
    enteredBy: null,
    ...declaredOf(q.definition, answers),
    ...parts,
  };
}

export type SentResponse = {
  receipt: string;
  status: 'draft' | 'submitted';
  answers: Answers;
  files: { id: string; question: string; name: string; mime: string; bytes: number }[];
  submittedAt: string | null;
  updatedAt: string;
  editable: boolean;
};

const sent = (q: Questionnaire, receipt: string, answers: Answers, files: Map<string, AnswerFile>, submittedAt: Date | null, now: Date): SentResponse => ({
  receipt,
  status: submittedAt ? 'submitted' : 'draft',
  answers,
  files: filesOf(q, answers, files),
  submittedAt: submittedAt?.toISOString() ?? null,
  updatedAt: now.toISOString(),
  editable: !submittedAt || q.editable,
});

/**
 * POST /questionnaires/:slug/responses — sends a response. Signed in: the person's one response (the unique index on
 * questionnaire and account refuses a second, 409 `already_answered`; a saved draft becomes the sent response).
 * Anonymous, where the questionnaire allows it: a response of its own, after the per-IP limit, with the keyed hash
 * of the IP kept for staff.
 */
export async function submit(strapi: Core.Strapi, slug: string, citizen: Citizen | null, raw: unknown, ip: string, now = new Date()) {
  const { questionnaire: q, response: draft } = await openQuestionnaire(strapi, slug, citizen ? `user:${citizen.id}` : null, now);
  if (!citizen && q.audience !== 'anonymous') throw fail('authentication_required', 'Connectez-vous pour répondre à ce questionnaire.');
  if (draft?.submittedAt) throw fail('already_answered');
  const ownerKey = fileOwnerOf(citizen);
  const { answers, files } = await checked(strapi, q, raw, true, { key: ownerKey, responseId: draft?.id ?? null });
  if (!citizen) await getService(strapi, 'rate-limits').consumeAnonymousAnswer(ip);
  const respondentKey = citizen ? `user:${citizen.id}` : `anonymous:${randomBytes(12).toString('hex')}`;
  const row = responseRow(
    q,
    answers,
    { respondentKey, userId: citizen?.id ?? null, channel: 'online', ipHash: citizen ? null : ipHash(strapi, q.id, ip) },
    now
  );
  try {
    const written = await writeWithFiles(strapi, q, row, answers, ownerKey, now, draft ? { id: draft.id, whereDraftOnly: true } : undefined);
    if (!written) throw fail('already_answered');
    return { data: sent(q, written.receipt, answers, files, now, now) };
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('already_answered');
    throw error;
  }
}

/**
 * PUT /questionnaires/:slug/responses/mine — a signed-in respondent saves their answers: as a draft to resume later
 * (each answer checked for its type, required ones not yet), or sent (`submit`). A sent response changes only where
 * the questionnaire allows it, until it closes (409 `answer_locked`).
 */
export async function saveMine(strapi: Core.Strapi, slug: string, citizen: Citizen, raw: unknown, submitNow: boolean, now = new Date()) {
  const respondentKey = `user:${citizen.id}`;
  const { questionnaire: q, response: existing } = await openQuestionnaire(strapi, slug, respondentKey, now);
  if (existing?.submittedAt && !q.editable) throw fail('answer_locked');
  const { answers, files } = await checked(strapi, q, raw, submitNow, { key: respondentKey, responseId: existing?.id ?? null });
  if (existing?.submittedAt && !submitNow) throw fail('answer_locked', 'Une réponse envoyée ne redevient pas un brouillon : envoyez vos modifications.');
  const submittedAt = submitNow ? (existing?.submittedAt ?? now) : null;
  const row = responseRow(q, answers, { respondentKey, userId: citizen.id, channel: 'online', ipHash: null }, submittedAt);
  try {
    const written = await writeWithFiles(strapi, q, row, answers, respondentKey, now, existing ? { id: existing.id, whereDraftOnly: !q.editable } : undefined);
    if (!written) throw fail('answer_locked');
    return { data: sent(q, written.receipt, answers, files, submittedAt, now) };
  } catch (error) {
    // Two first saves at once: the other one was written; this one is asked to try again on what is there.
    if (isUniqueViolation(error)) throw fail('stale_state');
    throw error;
  }
}

/** GET /questionnaires/:slug/responses/mine — the signed-in respondent's draft or sent response, or null. */
export async function mine(strapi: Core.Strapi, slug: string, citizen: Citizen) {
  const repository = questionnairesRepository(strapi);
  const q = await repository.questionnaireBy({ slug });
  if (!q || !q.published) throw notFound('Questionnaire introuvable.');
  const row: StoredResponse | null = await repository.responseOf(q.id, `user:${citizen.id}`);
  if (!row) return { data: null };
  const open = stateAt(q, new Date()) === 'open';
  const files = await repository.filesByIds(q.id, fileIdsOf(q.definition, row.answers));
  return { data: { ...sent(q, row.receipt, row.answers, files, row.submittedAt, row.updatedAt), editable: open && (!row.submittedAt || q.editable) } };
}

export type PaperResponseInput = { answers: unknown; place: string; date: string };
export type StaffActor = { id: number; name: string };

/** Who sent a file, so that only they may join it: a signed-in person, anyone without an account, or the agent entering paper. */
export const fileOwnerOf = (citizen: Citizen | null) => (citizen ? `user:${citizen.id}` : 'anonymous');
export const paperOwnerOf = (actor: StaffActor) => `staff:${actor.id}`;

/**
 * A questionnaire that takes paper answers now: while it is open and until thirty days after it closes (paper
 * arrives late); never before it opens.
 */
export async function paperQuestionnaire(strapi: Core.Strapi, documentId: string, now: Date): Promise<Questionnaire> {
  const q = await questionnairesRepository(strapi).questionnaireBy({ documentId });
  if (!q) throw notFound('Questionnaire introuvable.');
  const state = stateAt(q, now);
  if (state === 'draft' || state === 'upcoming') throw fail('questionnaire_not_open');
  if (state === 'closed' && now.getTime() - q.closesAt.getTime() > 30 * 86_400_000)
    throw fail('questionnaire_closed', 'La saisie des questionnaires papier ferme trente jours après la clôture.');
  return q;
}

/**
 * A paper questionnaire entered by an agent: the same validation as online, with where and when it was filled in and
 * who entered it; counted and exported apart (channel `paper`). Accepted while the questionnaire is open and until
 * thirty days after it closes (paper arrives late); never before it opens.
 */
export async function enterPaper(strapi: Core.Strapi, documentId: string, input: PaperResponseInput, actor: StaffActor, now = new Date()) {
  const q = await paperQuestionnaire(strapi, documentId, now);
  const ownerKey = paperOwnerOf(actor);
  const { answers } = await checked(strapi, q, input.answers, true, { key: ownerKey, responseId: null });
  const channel: Channel = 'paper';
  const row = responseRow(
    q,
    answers,
    {
      respondentKey: `paper:${randomBytes(12).toString('hex')}`,
      userId: null,
      channel,
      ipHash: null,
      paperPlace: input.place,
      paperDate: input.date,
      enteredBy: actor.name,
    },
    now
  );
  const written = await writeWithFiles(strapi, q, row, answers, ownerKey, now);
  return { data: { receipt: written!.receipt, channel, submittedAt: now.toISOString() } };
}
