import type { Core } from '@strapi/strapi';
import { parse } from 'csv-parse/sync';
import { validationFailed, type FieldError } from '../platform/errors';
import type { Db } from '../platform/database/rows';
import { transaction } from '../platform/database/transaction';
import { territoriesRepository } from './repository';

/** The grouping that ships with the product: the intercommunalités, from the official administrative division. */
export const EPCI_GROUPING = { key: 'epci', name: 'Intercommunalités (EPCI)' } as const;

export type GroupingTerritory = { code: string; name: string; population: number | null; communes: string[] };
export type Grouping = { key: string; name: string; source: 'builtin' | 'imported'; territoriesCount: number };

/** Column names accepted for each field of an imported file: the INSEE COG's, and plain French ones. */
const COMMUNE_COLUMNS = ['com', 'codgeo', 'code_commune', 'code_insee', 'commune'];
const TERRITORY_CODE_COLUMNS = ['can', 'canton', 'cv', 'code_territoire', 'code_canton', 'territoire'];
const TERRITORY_NAME_COLUMNS = ['libelle', 'libelle_canton', 'nom_territoire', 'nom_canton', 'nom'];

const norm = (header: string) =>
  header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/**
 * Territorial groupings of communes, for petitions' territorial thresholds. The EPCIs are read from the territories
 * the product loads; cantons (or any grouping) are imported by an agent from a CSV of commune INSEE codes. A commune
 * may belong to several territories of one grouping (a city split between cantons): its signers then say which.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repository = territoriesRepository(strapi);

  async function list(): Promise<Grouping[]> {
    const [epcis, imported] = await Promise.all([repository.epciCount(), repository.importedGroupings()]);
    return [{ ...EPCI_GROUPING, source: 'builtin', territoriesCount: epcis }, ...imported.map((g) => ({ ...g, source: 'imported' as const }))];
  }

  /** The territories of a grouping with their communes and population (the sum of their communes'); null if unknown. Reads in `db` (a caller's transaction). */
  async function territories(key: string, db?: Db): Promise<GroupingTerritory[] | null> {
    const communes = await repository.communes(db);
    const byCode = new Map<string, GroupingTerritory>();
    if (key === EPCI_GROUPING.key) {
      for (const e of await repository.epcis(db)) byCode.set(e.code, { code: e.code, name: e.name, population: null, communes: [] });
      for (const [code, c] of communes) if (c.parentCode && byCode.has(c.parentCode)) byCode.get(c.parentCode)!.communes.push(code);
    } else {
      const rows = await repository.members(key, db);
      if (!rows.length) return null;
      for (const r of rows) {
        const territory = byCode.get(r.territoryCode) ?? { code: r.territoryCode, name: r.territoryName, population: null, communes: [] };
        territory.communes.push(r.communeCode);
        byCode.set(r.territoryCode, territory);
      }
    }
    // A commune split between territories counts its whole population in each: the COG gives no finer split.
    for (const territory of byCode.values()) {
      const known = territory.communes.map((c) => communes.get(c)?.population).filter((p): p is number => typeof p === 'number');
      territory.population = known.length ? known.reduce((a, b) => a + b, 0) : null;
    }
    return [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }

  /**
   * A commune of the département and the territories of a grouping it belongs to, in one query: null when the commune
   * is not one of the département's; `territories` empty without a grouping or outside it, several for a split commune.
   */
  async function placeOf(key: string | null, communeCode: string): Promise<{ territories: { code: string; name: string }[] } | null> {
    const rows = await repository.communeTerritories(key, EPCI_GROUPING.key, communeCode);
    if (!rows.length) return null;
    const territories = new Map<string, string>();
    for (const r of rows) if (r.code) territories.set(r.code, r.name ?? r.code);
    return { territories: [...territories].map(([code, name]) => ({ code, name })) };
  }

  /**
   * Replaces a grouping with the content of a CSV file (comma or semicolon separated, UTF-8): one line per commune and
   * territory, with the commune's INSEE code, the territory's code and optionally its name. Every commune must be one
   * of the département's; nothing is written unless the whole file is valid.
   */
  async function importCsv(input: { key: string; name: string; csv: string }) {
    if (input.key === EPCI_GROUPING.key)
      throw validationFailed([{ path: ['key'], message: 'Les intercommunalités sont fournies avec le produit ; choisissez une autre clé.' }]);
    let records: string[][];
    try {
      records = parse(input.csv.replace(/^\uFEFF/, ''), {
        delimiter: [';', ',', '\t'],
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      }) as string[][];
    } catch (error) {
      throw validationFailed([{ path: ['csv'], message: `Fichier CSV illisible : ${(error as Error).message}` }]);
    }
    const [header, ...lines] = records;
    const headers = (header ?? []).map(norm);
    const find = (names: string[]) => headers.findIndex((h) => names.includes(h));
    const communeAt = find(COMMUNE_COLUMNS);
    const codeAt = find(TERRITORY_CODE_COLUMNS);
    const nameAt = find(TERRITORY_NAME_COLUMNS);
    if (communeAt < 0 || codeAt < 0) {
      throw validationFailed([
        {
          path: ['csv'],
          message: `Colonnes attendues : le code INSEE de la commune (${COMMUNE_COLUMNS.join(', ')}) et le code du territoire (${TERRITORY_CODE_COLUMNS.join(', ')}).`,
        },
      ]);
    }
    const communes = await repository.communes();
    const errors: FieldError[] = [];
    const members = new Map<string, { territoryCode: string; territoryName: string; communeCode: string }>();
    lines.forEach((line, i) => {
      const commune = (line[communeAt] ?? '').toUpperCase();
      const code = line[codeAt] ?? '';
      const name = (nameAt >= 0 ? line[nameAt] : '') || code;
      if (!communes.has(commune)) errors.push({ path: ['csv', i + 2], message: `Ligne ${i + 2} : commune « ${commune} » inconnue dans le département.` });
      else if (!/^[0-9A-Za-z_-]{1,20}$/.test(code)) errors.push({ path: ['csv', i + 2], message: `Ligne ${i + 2} : code de territoire « ${code} » invalide.` });
      else members.set(`${code}|${commune}`, { territoryCode: code, territoryName: name.slice(0, 200), communeCode: commune });
    });
    if (!members.size && !errors.length) errors.push({ path: ['csv'], message: 'Le fichier ne contient aucune ligne.' });
    if (errors.length) throw validationFailed(errors.slice(0, 20), 'Fichier refusé : rien n’a été importé.');
    const now = new Date();
    await transaction(strapi, (trx) => repository.replaceGrouping(trx, input.key, input.name, [...members.values()], now));
    const territoriesCount = new Set([...members.values()].map((m) => m.territoryCode)).size;
    const split = new Map<string, number>();
    for (const m of members.values()) split.set(m.communeCode, (split.get(m.communeCode) ?? 0) + 1);
    return {
      key: input.key,
      name: input.name,
      territoriesCount,
      communesCount: split.size,
      splitCommunes: [...split].filter(([, n]) => n > 1).map(([c]) => c),
      missingCommunes: [...communes.keys()].filter((c) => !split.has(c)),
    };
  }

  return { list, territories, placeOf, importCsv };
};
