import { useAdminData } from '../api/useAdminData';
import type { AdminAnswer } from '../api/types';

/** The meetings screen's reads: the list, one meeting as the form edits it, its registrants. */
export const useMeetingList = (allowed: boolean) => useAdminData('/meetings', allowed ? '/participation/meetings?pageSize=100' : null);
export const useMeeting = (documentId: string | null) => useAdminData('/meetings/{documentId}', documentId ? `/participation/meetings/${documentId}` : null);
export const useRegistrants = (documentId: string) =>
  useAdminData('/meetings/{documentId}/registrations', `/participation/meetings/${documentId}/registrations`);

export type AdminMeeting = AdminAnswer<'/meetings/{documentId}', 'get'>['data'];
export type Registrant = AdminAnswer<'/meetings/{documentId}/registrations', 'get'>['data'][number];
export const useMeetingContributions = (documentId: string) =>
  useAdminData('/meetings/{documentId}/contributions', `/participation/meetings/${documentId}/contributions?pageSize=100`);
export const useRemarks = (documentId: string, proposed: boolean) =>
  useAdminData('/meetings/{documentId}/minutes/remarks', proposed ? `/participation/meetings/${documentId}/minutes/remarks` : null);
