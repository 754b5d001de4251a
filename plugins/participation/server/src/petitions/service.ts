import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { csvText } from '../platform/csv';
import type { Citizen } from '../platform/citizen';
import { notFound, validationFailed } from '../platform/errors';
import { isUniqueViolation, rowsOf } from '../platform/database/rows';
import { paginationMeta } from '../platform/validation';
import { getService } from '../platform/services';
import type { StaffActor as Actor } from '../platform/staff';
import {
  DECISIONS,
  decisionNeedsReason,
  decisionOutcome,
  PETITION_STATUSES,
  SCHEME_KINDS,
  thresholdStages,
  type PetitionStatus,
  type ThresholdStage,
} from './domain/rules';
import { answer } from './commands/answer';
import { appeal } from './commands/appeal';
import { decide, type DecisionInput } from './commands/decide';
import { eraseCitizen } from './commands/erase';
import { enterPaperPetition, filePetition, type FileInput, type PaperPetitionInput } from './commands/file';
import { runDue } from './commands/run-due';
import { enterPaperSignature, sign, verifyPaperSignature, withdraw, type PaperSignatureInput, type SignInput } from './commands/sign';
import { petitionsRepository } from './repository';
import { schemeView } from './presenter';

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

/** Petitions and interpellation: the use cases (commands/), the reads (queries.ts), and what staff see in the admin. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = () => petitionsRepository(strapi);
  const reads = () => getService(strapi, 'petition-reads');

  return {
    file: (citizen: Citizen, input: FileInput) => filePetition(strapi, citizen, input),
    sign: (slug: string, citizen: Citizen, input: SignInput) => sign(strapi, slug, citizen, input),
    withdraw: (slug: string, citizen: Citizen) => withdraw(strapi, slug, citizen),
    appeal: (slug: string, citizen: Citizen, reason: string) => appeal(strapi, slug, citizen, reason),
    decide: (documentId: string, input: DecisionInput, actor: Actor) => decide(strapi, documentId, input, actor),
    answer: (documentId: string, text: string, actor: Actor) => answer(strapi, documentId, text, actor),
    enterPaperPetition: (input: PaperPetitionInput, actor: Actor) => enterPaperPetition(strapi, input, actor),
    enterPaperSignature: (documentId: string, input: PaperSignatureInput, actor: Actor) => enterPaperSignature(strapi, documentId, input, actor),
    verifyPaperSignature: (documentId: string, signatureId: number, input: { verified: boolean; note?: string }, actor: Actor) =>
      verifyPaperSignature(strapi, documentId, signatureId, input, actor),
    runDue: (now = new Date()) => runDue(strapi, now),
    eraseCitizen: (trx: Knex.Transaction, userId: number) => eraseCitizen(strapi, trx, userId),

    /** Creates or updates a scheme; its stages are validated by the domain's schema (field errors on `stages`). */
    async saveScheme(documentId: string | null, input: SchemeInput) {
      const stages = thresholdStages.safeParse(input.stages);
      if (!stages.success)
        throw validationFailed(
          stages.error.issues.map((i) => ({ path: ['stages', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: i.message }))
        );
      if (input.groupingKey && !(await getService(strapi, 'groupings').territories(input.groupingKey))) {
        throw validationFailed([{ path: ['groupingKey'], message: 'Regroupement inconnu : importez-le d’abord.' }]);
      }
      const territorial = stages.data.some((s) => s.minTerritories !== undefined || s.perTerritory !== undefined || s.perTerritoryRatio !== undefined);
      if (territorial && !input.groupingKey)
        throw validationFailed([{ path: ['groupingKey'], message: 'Une condition territoriale demande un regroupement.' }]);
      const s = repository().schemes;
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
          const updated = await strapi.db
            .connection(s.table)
            .where(s.column('documentId'), documentId)
            .update(s.toColumns({ ...fields, updatedAt: now }));
          if (!Number(updated)) throw notFound('Dispositif introuvable.');
        } else {
          await strapi.db.connection(s.table).insert(s.newRow(fields, now));
        }
      } catch (error) {
        if (isUniqueViolation(error)) throw validationFailed([{ path: ['slug'], message: 'Un autre dispositif a déjà cet identifiant.' }]);
        throw error;
      }
      const saved = (await repository().schemeBy({ slug: input.slug }))!;
      return { data: { documentId: saved.documentId, ...schemeView(saved) } };
    },

    async adminSchemes() {
      return { data: (await repository().allSchemes()).map((s) => ({ documentId: s.documentId, ...schemeView(s) })) };
    },

    /** The agents' list: every petition (under review included), with what waits for them. */
    async adminList(filter: { status?: PetitionStatus; page: number; pageSize: number }) {
      const r = repository();
      const p = r.petitions;
      const base = strapi.db.connection(p.table).where((q) => {
        if (filter.status) q.where(p.column('petitionStatus'), filter.status);
      });
      const [{ total }] = (await base.clone().count({ total: '*' })) as { total: number | string }[];
      const counts = (await strapi.db
        .connection(p.table)
        .select({ status: p.column('petitionStatus') })
        .count({ n: '*' })
        .groupBy(p.column('petitionStatus'))) as { status: PetitionStatus; n: number | string }[];
      const rows = (
        (await r
          .petitionQuery(strapi.db.connection)
          .whereIn(p.column('id'), base.clone().select(p.column('id')))
          .orderBy(p.column('createdAt'), 'desc')
          .orderBy(p.column('id'), 'desc')
          .limit(filter.pageSize)
          .offset((filter.page - 1) * filter.pageSize)) as Record<string, unknown>[]
      ).map(r.toPetition);
      const schemes = await reads().schemesById();
      return {
        data: rows.map((x) => ({
          documentId: x.documentId,
          slug: x.slug,
          title: x.title,
          status: x.status,
          scheme: schemes.get(x.schemeId)?.name ?? '',
          authorName: x.authorName,
          channel: x.channel,
          signaturesCount: x.signaturesCount,
          paperPendingCount: x.paperPendingCount,
          closesAt: x.closesAt?.toISOString() ?? null,
          createdAt: x.createdAt.toISOString(),
        })),
        meta: {
          pagination: paginationMeta(filter.page, filter.pageSize, Number(total)),
          counts: Object.fromEntries(PETITION_STATUSES.map((s) => [s, Number(counts.find((c) => c.status === s)?.n ?? 0)])),
        },
      };
    },

    /** One petition as staff see it: its text, provenance and appeal, the history with who decided, progress, paper signatures awaiting a check. */
    async adminDetail(documentId: string) {
      const r = repository();
      const petition = await r.petitionBy({ documentId });
      if (!petition) throw notFound('Pétition introuvable.');
      const scheme = (await r.schemeBy({ id: petition.schemeId }))!;
      const s = r.signatures;
      const pending = (await strapi.db
        .connection(s.table)
        .select(s.select(['id', 'signerName', 'communeCode', 'territoryCode', 'provenance', 'verificationNote', 'signedAt']))
        .where(s.column('petitionId'), petition.id)
        .where(s.column('verification'), 'pending')
        .orderBy(s.column('id'))
        .limit(200)) as Record<string, unknown>[];
      const history = await r.history(petition.id);
      return {
        data: {
          documentId: petition.documentId,
          slug: petition.slug,
          title: petition.title,
          body: petition.body,
          status: petition.status,
          authorName: petition.authorName,
          authorKind: petition.authorKind,
          channel: petition.channel,
          provenance: petition.provenance,
          communeCode: petition.communeCode,
          decisionReason: petition.decisionReason,
          decidedAt: petition.decidedAt?.toISOString() ?? null,
          forwardedTo: petition.forwardedTo,
          appealReason: petition.appealReason,
          appealDecisionReason: petition.appealDecisionReason,
          openedAt: petition.openedAt?.toISOString() ?? null,
          closesAt: petition.closesAt?.toISOString() ?? null,
          signaturesCount: petition.signaturesCount,
          paperPendingCount: petition.paperPendingCount,
          answer: petition.answer,
          answeredAt: petition.answeredAt?.toISOString() ?? null,
          scheme: { documentId: scheme.documentId, ...schemeView(scheme) },
          progress: await reads().progressOf(petition, scheme),
          // What an agent may decide on this petition now, by the rules (domain/rules.ts): the admin offers these only.
          decisions: DECISIONS.filter((d) => decisionOutcome(petition.status, d) !== null).map((d) => ({
            decision: d,
            reasonRequired: decisionNeedsReason(d),
          })),
          history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
          pendingPaperSignatures: pending.map((x) => ({
            id: Number(x.id),
            name: (x.signerName as string) ?? '',
            communeCode: String(x.communeCode),
            territoryCode: (x.territoryCode as string) ?? null,
            provenance: (x.provenance as string) ?? null,
            note: (x.verificationNote as string) ?? null,
            signedAt: new Date(x.signedAt as string).toISOString(),
          })),
        },
      };
    },

    /**
     * The list of signatures with names: only for the dedicated permission (checked by the route), and every export is
     * logged (who, when, which petition) before the file leaves.
     */
    async exportSignatures(documentId: string, actor: Actor) {
      const r = repository();
      const petition = await r.petitionBy({ documentId });
      if (!petition) throw notFound('Pétition introuvable.');
      const s = r.signatures;
      const rows = (await strapi.db
        .connection(s.table)
        .select(s.select(['signerName', 'showName', 'communeCode', 'territoryCode', 'channel', 'provenance', 'verification', 'signedAt']))
        .where(s.column('petitionId'), petition.id)
        .orderBy(s.column('id'))) as Record<string, unknown>[];
      const log = rowsOf(strapi, 'plugin::participation.export-log');
      const at = new Date();
      await strapi.db.connection(log.table).insert(
        log.newRow(
          {
            consultationDocumentId: petition.documentId,
            subjectType: 'petition-signatures',
            format: 'csv',
            personalData: true,
            actorId: actor.id,
            actorName: actor.name,
            at,
          },
          at
        )
      );
      const csv = csvText(
        ['nom', 'nom_public', 'commune_insee', 'territoire', 'canal', 'provenance', 'verification', 'signee_le'],
        rows.map((x) => [
          (x.signerName as string) ?? '(donnée effacée)',
          x.showName === true || x.showName === 1 ? 'oui' : 'non',
          x.communeCode,
          x.territoryCode ?? '',
          x.channel,
          x.provenance ?? '',
          x.verification,
          new Date(x.signedAt as string).toISOString(),
        ]),
        { delimiter: ';' }
      );
      return { csv, filename: `signatures-${petition.slug}.csv` };
    },

    /** What `/me/export` adds: the citizen's signatures and the petitions they filed. */
    async exportOf(userId: number) {
      const r = repository();
      const s = r.signatures;
      const p = r.petitions;
      const signatures = (await strapi.db
        .connection({ s: s.table })
        .join({ p: p.table }, `p.${p.column('id')}`, `s.${s.column('petitionId')}`)
        .select({
          petition: `p.${p.column('title')}`,
          slug: `p.${p.column('slug')}`,
          communeCode: `s.${s.column('communeCode')}`,
          showName: `s.${s.column('showName')}`,
          signedAt: `s.${s.column('signedAt')}`,
        })
        .where(`s.${s.column('userId')}`, userId)) as Record<string, unknown>[];
      const petitions = (await strapi.db
        .connection(p.table)
        .select({
          title: p.column('title'),
          slug: p.column('slug'),
          body: p.column('body'),
          status: p.column('petitionStatus'),
          createdAt: p.column('createdAt'),
        })
        .where(p.column('authorId'), userId)) as Record<string, unknown>[];
      return {
        petitionSignatures: signatures.map((x) => ({
          petition: String(x.petition),
          slug: String(x.slug),
          communeCode: String(x.communeCode),
          showName: x.showName === true || x.showName === 1,
          signedAt: new Date(x.signedAt as string).toISOString(),
        })),
        petitions: petitions.map((x) => ({
          title: String(x.title),
          slug: String(x.slug),
          body: String(x.body),
          status: String(x.status),
          createdAt: new Date(x.createdAt as string).toISOString(),
        })),
      };
    },
  };
};
