import { useAdminData } from '../api/useAdminData';
import type { AdminAnswer } from '../api/types';

/** The questionnaires screen's reads: the list, one questionnaire as the builder edits it, its results with filters. */
export const useQuestionnaireList = (allowed: boolean) => useAdminData('/questionnaires', allowed ? '/participation/questionnaires' : null);
export const useQuestionnaire = (documentId: string | null) =>
  useAdminData('/questionnaires/{documentId}', documentId ? `/participation/questionnaires/${documentId}` : null);
export const useQuestionnaireResults = (documentId: string, query: string) =>
  useAdminData('/questionnaires/{documentId}/results', `/participation/questionnaires/${documentId}/results${query}`);
export const useQuestionnaireTexts = (documentId: string, question: string | null) =>
  useAdminData('/questionnaires/{documentId}/texts', question ? `/participation/questionnaires/${documentId}/texts?question=${question}&pageSize=50` : null);

export const useQuestionnaireFiles = (documentId: string, question: string | null) =>
  useAdminData('/questionnaires/{documentId}/files', question ? `/participation/questionnaires/${documentId}/files?question=${question}&pageSize=100` : null);

export type AdminQuestionnaire = AdminAnswer<'/questionnaires/{documentId}', 'get'>['data'];
export type QuestionnaireResults = AdminAnswer<'/questionnaires/{documentId}/results', 'get'>['data'];
