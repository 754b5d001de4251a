import { useAdminData } from '../api/useAdminData';
import type { PetitionStatus } from './types';

/** The petitions screen's reads: schemes and groupings (once the permission is known), a page of the list, one petition. */
export const usePetitionSchemes = (allowed: boolean) => useAdminData('/petition-schemes', allowed ? '/participation/petition-schemes' : null);
export const useTerritoryGroupings = (allowed: boolean) => useAdminData('/territory-groupings', allowed ? '/participation/territory-groupings' : null);
export const usePetitionList = (status: PetitionStatus | '', page: number) =>
  useAdminData('/petitions', `/participation/petitions?${new URLSearchParams({ page: String(page), pageSize: '50', ...(status ? { status } : {}) })}`);
export const usePetition = (documentId: string) => useAdminData('/petitions/{documentId}', `/participation/petitions/${documentId}`);
