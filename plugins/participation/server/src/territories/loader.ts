import type { Core } from '@strapi/strapi';
import { searchKey } from '../platform/text';
import { territoriesRepository } from './repository';
import { transaction } from '../platform/database/transaction';

type Commune = {
  code: string;
  nom: string;
  departement: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
};
type Epci = { code: string; nom: string; populationTotale?: number; membres: { code: string }[] };
type Departement = { code: string; nom: string };

export type TerritoryRow = {
  kind: 'departement' | 'epci' | 'commune';
  name: string;
  inseeCode: string;
  postalCodes: string[];
  population: number | null;
  parentCode: string | null;
};

/**
 * The département, the EPCIs with at least one member commune in it, and its current communes
 * (communes déléguées are left out: they are not communes any more).
 */
export function territoriesOf(departementCode: string): TerritoryRow[] {
  // The package ships its data as JSON files (no module entry for them): read when territories are loaded, not at import.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const departements: Departement[] = require('@etalab/decoupage-administratif/data/departements.json');
  const communes: Commune[] = require('@etalab/decoupage-administratif/data/communes.json');
  const epcis: Epci[] = require('@etalab/decoupage-administratif/data/epci.json');
  /* eslint-enable @typescript-eslint/no-require-imports */

  const departement = departements.find((d) => d.code === departementCode);
  if (!departement) throw new Error(`Département inconnu : ${departementCode}`);

  const ownCommunes = communes.filter((c) => c.departement === departementCode && c.type === 'commune-actuelle');
  const ownCodes = new Set(ownCommunes.map((c) => c.code));
  const ownEpcis = epcis.filter((e) => e.membres.some((m) => ownCodes.has(m.code)));
  const epciOf = new Map<string, string>();
  for (const epci of ownEpcis) for (const m of epci.membres) epciOf.set(m.code, epci.code);

  return [
    {
      kind: 'departement',
      name: departement.nom,
      inseeCode: departement.code,
      postalCodes: [],
      population: ownCommunes.reduce((sum, c) => sum + (c.population ?? 0), 0),
      parentCode: null,
    },
    ...ownEpcis.map<TerritoryRow>((e) => ({
      kind: 'epci',
      name: e.nom,
      inseeCode: e.code,
      postalCodes: [],
      population: e.populationTotale ?? null,
      parentCode: departement.code,
    })),
    ...ownCommunes.map<TerritoryRow>((c) => ({
      kind: 'commune',
      name: c.nom,
      inseeCode: c.code,
      postalCodes: c.codesPostaux ?? [],
      population: c.population ?? null,
      parentCode: epciOf.get(c.code) ?? departement.code,
    })),
  ];
}

/**
 * Upserts the territories in bulk, keyed on the unique INSEE code: re-running inserts nothing twice,
 * and a newer version of the official data updates names, populations and parents in place.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async load(departementCode: string): Promise<{ count: number }> {
    const rows = territoriesOf(departementCode);
    const records = rows.map((row) => ({ ...row, searchKey: searchKey(`${row.name} ${row.inseeCode} ${row.postalCodes.join(' ')}`) }));
    const now = new Date();
    await transaction(strapi, (trx) => territoriesRepository(strapi).upsertTerritories(trx, records, now));
    return { count: rows.length };
  },
});
