import * as z from 'zod/v4';

/**
 * Participatory budgets: the stages a process goes through by its dates, who may file and vote when, what a valid
 * ballot is, and how winners are computed from the votes. The writes, the viewer flags, the admin and the OpenAPI
 * document all read this file.
 */

export const STAGES = ['upcoming', 'filing', 'admissibility', 'vote', 'results', 'follow_up'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  upcoming: 'À venir',
  filing: 'Dépôt des projets',
  admissibility: 'Étude de recevabilité',
  vote: 'Vote',
  results: 'Résultats',
  follow_up: 'Réalisation des projets lauréats',
};

/** The dates that move a process from one stage to the next (the scheduler follows them, each transition once). */
export type Calendar = { filingOpensAt: Date; filingClosesAt: Date; voteOpensAt: Date; voteClosesAt: Date; followUpAt: Date | null };

/** The stage a process should be in at `now`, by its calendar. */
export function stageAt(calendar: Calendar, now: Date): Stage {
  const t = now.getTime();
  if (t < calendar.filingOpensAt.getTime()) return 'upcoming';
  if (t < calendar.filingClosesAt.getTime()) return 'filing';
  if (t < calendar.voteOpensAt.getTime()) return 'admissibility';
  if (t < calendar.voteClosesAt.getTime()) return 'vote';
  if (calendar.followUpAt && t >= calendar.followUpAt.getTime()) return 'follow_up';
  return 'results';
}

/** Each stage in order, with the date it starts: the transitions the scheduler records, each at its own date. */
export function stageStarts(calendar: Calendar): { stage: Stage; at: Date }[] {
  return [
    { stage: 'filing' as const, at: calendar.filingOpensAt },
    { stage: 'admissibility' as const, at: calendar.filingClosesAt },
    { stage: 'vote' as const, at: calendar.voteOpensAt },
    { stage: 'results' as const, at: calendar.voteClosesAt },
    ...(calendar.followUpAt ? [{ stage: 'follow_up' as const, at: calendar.followUpAt }] : []),
  ];
}

export const METHODS = ['approval', 'knapsack'] as const;
export type Method = (typeof METHODS)[number];
export const ELIGIBILITY_LINKS = ['live', 'work', 'study'] as const;
export type EligibilityLink = (typeof ELIGIBILITY_LINKS)[number];
export const LINK_LABELS: Record<EligibilityLink, string> = { live: 'J’y habite', work: 'J’y travaille', study: 'J’y étudie' };

/** Whether citizens comment on a budget's projects, and how the comments are moderated. */
export const COMMENT_MODES = ['closed', 'a_priori', 'a_posteriori'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];
export const COMMENT_MODE_LABELS: Record<CommentMode, string> = {
  closed: 'Pas de commentaires',
  a_priori: 'Publiés après modération',
  a_posteriori: 'Publiés aussitôt, modérés ensuite',
};

/** A process's rules, as an agent sets them. */
export const budgetSettings = z
  .strictObject({
    envelope: z.int().min(1).max(1_000_000_000).meta({ description: 'Enveloppe totale, en euros.' }),
    territoryEnvelopes: z
      .array(z.strictObject({ territoryCode: z.string().regex(/^[0-9A-Za-z_-]{1,20}$/), amount: z.int().min(1) }))
      .max(200)
      .optional()
      .default([])
      .meta({ description: 'Enveloppes réservées par territoire du regroupement (le reste est départemental).' }),
    groupingKey: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/)
      .nullable()
      .optional()
      .default(null),
    minProjectCost: z.int().min(0),
    maxProjectCost: z.int().min(1),
    method: z.enum(METHODS),
    minChoices: z.int().min(1).max(100),
    maxChoices: z.int().min(1).max(100),
    minimumAge: z.int().min(0).max(120),
    eligibilityLinks: z.array(z.enum(ELIGIBILITY_LINKS)).min(1).max(3),
    oneWinnerPerTerritory: z.boolean(),
    blankVoteAllowed: z.boolean(),
    showLiveCounts: z.boolean(),
    comments: z.enum(COMMENT_MODES).optional().default('closed').meta({
      description: 'Commentaires sur les projets : fermés, publiés après modération (a_priori) ou publiés aussitôt et modérés ensuite (a_posteriori).',
    }),
  })
  .refine((s) => s.minProjectCost <= s.maxProjectCost, { error: 'Le coût minimum dépasse le coût maximum.', path: ['minProjectCost'] })
  .refine((s) => s.minChoices <= s.maxChoices, { error: 'Le nombre minimum de choix dépasse le maximum.', path: ['minChoices'] })
  .refine((s) => s.territoryEnvelopes.reduce((a, t) => a + t.amount, 0) <= s.envelope, {
    error: 'Les enveloppes territoriales dépassent l’enveloppe totale.',
    path: ['territoryEnvelopes'],
  })
  .refine((s) => !(s.territoryEnvelopes.length || s.oneWinnerPerTerritory) || !!s.groupingKey, {
    error: 'Enveloppes territoriales et règle d’équité demandent un regroupement.',
    path: ['groupingKey'],
  });
export type BudgetSettings = z.infer<typeof budgetSettings>;

export const PROJECT_STATUSES = ['submitted', 'published', 'rejected', 'admissible', 'inadmissible', 'merged'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const PUBLIC_PROJECT_STATUSES: ProjectStatus[] = ['published', 'admissible', 'inadmissible', 'merged'];
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  submitted: 'En attente de modération',
  published: 'En cours d’étude',
  rejected: 'Refusé à la modération',
  admissible: 'Recevable : soumis au vote',
  inadmissible: 'Non recevable',
  merged: 'Fusionné avec un autre projet',
};

/** Staff decisions on a project: moderation, then the admissibility analysis. */
export const PROJECT_DECISIONS = ['publish', 'reject', 'admissible', 'inadmissible', 'merge'] as const;
export type ProjectDecision = (typeof PROJECT_DECISIONS)[number];
const DECISION_FROM: Record<ProjectDecision, { from: ProjectStatus[]; to: ProjectStatus }> = {
  publish: { from: ['submitted'], to: 'published' },
  reject: { from: ['submitted'], to: 'rejected' },
  admissible: { from: ['submitted', 'published', 'inadmissible'], to: 'admissible' },
  inadmissible: { from: ['submitted', 'published', 'admissible'], to: 'inadmissible' },
  merge: { from: ['submitted', 'published', 'admissible', 'inadmissible'], to: 'merged' },
};
export function projectDecisionOutcome(status: ProjectStatus, decision: ProjectDecision, stage: Stage): ProjectStatus | null {
  const rule = DECISION_FROM[decision];
  if (!rule.from.includes(status)) return null;
  // The ballot is fixed once the vote opens: admissibility is decided before.
  if ((decision === 'admissible' || decision === 'inadmissible' || decision === 'merge') && ['vote', 'results', 'follow_up'].includes(stage)) return null;
  return rule.to;
}
export const decisionNeedsReason = (decision: ProjectDecision) => decision !== 'publish' && decision !== 'admissible';

export const FOLLOW_UP_STATUSES = ['planned', 'in_study', 'in_progress', 'delivered', 'abandoned'] as const;
export const FOLLOW_UP_LABELS: Record<(typeof FOLLOW_UP_STATUSES)[number], string> = {
  planned: 'Programmé',
  in_study: 'En études',
  in_progress: 'En travaux',
  delivered: 'Réalisé',
  abandoned: 'Abandonné',
};
/** A winner is expected delivered within two years of the results (what the Département announces). */
export const DELIVERY_YEARS = 2;

/** Why a citizen may not file a project now, or null. */
export const filingRefusal = (stage: Stage): 'filing_closed' | null => (stage === 'filing' ? null : 'filing_closed');

/**
 * Commenting on a project: the budget must take comments, the project must still be in the running (public and
 * not set aside or merged), and the vote not yet closed — afterwards the threads stay readable.
 */
export function projectCommentRefusal(mode: CommentMode, stage: Stage, status: ProjectStatus): 'project_comments_disabled' | 'project_comments_closed' | null {
  if (mode === 'closed') return 'project_comments_disabled';
  if (status !== 'published' && status !== 'admissible') return 'project_comments_closed';
  return stage === 'filing' || stage === 'admissibility' || stage === 'vote' ? null : 'project_comments_closed';
}

export type VoteRefusal = 'vote_not_open' | 'vote_closed' | 'voted_on_paper';
export function voteRefusal(stage: Stage, votedOnPaper: boolean): VoteRefusal | null {
  if (stage === 'upcoming' || stage === 'filing' || stage === 'admissibility') return 'vote_not_open';
  if (stage !== 'vote') return 'vote_closed';
  if (votedOnPaper) return 'voted_on_paper';
  return null;
}

/** Age in whole years on `at` of a person born on `birthDate` (YYYY-MM-DD). */
export function ageOn(birthDate: string, at: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)) age -= 1;
  return age;
}

/** What is wrong with a ballot under the process's rules, as field errors (empty: valid). */
export function ballotErrors(
  ballot: { blank: boolean; choices: string[]; birthDate: string; link: EligibilityLink },
  settings: BudgetSettings,
  projects: Map<string, { cost: number }>,
  at: Date
): { path: string[]; message: string }[] {
  const errors: { path: string[]; message: string }[] = [];
  if (ageOn(ballot.birthDate, at) < settings.minimumAge)
    errors.push({ path: ['declaration', 'birthDate'], message: `Le vote est ouvert aux personnes de ${settings.minimumAge} ans et plus.` });
  if (!settings.eligibilityLinks.includes(ballot.link))
    errors.push({ path: ['declaration', 'link'], message: 'Ce lien avec le département n’ouvre pas le vote.' });
  if (ballot.blank) {
    if (!settings.blankVoteAllowed) errors.push({ path: ['blank'], message: 'Le vote blanc n’est pas prévu par ce budget.' });
    if (ballot.choices.length) errors.push({ path: ['choices'], message: 'Un vote blanc ne choisit aucun projet.' });
    return errors;
  }
  if (new Set(ballot.choices).size !== ballot.choices.length) errors.push({ path: ['choices'], message: 'Un projet est choisi deux fois.' });
  const unknown = ballot.choices.filter((c) => !projects.has(c));
  if (unknown.length) errors.push({ path: ['choices'], message: 'Seuls les projets soumis au vote peuvent être choisis.' });
  if (ballot.choices.length < settings.minChoices || ballot.choices.length > settings.maxChoices) {
    errors.push({ path: ['choices'], message: `Choisissez de ${settings.minChoices} à ${settings.maxChoices} projets.` });
  }
  if (settings.method === 'knapsack' && !unknown.length) {
    const total = ballot.choices.reduce((sum, c) => sum + projects.get(c)!.cost, 0);
    if (total > settings.envelope)
      errors.push({ path: ['choices'], message: `Vos projets coûtent ${total} €, plus que l’enveloppe de ${settings.envelope} €.` });
  }
  return errors;
}

/** The key one person is known by across channels, from what they declare: name and date of birth. */
export function identityKey(fullName: string, birthDate: string): string {
  const name = fullName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
  return `${name}|${birthDate}`;
}

export type Candidate = { id: string; title: string; cost: number; votes: number; territoryCode: string | null; filedAt: Date };
export type Winner = Candidate & { reason: 'territory_envelope' | 'equity' | 'general' };

/**
 * The order of merit: more votes first; on a tie, the cheaper project (more of the envelope left for others), then the
 * one filed first, then the identifier — deterministic, so anyone recomputes the same result from the open data.
 */
export function byMerit(a: Candidate, b: Candidate): number {
  return b.votes - a.votes || a.cost - b.cost || a.filedAt.getTime() - b.filedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The winners, computed from the rules: (1) each territory's reserved envelope is filled with that territory's
 * projects in order of merit, skipping a project that no longer fits; (2) if the equity rule is on, each territory
 * still without a winner gets its best project that still fits the rest of the envelope, the territory whose such
 * project ranks highest first, again and again; (3) the rest of the envelope goes to the remaining projects in order of merit, skipping
 * those that no longer fit. A project with no vote never wins.
 */
export function computeWinners(
  candidates: Candidate[],
  settings: Pick<BudgetSettings, 'envelope' | 'territoryEnvelopes' | 'oneWinnerPerTerritory'>,
  territories: string[]
): { winners: Winner[]; spent: number; remaining: number } {
  const ranked = candidates.filter((c) => c.votes > 0).sort(byMerit);
  const won = new Map<string, Winner>();
  const reserved = settings.territoryEnvelopes.reduce((a, t) => a + t.amount, 0);
  for (const envelope of settings.territoryEnvelopes) {
    let left = envelope.amount;
    for (const c of ranked) {
      if (c.territoryCode !== envelope.territoryCode || won.has(c.id) || c.cost > left) continue;
      won.set(c.id, { ...c, reason: 'territory_envelope' });
      left -= c.cost;
    }
  }
  let general = settings.envelope - reserved;
  if (settings.oneWinnerPerTerritory) {
    const pending = new Set(territories.filter((t) => ![...won.values()].some((w) => w.territoryCode === t)));
    for (;;) {
      const best = [...pending]
        .map((t) => ranked.find((c) => c.territoryCode === t && !won.has(c.id) && c.cost <= general))
        .filter((c): c is Candidate => !!c)
        .sort(byMerit)[0];
      if (!best) break;
      won.set(best.id, { ...best, reason: 'equity' });
      general -= best.cost;
      pending.delete(best.territoryCode!);
    }
  }
  for (const c of ranked) {
    if (won.has(c.id) || c.cost > general) continue;
    won.set(c.id, { ...c, reason: 'general' });
    general -= c.cost;
  }
  const winners = [...won.values()].sort(byMerit);
  const spent = winners.reduce((a, w) => a + w.cost, 0);
  return { winners, spent, remaining: settings.envelope - spent };
}
