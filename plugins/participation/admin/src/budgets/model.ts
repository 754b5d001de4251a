/** The budgets screens' shapes, as the admin API sends them, and their small helpers. */
export type { Errors } from '../components/FormFields';

type Stage = 'upcoming' | 'filing' | 'admissibility' | 'vote' | 'results' | 'follow_up';

type Settings = {
  envelope: number;
  territoryEnvelopes: { territoryCode: string; amount: number }[];
  groupingKey: string | null;
  minProjectCost: number;
  maxProjectCost: number;
  method: 'approval' | 'knapsack';
  minChoices: number;
  maxChoices: number;
  minimumAge: number;
  eligibilityLinks: ('live' | 'work' | 'study')[];
  oneWinnerPerTerritory: boolean;
  blankVoteAllowed: boolean;
  showLiveCounts: boolean;
  comments: 'closed' | 'a_priori' | 'a_posteriori';
};

export type Process = {
  documentId: string;
  slug: string;
  name: string;
  description: string | null;
  stage: Stage;
  filingOpensAt: string;
  filingClosesAt: string;
  voteOpensAt: string;
  voteClosesAt: string;
  followUpAt: string | null;
  settings: Settings;
};

export type Project = {
  documentId: string;
  title: string;
  description: string;
  cost: number;
  communeCode: string;
  communeName: string;
  territoryName: string | null;
  authorName: string;
  channel: 'web' | 'paper';
  provenance: string | null;
  status: 'submitted' | 'published' | 'rejected' | 'admissible' | 'inadmissible' | 'merged';
  assignedService: string | null;
  analysis: string | null;
  decisionReason: string | null;
  isWinner: boolean;
  followUpStatus: string | null;
  milestones: { date: string; label: string; done: boolean }[];
  votes: number | null;
  /** The decisions the server's rules allow on this project now. */
  decisions: { decision: 'publish' | 'reject' | 'admissible' | 'inadmissible' | 'merge'; reasonRequired: boolean }[];
};

export type Detail = {
  documentId: string;
  slug: string;
  name: string;
  stage: Stage;
  settings: Settings;
  participation: { web: number; paper: number; blank: number; total: number; rejectedPaperBallots: number };
  countsVisible: boolean;
  results: null | { spent: number; remaining: number; winners: { documentId: string; title: string; cost: number; votes: number; reason: string }[] };
  projects: Project[];
};

export const euros = (n: number) => `${n.toLocaleString('fr-FR')} €`;

/** What a date field holds (an instant, or what was typed and not understood) as the API reads it: the server refuses the latter on its field. */
export const toIso = (typed: string) => {
  if (!typed) return '';
  const date = new Date(typed);
  return Number.isNaN(date.getTime()) ? typed : date.toISOString();
};
