/** What several test files set up the same way: a participatory budget's rules and calendar, a petition scheme. */
const HOUR = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

/** Approval vote of 1 to 2 projects, costs 1,000 € to 50,000 €, grouped by EPCI, no live counts. */
export const BUDGET_SETTINGS = {
  envelope: 100_000,
  groupingKey: 'epci',
  territoryEnvelopes: [],
  minProjectCost: 1_000,
  maxProjectCost: 50_000,
  method: 'approval',
  minChoices: 1,
  maxChoices: 2,
  minimumAge: 16,
  eligibilityLinks: ['live'],
  oneWinnerPerTerritory: false,
  blankVoteAllowed: true,
  showLiveCounts: false,
};

/** A budget's dates, shifted by `shift` ms: 0 is filing open, -2 h admissibility, -4 h vote open, -6 h results. */
export const budgetCalendar = (shift: number) => ({
  filingOpensAt: at(shift - HOUR),
  filingClosesAt: at(shift + HOUR),
  voteOpensAt: at(shift + 3 * HOUR),
  voteClosesAt: at(shift + 5 * HOUR),
});
export const BUDGET_STAGE = { filing: 0, admissibility: -2 * HOUR, vote: -4 * HOUR, results: -6 * HOUR } as const;

/** A petition scheme with one stage (official answer at `signatures` signatures), open to new petitions. */
export const petitionScheme = (slug: string, signatures = 3) => ({
  name: `Dispositif ${slug}`,
  slug,
  kind: 'petition',
  criteria: 'Relever des compétences du Département.',
  minimumAge: 16,
  groupingKey: null,
  stages: [{ key: 'reponse', label: 'Réponse', signatures, withinDays: 90, triggers: 'official_answer' }],
  retentionDays: 365,
  acceptsPetitions: true,
});

/** The first commune of the EPCI grouping, as `GET /territory-groupings/epci` answers it. */
export const firstCommune = (groupings: { body: { data: { communes: string[] }[] } }) => groupings.body.data.find((t) => t.communes.length > 0)!.communes[0];
