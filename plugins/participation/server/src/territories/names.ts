import type { Core } from '@strapi/strapi';
import { territoriesRepository } from './repository';

/** The names of territories by INSEE code, in one query (none when there is no code): what responses show beside a code. */
export async function territoryNames(strapi: Core.Strapi, codes: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (!wanted.length) return new Map();
  return territoriesRepository(strapi).names(wanted);
}
