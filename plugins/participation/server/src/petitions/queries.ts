import type { Core } from '@strapi/strapi';
import type { Citizen } from '../platform/citizen';
import { notFound } from '../platform/errors';
import { paginationMeta } from '../platform/validation';
import { territoryNames } from '../territories/public';
import { communesWithin } from '../territories/public';
import {
  appealRefusal,
  evaluateStage,
  PUBLIC_PETITION_STATUSES,
  signRefusal,
  stageDeadline,
  withdrawRefusal,
  type PetitionEventKind,
  type PetitionStatus,
  type StageProgress,
} from './domain/rules';
import { groupTerritories } from './commands/thresholds';
import { petitionsRepository, type Petition, type Scheme } from './repository';
import { schemeView, summaryOf } from './presenter';

export type PetitionFilters = {
  status?: PetitionStatus[];
  scheme?: string;
  territory?: string;
  q?: string;
  sort: '-createdAt' | '-signaturesCount' | 'closesAt';
  page: number;
  pageSize: number;
};

const EVENT_LABELS: Record<PetitionEventKind, string> = {
  filed: 'Pétition déposée',
  admissible: 'Déclarée recevable : signatures ouvertes',
  inadmissible: 'Déclarée irrecevable',
  forwarded: 'Transmise à l’autorité compétente',
  appealed: 'Recours gracieux formé par l’auteur·rice',
  appeal_granted: 'Recours accepté : signatures ouvertes',
  appeal_rejected: 'Recours rejeté',
  stage_reached: 'Étape atteinte',
  stage_missed: 'Étape non atteinte dans le délai',
  closed: 'Signatures closes',
  answered: 'Réponse officielle publiée',
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Reads of petitions shaped by the response schemas: nothing private (author id, provenance, signers' names without consent). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = () => petitionsRepository(strapi);

  const communeNames = (codes: (string | null)[]) => territoryNames(strapi, codes);

  async function progressOf(petition: Petition, scheme: Scheme): Promise<StageProgress[]> {
    if (!petition.openedAt) return [];
    const r = repository();
    const counts = await r.countsByTerritory(petition.id);
    const history = await r.history(petition.id);
    const territories = await groupTerritories(strapi, scheme);
    const population = scheme.stages.some((s) => s.populationRatio !== undefined) ? await r.departementPopulation() : 0;
    return scheme.stages.map((stage) => {
      const evaluation = evaluateStage(stage, counts, { population, territories, groupingKey: scheme.groupingKey });
      const reached = history.find((h) => h.kind === 'stage_reached' && h.stageKey === stage.key);
      const missed = history.find((h) => h.kind === 'stage_missed' && h.stageKey === stage.key);
      return {
        key: stage.key,
        label: stage.label,
        triggers: stage.triggers,
        required: evaluation.required,
        count: counts.total,
        deadline: stageDeadline(petition.openedAt!, stage).toISOString(),
        state: reached ? 'reached' : missed ? 'missed' : 'in_progress',
        reachedAt: iso(reached?.at ?? null),
        territories: evaluation.territories,
      };
    });
  }

  async function schemesById() {
    return new Map((await repository().allSchemes()).map((s) => [s.id, s]));
  }

  async function viewerOf(p: Petition, citizen: Citizen | null, now: Date) {
    if (!citizen) {
      const refusal = signRefusal(p, now, false);
      return {
        signedIn: false,
        canSign: false,
        reason: refusal ?? 'authentication_required',
        hasSigned: false,
        signature: null,
        canWithdraw: false,
        isAuthor: false,
        canAppeal: false,
      };
    }
    const signature = await repository().signatureOf(p.id, citizen.id);
    const refusal = signRefusal(p, now, signature !== null);
    const isAuthor = p.authorId === citizen.id;
    return {
      signedIn: true,
      canSign: refusal === null,
      reason: refusal,
      hasSigned: signature !== null,
      signature: signature
        ? {
            communeCode: signature.communeCode,
            territoryCode: signature.territoryCode,
            showName: signature.showName,
            signedAt: signature.signedAt.toISOString(),
          }
        : null,
      canWithdraw: signature !== null && withdrawRefusal(p, now) === null,
      isAuthor,
      canAppeal: appealRefusal(p, isAuthor, now) === null,
    };
  }

  return {
    async schemes() {
      return { data: (await repository().allSchemes()).map(schemeView) };
    },

    async list(filters: PetitionFilters) {
      const r = repository();
      const statuses = filters.status?.length ? filters.status.filter((s) => PUBLIC_PETITION_STATUSES.includes(s)) : PUBLIC_PETITION_STATUSES;
      const schemes = await schemesById();
      const scheme = filters.scheme ? [...schemes.values()].find((s) => s.slug === filters.scheme) : undefined;
      const { rows, total } = await r.publicPage({
        statuses,
        schemeId: filters.scheme ? (scheme?.id ?? 0) : undefined,
        q: filters.q,
        // A place: petitions filed from a commune within it.
        communes: filters.territory ? communesWithin(strapi, filters.territory) : undefined,
        sort: filters.sort,
        page: filters.page,
        pageSize: filters.pageSize,
      });
      const communes = await communeNames(rows.map((x) => x.communeCode));
      return {
        data: rows.map((x) => summaryOf(x, schemes.get(x.schemeId), communes)),
        meta: { pagination: paginationMeta(filters.page, filters.pageSize, total) },
      };
    },

    async detail(slug: string, citizen: Citizen | null, now = new Date()) {
      const r = repository();
      const petition = await r.petitionBy({ slug });
      // A petition not yet reviewed is shown to its author only.
      if (!petition || (petition.status === 'submitted' && (!citizen || petition.authorId !== citizen.id))) throw notFound('Pétition introuvable.');
      const scheme = (await r.schemeBy({ id: petition.schemeId }))!;
      const communes = await communeNames([petition.communeCode]);
      const history = await r.history(petition.id);
      return {
        data: {
          ...summaryOf(petition, scheme, communes),
          body: petition.body,
          scheme: schemeView(scheme),
          decision: petition.decidedAt ? { reason: petition.decisionReason, decidedAt: iso(petition.decidedAt), forwardedTo: petition.forwardedTo } : null,
          appeal: petition.status === 'under_appeal' || petition.appealDecisionReason ? { decisionReason: petition.appealDecisionReason } : null,
          answer: petition.answer ? { text: petition.answer, answeredAt: iso(petition.answeredAt) } : null,
          progress: await progressOf(petition, scheme),
          history: history.map((h) => ({
            kind: h.kind,
            label: h.stageKey ? `${EVENT_LABELS[h.kind]} : ${scheme.stages.find((s) => s.key === h.stageKey)?.label ?? h.stageKey}` : EVENT_LABELS[h.kind],
            stageKey: h.stageKey,
            reason: h.kind === 'appealed' ? null : h.reason,
            at: h.at.toISOString(),
          })),
          viewer: await viewerOf(petition, citizen, now),
        },
      };
    },

    /** The names of signers who agreed to show theirs, newest first; the others are counted, never named. */
    async signatures(slug: string, page: number, pageSize: number) {
      const r = repository();
      const petition = await r.petitionBy({ slug });
      if (!petition || petition.status === 'submitted') throw notFound('Pétition introuvable.');
      const { rows, total } = await r.publicSignatures(petition.id, page, pageSize);
      const communes = await communeNames(rows.map((x) => x.communeCode));
      return {
        data: rows.map((x) => ({
          name: x.name,
          commune: communes.get(x.communeCode) ?? x.communeCode,
          signedAt: x.signedAt.toISOString(),
        })),
        meta: { pagination: paginationMeta(page, pageSize, total), anonymousCount: Math.max(0, petition.signaturesCount - total) },
      };
    },

    /** What the signed-in citizen signed, and the petitions they filed (including those still under review). */
    async mine(citizen: Citizen) {
      const r = repository();
      const schemes = await schemesById();
      const filed = await r.petitionsOfAuthor(citizen.id);
      const signedRows = await r.signaturesOfUser(citizen.id);
      const signedPetitions = new Map<number, Petition>();
      for (const row of signedRows) signedPetitions.set(Number(row.petitionId), (await r.petitionBy({ id: Number(row.petitionId) }))!);
      const communes = await communeNames([...filed.map((x) => x.communeCode), ...[...signedPetitions.values()].map((x) => x.communeCode)]);
      return {
        data: {
          filed: filed.map((x) => ({ ...summaryOf(x, schemes.get(x.schemeId), communes), decisionReason: x.decisionReason })),
          signed: signedRows.map((row) => ({
            petition: summaryOf(signedPetitions.get(Number(row.petitionId))!, schemes.get(signedPetitions.get(Number(row.petitionId))!.schemeId), communes),
            communeCode: row.communeCode,
            showName: row.showName,
            signedAt: row.signedAt.toISOString(),
          })),
        },
      };
    },

    summaryOf,
    progressOf,
    schemesById,
  };
};
