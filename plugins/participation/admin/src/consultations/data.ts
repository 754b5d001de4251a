import { useAdminData } from '../api/useAdminData';

/** The agents' consultation list, by state and title (read once the typing settles), and the exports log. */
export const useConsultationList = (status: string, search: string, delayMs = 0) => {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (search.trim()) params.set('q', search.trim());
  return useAdminData('/consultations', `/participation/consultations?${params}`, { delayMs });
};
export const useExportLog = () => useAdminData('/exports/log', '/participation/exports/log');
export const useDashboard = (days: number) => useAdminData('/dashboard', `/participation/dashboard?days=${days}`);
