import type { Core } from '@strapi/strapi';
import { budgetsRepository } from './repository';

/** What other capabilities may use of participatory budgets: a budget's name by documentId (a meeting that belongs to it). */
export async function budgetName(strapi: Core.Strapi, documentId: string): Promise<string | null> {
  return (await budgetsRepository(strapi).processBy({ documentId }))?.name ?? null;
}
