import type { Core } from '@strapi/strapi';
import { territoriesRepository } from './repository';

/** A place a citizen looks for: a commune, an intercommunalité (EPCI) or the département, by its code. */
export type Place = { code: string; name: string; kind: 'departement' | 'epci' | 'commune'; parent: { code: string; name: string } | null };

/** The place with this INSEE (or SIREN) code, and the territory that contains it; null when there is none. */
export async function findPlace(strapi: Core.Strapi, code: string): Promise<Place | null> {
  const row = await territoriesRepository(strapi).place(code);
  if (!row) return null;
  return { code: row.code, name: row.name, kind: row.kind, parent: row.parentCode ? { code: row.parentCode, name: String(row.parentName) } : null };
}

/**
 * The codes of the communes within a place, as a subquery: the commune itself, the communes of an EPCI, or every
 * commune of the département. What a commune-located item (a budget project, a petition) is matched against.
 */
export const communesWithin = (strapi: Core.Strapi, code: string) => territoriesRepository(strapi).communesWithin(code);
