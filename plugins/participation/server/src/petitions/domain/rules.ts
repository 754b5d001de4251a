import * as z from 'zod/v4';

/**
 * Petitions and citizen interpellation: who may file and sign, what an agent may decide when, and when a threshold
 * stage is reached. The writes, the viewer flags, the admin screens and the OpenAPI document all read this file.
 */

/** A petition's life: filed → admissibility review → open for signatures → closed at its deadline → answered. */
export const PETITION_STATUSES = ['submitted', 'open', 'inadmissible', 'forwarded', 'under_appeal', 'appeal_rejected', 'closed', 'answered'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

/** What the public sees: everything but a petition not yet reviewed (it may be abusive; its author sees it in `/me`). */
export const PUBLIC_PETITION_STATUSES: PetitionStatus[] = ['open', 'inadmissible', 'forwarded', 'under_appeal', 'appeal_rejected', 'closed', 'answered'];

export const STATUS_LABELS: Record<PetitionStatus, string> = {
  submitted: 'Déposée, en cours d’examen de recevabilité',
  open: 'Ouverte aux signatures',
  inadmissible: 'Déclarée irrecevable',
  forwarded: 'Transmise à l’autorité compétente',
  under_appeal: 'Recours gracieux en cours d’examen',
  appeal_rejected: 'Recours gracieux rejeté',
  closed: 'Signatures closes',
  answered: 'Réponse officielle publiée',
};

export const AUTHOR_KINDS = ['citizen', 'association', 'collective'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

export const SCHEME_KINDS = ['interpellation', 'petition'] as const;

/** What reaching a stage triggers, as the scheme's rules say. */
export const TRIGGERS = ['dialogue_meeting', 'assembly_agenda', 'official_answer'] as const;
export const TRIGGER_LABELS: Record<(typeof TRIGGERS)[number], string> = {
  dialogue_meeting: 'Rencontre de dialogue avec les élu·es',
  assembly_agenda: 'Inscription à l’ordre du jour de l’assemblée départementale',
  official_answer: 'Réponse officielle motivée',
};

/** Staff decisions on a petition, and the state each one leads to. */
export const DECISIONS = ['admissible', 'inadmissible', 'forward', 'appeal_granted', 'appeal_rejected'] as const;
export type PetitionDecision = (typeof DECISIONS)[number];

/** The history's entries (append-only; `stage_reached` and `stage_missed` at most once per stage). */
export const EVENT_KINDS = [
  'filed',
  'admissible',
  'inadmissible',
  'forwarded',
  'appealed',
  'appeal_granted',
  'appeal_rejected',
  'stage_reached',
  'stage_missed',
  'closed',
  'answered',
] as const;
export type PetitionEventKind = (typeof EVENT_KINDS)[number];

/** A recours gracieux is lodged within two months of the decision (Code des relations entre le public et l’administration, L411-2 and R421-1 of the Code de justice administrative). */
export const APPEAL_WINDOW_DAYS = 60;

const DAY_MS = 86_400_000;

/**
 * One threshold stage, as an agent sets it per scheme: "N signatures within D days", N fixed or proportional to
 * the population, with optional territorial conditions over the scheme's grouping, and what reaching it triggers.
 */
export const thresholdStage = z
  .strictObject({
    key: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'Clé en minuscules, chiffres et tirets.' })
      .max(40),
    label: z.string().trim().min(2).max(120),
    signatures: z.int().min(1).max(10_000_000).optional().meta({ description: 'Nombre de signatures requis.' }),
    populationRatio: z.number().gt(0).max(1).optional().meta({ description: 'Ou une part de la population du département (0.05 pour un vingtième).' }),
    withinDays: z.int().min(1).max(3650),
    minTerritories: z.int().min(1).max(1000).optional().meta({ description: 'Depuis au moins K territoires distincts du regroupement.' }),
    perTerritory: z.int().min(1).max(1_000_000).optional().meta({ description: 'Au moins M signatures dans chaque territoire compté.' }),
    perTerritoryRatio: z.number().gt(0).max(1).optional().meta({ description: 'Ou une part de la population de chaque territoire.' }),
    triggers: z.enum(TRIGGERS),
  })
  .refine((s) => (s.signatures === undefined) !== (s.populationRatio === undefined), {
    error: 'Indiquez soit un nombre de signatures, soit une part de la population.',
    path: ['signatures'],
  })
  .refine((s) => !(s.perTerritory !== undefined && s.perTerritoryRatio !== undefined), {
    error: 'Indiquez au plus un seuil par territoire (nombre ou part de la population).',
    path: ['perTerritory'],
  });
export type ThresholdStage = z.infer<typeof thresholdStage>;

export const thresholdStages = z
  .array(thresholdStage)
  .min(1, { error: 'Au moins une étape de seuil.' })
  .max(10)
  .refine((stages) => new Set(stages.map((s) => s.key)).size === stages.length, { error: 'Chaque étape a sa propre clé.' });

const territorial = (s: ThresholdStage) => s.minTerritories !== undefined || s.perTerritory !== undefined || s.perTerritoryRatio !== undefined;

/** The scheme's rules a petition is held to. */
export type SchemeRules = { minimumAge: number; groupingKey: string | null; stages: ThresholdStage[]; retentionDays: number };

/** A territory of the scheme's grouping, with its population (the sum of its communes'). */
export type GroupTerritory = { code: string; name: string; population: number | null };

export type StageProgress = {
  key: string;
  label: string;
  triggers: ThresholdStage['triggers'];
  required: number;
  count: number;
  deadline: string;
  state: 'in_progress' | 'reached' | 'missed';
  reachedAt: string | null;
  territories: null | {
    grouping: string;
    minTerritories: number;
    perTerritory: number | null;
    reachedCount: number;
    reached: { code: string; name: string; count: number }[];
    missing: { code: string; name: string; count: number; required: number }[];
  };
};

/** The signatures a stage requires, fixed or in proportion to the département's population (rounded up). */
export function requiredSignatures(stage: ThresholdStage, population: number): number {
  if (stage.signatures !== undefined) return stage.signatures;
  return Math.max(1, Math.ceil((stage.populationRatio ?? 0) * population));
}

/** The signatures one territory needs to count for a stage (1 when the stage only asks for distinct territories). */
export function requiredPerTerritory(stage: ThresholdStage, territory: GroupTerritory): number {
  if (stage.perTerritory !== undefined) return stage.perTerritory;
  if (stage.perTerritoryRatio !== undefined) return Math.max(1, Math.ceil(stage.perTerritoryRatio * (territory.population ?? 0)));
  return 1;
}

export const stageDeadline = (openedAt: Date, stage: ThresholdStage) => new Date(openedAt.getTime() + stage.withinDays * DAY_MS);

/** Signatures close at the last stage's deadline. */
export const closingDate = (openedAt: Date, stages: ThresholdStage[]) => new Date(openedAt.getTime() + Math.max(...stages.map((s) => s.withinDays)) * DAY_MS);

/**
 * Whether a stage's conditions are met by these verified counts: the total, and (if the stage is territorial) at least
 * `minTerritories` territories each holding their own threshold — every territory of the grouping when the stage sets
 * a per-territory threshold without a number of territories.
 */
export function evaluateStage(
  stage: ThresholdStage,
  counts: { total: number; byTerritory: Map<string, number> },
  context: { population: number; territories: GroupTerritory[]; groupingKey: string | null }
) {
  const required = requiredSignatures(stage, context.population);
  let territories: StageProgress['territories'] = null;
  let territoriesMet = true;
  if (territorial(stage)) {
    const reached: { code: string; name: string; count: number }[] = [];
    const missing: { code: string; name: string; count: number; required: number }[] = [];
    for (const t of context.territories) {
      const count = counts.byTerritory.get(t.code) ?? 0;
      const needed = requiredPerTerritory(stage, t);
      if (count >= needed) reached.push({ code: t.code, name: t.name, count });
      else missing.push({ code: t.code, name: t.name, count, required: needed });
    }
    const minTerritories = stage.minTerritories ?? context.territories.length;
    territoriesMet = context.territories.length > 0 && reached.length >= minTerritories;
    territories = {
      grouping: context.groupingKey ?? '',
      minTerritories,
      perTerritory: stage.perTerritory ?? null,
      reachedCount: reached.length,
      reached,
      missing,
    };
  }
  return { required, met: counts.total >= required && territoriesMet, territories };
}

/** Why a citizen may not sign now, or null. */
export type SignRefusal = 'petition_not_open' | 'petition_closed' | 'already_signed';

export function signRefusal(petition: { status: PetitionStatus; closesAt: Date | null }, now: Date, hasSigned: boolean): SignRefusal | null {
  if (petition.status === 'closed' || petition.status === 'answered') return 'petition_closed';
  if (petition.status !== 'open') return 'petition_not_open';
  if (petition.closesAt && petition.closesAt.getTime() <= now.getTime()) return 'petition_closed';
  if (hasSigned) return 'already_signed';
  return null;
}

/** A signature may be withdrawn while signatures are open. */
export function withdrawRefusal(petition: { status: PetitionStatus; closesAt: Date | null }, now: Date): 'petition_closed' | 'petition_not_open' | null {
  const refusal = signRefusal(petition, now, false);
  return refusal === 'already_signed' ? null : refusal;
}

/** The author may appeal an inadmissibility decision, once, within the appeal window. */
export function appealRefusal(
  petition: { status: PetitionStatus; decidedAt: Date | null },
  isAuthor: boolean,
  now: Date
): 'not_author' | 'appeal_not_allowed' | null {
  if (!isAuthor) return 'not_author';
  if (petition.status !== 'inadmissible' || !petition.decidedAt) return 'appeal_not_allowed';
  if (now.getTime() - petition.decidedAt.getTime() > APPEAL_WINDOW_DAYS * DAY_MS) return 'appeal_not_allowed';
  return null;
}

/** From which states each staff decision may be taken, and where it leads. */
const DECISION_RULES: Record<PetitionDecision, { from: PetitionStatus[]; to: PetitionStatus; event: PetitionEventKind }> = {
  admissible: { from: ['submitted'], to: 'open', event: 'admissible' },
  inadmissible: { from: ['submitted'], to: 'inadmissible', event: 'inadmissible' },
  forward: { from: ['submitted'], to: 'forwarded', event: 'forwarded' },
  appeal_granted: { from: ['under_appeal'], to: 'open', event: 'appeal_granted' },
  appeal_rejected: { from: ['under_appeal'], to: 'appeal_rejected', event: 'appeal_rejected' },
};

export function decisionOutcome(status: PetitionStatus, decision: PetitionDecision) {
  const rule = DECISION_RULES[decision];
  return rule.from.includes(status) ? { to: rule.to, event: rule.event } : null;
}

/** A decision other than admitting needs its reasons written down (they are published and sent to the author). */
export const decisionNeedsReason = (decision: PetitionDecision) => decision !== 'admissible';

/** An official answer is published once signatures are open or closed (the answer is what a stage may trigger). */
export const mayAnswer = (status: PetitionStatus) => status === 'open' || status === 'closed' || status === 'answered';

/** The personal data of signatures is kept `retentionDays` after signatures close, then erased (counts are kept). */
export const retentionEnds = (closesAt: Date, retentionDays: number) => new Date(closesAt.getTime() + retentionDays * DAY_MS);

/** The one key a signer is known by on a petition: their account, or for a paper signature their declared identity. */
export function signerKey(signer: { userId: number } | { name: string; birthDate: string; communeCode: string }): string {
  if ('userId' in signer) return `user:${signer.userId}`;
  const name = signer.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
  return `paper:${name}|${signer.birthDate}|${signer.communeCode}`;
}
