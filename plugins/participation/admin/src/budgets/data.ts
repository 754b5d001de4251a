import { useAdminData } from '../api/useAdminData';

/** The budgets screen's reads: the list (once the permission is known), one budget. */
export const useBudgetList = (allowed: boolean) => useAdminData('/budgets', allowed ? '/participation/budgets' : null);
export const useBudget = (documentId: string) => useAdminData('/budgets/{documentId}', `/participation/budgets/${documentId}`);
