/** What the petition admin routes answer: the shapes the server declares (openapi.admin.json), and the orders the screens show. */
import type { AdminAnswer } from '../api/types';
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type PetitionDetail = Schemas['AdminPetitionDetail'];
export type PetitionRow = Schemas['AdminPetitionRow'];
export type Scheme = Schemas['AdminPetitionScheme'];
export type Stage = Schemas['PetitionStage'];
export type StageProgress = Schemas['StageProgress'];
export type Grouping = Schemas['TerritoryGrouping'];
export type PetitionStatus = PetitionRow['status'];
export type Trigger = Stage['triggers'];
export type AuthorKind = PetitionDetail['authorKind'];
export type PetitionList = AdminAnswer<'/petitions', 'get'>;

/** The order the status filter offers them in. */
export const PETITION_STATUSES: PetitionStatus[] = ['submitted', 'under_appeal', 'open', 'closed', 'answered', 'inadmissible', 'appeal_rejected', 'forwarded'];
export const TRIGGERS: Trigger[] = ['dialogue_meeting', 'assembly_agenda', 'official_answer'];
