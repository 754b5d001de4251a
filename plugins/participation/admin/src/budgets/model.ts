/** The budgets screens' shapes, as the admin API sends them, and their small helpers. */
import type { components } from '../api/schema';

export type { Errors } from '../components/FormFields';

type Schemas = components['schemas'];

/** A budget of the list, with its calendar and rules (GET /participation/budgets). */
export type Process = Schemas['AdminBudgetRow'];
/** A project as staff see it, with the decisions the server's rules allow on it now. */
export type Project = Schemas['AdminBudgetProject'];
/** One budget as staff see it (GET /participation/budgets/:documentId). */
export type Detail = Schemas['AdminBudgetDetail'];

export const euros = (n: number) => `${n.toLocaleString('fr-FR')} €`;

/** What a date field holds (an instant, or what was typed and not understood) as the API reads it: the server refuses the latter on its field. */
export const toIso = (typed: string) => {
  if (!typed) return '';
  const date = new Date(typed);
  return Number.isNaN(date.getTime()) ? typed : date.toISOString();
};
