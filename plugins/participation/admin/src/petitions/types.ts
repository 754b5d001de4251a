/** What the petition admin routes answer (petitions/service.ts on the server). */

export type PetitionStatus = 'submitted' | 'open' | 'inadmissible' | 'forwarded' | 'under_appeal' | 'appeal_rejected' | 'closed' | 'answered';
export const PETITION_STATUSES: PetitionStatus[] = ['submitted', 'under_appeal', 'open', 'closed', 'answered', 'inadmissible', 'appeal_rejected', 'forwarded'];
export type Trigger = 'dialogue_meeting' | 'assembly_agenda' | 'official_answer';
export const TRIGGERS: Trigger[] = ['dialogue_meeting', 'assembly_agenda', 'official_answer'];
export type AuthorKind = 'citizen' | 'association' | 'collective';

export type Stage = {
  key: string;
  label: string;
  signatures?: number | null;
  populationRatio?: number | null;
  withinDays: number;
  minTerritories?: number | null;
  perTerritory?: number | null;
  perTerritoryRatio?: number | null;
  triggers: Trigger;
};

export type Scheme = {
  documentId: string;
  slug: string;
  name: string;
  kind: 'interpellation' | 'petition';
  description: string | null;
  criteria: string | null;
  minimumAge: number;
  groupingKey: string | null;
  retentionDays: number;
  acceptsPetitions: boolean;
  stages: Stage[];
};

export type Grouping = { key: string; name: string; source: 'builtin' | 'imported'; territoriesCount: number };

export type PetitionRow = {
  documentId: string;
  slug: string;
  title: string;
  status: PetitionStatus;
  scheme: string;
  authorName: string;
  channel: 'web' | 'paper';
  signaturesCount: number;
  paperPendingCount: number;
  closesAt: string | null;
  createdAt: string;
};

export type StageProgress = {
  key: string;
  label: string;
  required: number;
  count: number;
  deadline: string;
  state: 'in_progress' | 'reached' | 'missed';
  reachedAt: string | null;
  territories: null | {
    grouping: string;
    minTerritories: number;
    reachedCount: number;
    reached: { code: string; name: string; count: number }[];
    missing: { code: string; name: string; count: number; required: number }[];
  };
};

export type PetitionDetail = {
  documentId: string;
  slug: string;
  title: string;
  body: string;
  status: PetitionStatus;
  authorName: string;
  authorKind: AuthorKind;
  channel: 'web' | 'paper';
  provenance: string | null;
  communeCode: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  forwardedTo: string | null;
  appealReason: string | null;
  appealDecisionReason: string | null;
  openedAt: string | null;
  closesAt: string | null;
  signaturesCount: number;
  paperPendingCount: number;
  answer: string | null;
  answeredAt: string | null;
  scheme: Scheme;
  progress: StageProgress[];
  /** The decisions the server's rules allow on this petition now. */
  decisions: { decision: 'admissible' | 'inadmissible' | 'forward' | 'appeal_granted' | 'appeal_rejected'; reasonRequired: boolean }[];
  history: { kind: string; stageKey: string | null; reason: string | null; actorName: string | null; at: string }[];
  pendingPaperSignatures: {
    id: number;
    name: string;
    communeCode: string;
    territoryCode: string | null;
    provenance: string | null;
    note: string | null;
    signedAt: string;
  }[];
};
