import { useAdminData } from '../api/useAdminData';
import type { AdminAnswer } from '../api/types';

/** The procedures screen's reads: the procedures the person follows, one procedure, a page of its observations. */
export const useProcedureList = (allowed: boolean) => useAdminData('/procedures', allowed ? '/participation/procedures' : null);
export const useProcedure = (documentId: string) => useAdminData('/procedures/{documentId}', `/participation/procedures/${documentId}`);
export const useObservations = (documentId: string, page: number) =>
  useAdminData('/procedures/{documentId}/observations', `/participation/procedures/${documentId}/observations?page=${page}&pageSize=50`);

export type AdminProcedure = AdminAnswer<'/procedures', 'get'>['data'][number];
export type ReportKind = 'report' | 'response';
