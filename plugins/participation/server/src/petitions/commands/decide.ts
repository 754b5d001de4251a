import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import slugify from 'slugify';
import type { Citizen } from '../../platform/citizen';
import { fail, notFound, validationFailed } from '../../platform/errors';
import { isUniqueViolation, rowsOf, type Db } from '../../platform/database/rows';
import { siteUrl } from '../../platform/links';
import { getService } from '../../platform/services';
import { contentHash, ERASED_AUTHOR, searchKey } from '../../platform/text';
import {
  appealRefusal,
  closingDate,
  decisionNeedsReason,
  decisionOutcome,
  mayAnswer,
  retentionEnds,
  STATUS_LABELS,
  type AuthorKind,
  type PetitionDecision,
} from '../domain/rules';
import { petitionsRepository, type Petition } from '../repository';
import { recordStages } from './thresholds';
import { transaction } from '../../platform/database/transaction';

type Actor = { id: number; name: string };

export type FileInput = {
  scheme: string;
  title: string;
  body: string;
  authorKind: AuthorKind;
  organisationName?: string;
  communeCode?: string;
  confirmsMinimumAge: true;
};
export type PaperPetitionInput = {
  scheme: string;
  title: string;
  body: string;
  authorKind: AuthorKind;
  authorName: string;
  provenance: string;
  communeCode?: string;
};

export const petitionPage = (strapi: Core.Strapi, slug: string) => `${siteUrl(strapi)}#/p/${encodeURIComponent(slug)}`;

const slugOf = (title: string, documentId: string) =>
  `${slugify(title, { lower: true, strict: true, locale: 'fr', trim: true }).slice(0, 100).replace(/-+$/, '') || 'petition'}-${documentId.slice(0, 6)}`;

/** Mails the author of a petition filed online about a decision on it, in the decision's transaction (through the outbox). */
async function tellAuthor(strapi: Core.Strapi, db: Db, petition: Petition, subject: string, text: string, now: Date) {
  if (!petition.authorId) return;
  const u = rowsOf(strapi, 'plugin::users-permissions.user');
  const user = (await db(u.table)
    .select({ email: u.column('email') })
    .where(u.column('id'), petition.authorId)
    .first()) as { email?: string } | undefined;
  if (!user?.email) return;
  await getService(strapi, 'outbox').enqueueMails(
    db,
    [
      {
        event: 'petition.decision',
        to: user.email,
        subject,
        summary: `${subject} (auteur·rice)`,
        text: [
          `Bonjour ${petition.authorName},`,
          '',
          text,
          '',
          `Votre pétition : ${petitionPage(strapi, petition.slug)}`,
          '',
          "L'équipe de la participation citoyenne",
        ].join('\n'),
      },
    ],
    now
  );
}

async function insertPetition(strapi: Core.Strapi, fields: Record<string, unknown> & { title: string }, actor: Actor | null, now: Date) {
  const repository = petitionsRepository(strapi);
  const p = repository.petitions;
  // A citizen's double submit is one petition: the unique index on (author, scheme, text) keeps the first.
  const sameText = fields.authorId ? contentHash(fields.title, String(fields.body)) : null;
  const row = p.newRow(
    {
      ...fields,
      contentHash: sameText,
      searchKey: searchKey(`${fields.title} ${String(fields.body)}`),
      petitionStatus: 'submitted',
      signaturesCount: 0,
      paperPendingCount: 0,
    },
    now
  );
  const documentId = String(row[p.column('documentId')]);
  const slug = slugOf(fields.title, documentId);
  row[p.column('slug')] = slug;
  try {
    await transaction(strapi, async (trx) => {
      const [inserted] = (await trx(p.table)
        .insert(row)
        .returning([p.column('id')])) as Record<string, unknown>[];
      await repository.record(trx, Number(inserted[p.column('id')] ?? Object.values(inserted)[0]), { kind: 'filed', actor }, now);
    });
  } catch (error) {
    if (sameText && isUniqueViolation(error)) throw fail('duplicate_petition');
    throw error;
  }
  return (await repository.petitionBy({ documentId }))!;
}

async function schemeAccepting(strapi: Core.Strapi, slug: string) {
  const scheme = await petitionsRepository(strapi).schemeBy({ slug });
  if (!scheme) throw validationFailed([{ path: ['scheme'], message: 'Dispositif inconnu.' }]);
  if (!scheme.acceptsPetitions) throw fail('scheme_closed');
  return scheme;
}

async function checkCommune(strapi: Core.Strapi, communeCode: string | undefined) {
  if (communeCode && !(await getService(strapi, 'groupings').placeOf(null, communeCode)))
    throw validationFailed([{ path: ['communeCode'], message: 'Commune inconnue dans le département.' }]);
}

/** POST /petitions — a citizen files a petition, for themself or an association or collective; it waits for the admissibility review. */
export async function filePetition(strapi: Core.Strapi, citizen: Citizen, input: FileInput, now = new Date()) {
  const scheme = await schemeAccepting(strapi, input.scheme);
  await checkCommune(strapi, input.communeCode);
  if (input.authorKind !== 'citizen' && !input.organisationName)
    throw validationFailed([{ path: ['organisationName'], message: "Indiquez le nom de l'association ou du collectif." }]);
  return insertPetition(
    strapi,
    {
      schemeId: scheme.id,
      title: input.title,
      body: input.body,
      authorId: citizen.id,
      authorKind: input.authorKind,
      authorName: input.authorKind === 'citizen' ? citizen.displayName : input.organisationName!,
      channel: 'web',
      communeCode: input.communeCode ?? null,
    },
    null,
    now
  );
}

/** A petition received on paper, entered by an agent with its provenance. */
export async function enterPaperPetition(strapi: Core.Strapi, input: PaperPetitionInput, actor: Actor, now = new Date()) {
  const scheme = await schemeAccepting(strapi, input.scheme);
  await checkCommune(strapi, input.communeCode);
  return insertPetition(
    strapi,
    {
      schemeId: scheme.id,
      title: input.title,
      body: input.body,
      authorId: null,
      authorKind: input.authorKind,
      authorName: input.authorName,
      channel: 'paper',
      provenance: input.provenance,
      communeCode: input.communeCode ?? null,
    },
    actor,
    now
  );
}

/** POST /petitions/:slug/appeal — the author's recours gracieux against an inadmissibility decision, once, within two months. */
export async function appeal(strapi: Core.Strapi, slug: string, citizen: Citizen, reason: string, now = new Date()) {
  const repository = petitionsRepository(strapi);
  const petition = await repository.petitionBy({ slug });
  if (!petition || (petition.status === 'submitted' && petition.authorId !== citizen.id)) throw notFound('Pétition introuvable.');
  const refusal = appealRefusal(petition, petition.authorId === citizen.id, now);
  if (refusal === 'not_author') throw fail('not_author', 'Seul·e l’auteur·rice de la pétition peut former un recours.');
  if (refusal) throw fail(refusal);
  await transaction(strapi, async (trx) => {
    if (!(await repository.updateFrom(trx, petition.id, 'inadmissible', { petitionStatus: 'under_appeal', appealReason: reason }))) throw fail('stale_state');
    await repository.record(trx, petition.id, { kind: 'appealed', reason: null }, now);
  });
  return (await repository.petitionBy({ id: petition.id }))!;
}

export type DecisionInput = { decision: PetitionDecision; reason?: string; forwardedTo?: string };

/**
 * An agent's decision: admissible (signatures open now, until the last stage's deadline), inadmissible or forwarded
 * (with published reasons), or the outcome of an appeal. A conditional update on the state the agent saw: a decision
 * taken twice, or on a petition that moved meanwhile, is a 409. Logged, mailed to the author, one webhook.
 */
export async function decide(strapi: Core.Strapi, documentId: string, input: DecisionInput, actor: Actor, now = new Date()) {
  const repository = petitionsRepository(strapi);
  const petition = await repository.petitionBy({ documentId });
  if (!petition) throw notFound('Pétition introuvable.');
  const outcome = decisionOutcome(petition.status, input.decision);
  if (!outcome) throw fail('decision_not_allowed', `Décision impossible : la pétition est « ${STATUS_LABELS[petition.status]} ».`);
  if (decisionNeedsReason(input.decision) && !input.reason)
    throw validationFailed([{ path: ['reason'], message: 'Motivez la décision : elle est publiée et envoyée à l’auteur·rice.' }]);
  if (input.decision === 'forward' && !input.forwardedTo)
    throw validationFailed([{ path: ['forwardedTo'], message: 'Indiquez l’autorité à qui la pétition est transmise.' }]);
  const scheme = (await repository.schemeBy({ id: petition.schemeId }))!;
  const opening = outcome.to === 'open';
  if (opening && !scheme.stages.length)
    throw fail('decision_not_allowed', 'Le dispositif n’a aucune étape de seuil valide : corrigez-le avant d’ouvrir les signatures.');
  const appealDecision = input.decision === 'appeal_granted' || input.decision === 'appeal_rejected';
  const changes: Record<string, unknown> = {
    petitionStatus: outcome.to,
    ...(appealDecision ? { appealDecisionReason: input.reason ?? null } : { decisionReason: input.reason ?? null, decidedAt: now }),
    ...(input.decision === 'forward' ? { forwardedTo: input.forwardedTo } : {}),
    ...(opening ? { openedAt: now, closesAt: closingDate(now, scheme.stages) } : {}),
  };
  await transaction(strapi, async (trx) => {
    if (!(await repository.updateFrom(trx, petition.id, petition.status, changes))) throw fail('stale_state');
    await repository.record(
      trx,
      petition.id,
      { kind: outcome.event, reason: input.reason ?? (input.forwardedTo ? `Transmise à ${input.forwardedTo}` : null), actor },
      now
    );
    const label = STATUS_LABELS[outcome.to];
    await tellAuthor(
      strapi,
      trx,
      petition,
      `Votre pétition « ${petition.title} » : ${label.toLowerCase()}`,
      [
        `Décision sur votre pétition « ${petition.title} » : ${label}.`,
        ...(input.forwardedTo ? [`Autorité compétente : ${input.forwardedTo}.`] : []),
        ...(input.reason ? ['', `Motifs : ${input.reason}`] : []),
        ...(input.decision === 'inadmissible' ? ['', 'Vous pouvez former un recours gracieux dans les deux mois, depuis la page de la pétition.'] : []),
      ].join('\n'),
      now
    );
    await getService(strapi, 'outbox').enqueueWebhook(
      trx,
      {
        event: 'participation.petition.decided',
        summary: `${petition.title} : ${label}`,
        payload: {
          petition: { documentId: petition.documentId, slug: petition.slug, title: petition.title },
          decision: input.decision,
          status: outcome.to,
          reason: input.reason ?? null,
          forwardedTo: input.forwardedTo ?? null,
        },
      },
      now
    );
  });
  return (await repository.petitionBy({ id: petition.id }))!;
}

/** The official, reasoned answer: published with its date, logged, mailed to the author, one webhook. */
export async function answer(strapi: Core.Strapi, documentId: string, text: string, actor: Actor, now = new Date()) {
  const repository = petitionsRepository(strapi);
  const petition = await repository.petitionBy({ documentId });
  if (!petition) throw notFound('Pétition introuvable.');
  if (!mayAnswer(petition.status)) throw fail('decision_not_allowed', 'Une réponse officielle suit l’ouverture des signatures.');
  await transaction(strapi, async (trx) => {
    if (!(await repository.updateFrom(trx, petition.id, petition.status, { petitionStatus: 'answered', answer: text, answeredAt: now })))
      throw fail('stale_state');
    await repository.record(trx, petition.id, { kind: 'answered', actor }, now);
    await tellAuthor(strapi, trx, petition, `Réponse officielle à votre pétition « ${petition.title} »`, text, now);
    await getService(strapi, 'outbox').enqueueWebhook(
      trx,
      {
        event: 'participation.petition.answered',
        summary: `${petition.title} : réponse officielle`,
        payload: { petition: { documentId: petition.documentId, slug: petition.slug, title: petition.title }, answeredAt: now.toISOString() },
      },
      now
    );
  });
  return (await repository.petitionBy({ id: petition.id }))!;
}

/**
 * The scheduler's pass, on every instance: stages whose deadline passed are recorded (reached or missed) once, at
 * their own date; petitions past their closing date close by a conditional update (once, with one event); signatures
 * past their retention period lose their personal data (counts stay).
 */
export async function runDue(strapi: Core.Strapi, now = new Date()) {
  const repository = petitionsRepository(strapi);
  const p = repository.petitions;
  const knex = strapi.db.connection;
  const open = ((await repository.petitionQuery(knex).where(p.column('petitionStatus'), 'open')) as Record<string, unknown>[]).map(repository.toPetition);
  let closed = 0;
  for (const petition of open) {
    const scheme = await repository.schemeBy({ id: petition.schemeId });
    if (!scheme) continue;
    const due = petition.closesAt && petition.closesAt.getTime() <= now.getTime();
    await transaction(strapi, async (trx) => {
      await recordStages(strapi, trx, petition, scheme, now);
      if (!due) return;
      if (await repository.updateFrom(trx, petition.id, 'open', { petitionStatus: 'closed' })) {
        closed += 1;
        await repository.record(trx, petition.id, { kind: 'closed', eventKey: `${petition.id}:closed` }, petition.closesAt!);
      }
    });
  }
  const erased = await applyRetention(strapi, now);
  return { closed, erased };
}

/** Erases the personal data of signatures whose scheme's retention period has run out since signatures closed. */
async function applyRetention(strapi: Core.Strapi, now: Date) {
  const repository = petitionsRepository(strapi);
  const p = repository.petitions;
  const s = repository.signatures;
  const candidates = (
    (await repository
      .petitionQuery(strapi.db.connection)
      .whereIn(p.column('petitionStatus'), ['closed', 'answered'])
      .whereNull(p.column('retentionDoneAt'))) as Record<string, unknown>[]
  ).map(repository.toPetition);
  let erased = 0;
  for (const petition of candidates) {
    const scheme = await repository.schemeBy({ id: petition.schemeId });
    if (!scheme || !petition.closesAt || retentionEnds(petition.closesAt, scheme.retentionDays).getTime() > now.getTime()) continue;
    await transaction(strapi, async (trx) => {
      erased += Number(
        await trx(s.table)
          .where(s.column('petitionId'), petition.id)
          .update({
            [s.column('userId')]: null,
            [s.column('signerName')]: null,
            [s.column('showName')]: false,
            [s.column('provenance')]: null,
            [s.column('verificationNote')]: null,
            [s.column('signerKey')]: trx.raw(`'expired:' || ??`, [s.column('id')]),
          })
      );
      await trx(p.table)
        .where(p.column('id'), petition.id)
        .update(p.toColumns({ retentionDoneAt: now }));
    });
  }
  return erased;
}

/**
 * An erased account: its signatures on petitions still open are withdrawn (a signature nobody stands behind no longer
 * counts); on closed ones they stay counted, without anything that identifies the person. Its petitions keep their
 * text under an erased author.
 */
export async function eraseCitizen(strapi: Core.Strapi, trx: Knex.Transaction, userId: number) {
  const repository = petitionsRepository(strapi);
  const p = repository.petitions;
  const s = repository.signatures;
  const mine = (await trx({ s: s.table })
    .join({ p: p.table }, `p.${p.column('id')}`, `s.${s.column('petitionId')}`)
    .select({ id: `s.${s.column('id')}`, petitionId: `s.${s.column('petitionId')}`, status: `p.${p.column('petitionStatus')}` })
    .where(`s.${s.column('userId')}`, userId)) as { id: number; petitionId: number; status: string }[];
  for (const signature of mine) {
    if (signature.status === 'open') {
      await trx(s.table).where(s.column('id'), signature.id).delete();
      await repository.addToCount(trx, Number(signature.petitionId), 'signaturesCount', -1);
    } else {
      await trx(s.table)
        .where(s.column('id'), signature.id)
        .update({
          [s.column('userId')]: null,
          [s.column('signerName')]: null,
          [s.column('showName')]: false,
          [s.column('signerKey')]: `erased:${signature.id}`,
        });
    }
  }
  await trx(p.table)
    .where(p.column('authorId'), userId)
    .where(p.column('authorKind'), 'citizen')
    .update(p.toColumns({ authorId: null, authorName: ERASED_AUTHOR }));
  await trx(p.table)
    .where(p.column('authorId'), userId)
    .update(p.toColumns({ authorId: null }));
}
