import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { tableOf, whereSearchKey } from '../platform/database/columns';
import { rowsOf, type Db, type RawRow } from '../platform/database/rows';
import { placeSearchKey } from '../platform/text';

const TERRITORY = 'plugin::participation.territory' as const;
const THEME = 'plugin::participation.theme' as const;
const MEMBER = 'plugin::participation.territory-grouping-member' as const;

export type TerritoryKind = 'departement' | 'epci' | 'commune';
export type PlaceRow = { code: string; name: string; kind: TerritoryKind; parentCode: string | null; parentName: string | null };
export type CommuneRow = { name: string; population: number | null; parentCode: string | null };
export type MemberRow = { territoryCode: string; territoryName: string; communeCode: string };
/** A territory as the official division gives it, to be loaded. */
export type TerritoryRecord = {
  kind: TerritoryKind;
  name: string;
  inseeCode: string;
  postalCodes: string[];
  population: number | null;
  parentCode: string | null;
  searchKey: string;
};

/** Typed records in and out of the territories, themes and groupings tables: the only place they are read or written. */
export function territoriesRepository(strapi: Core.Strapi) {
  const t = tableOf(strapi, TERRITORY);
  const knex = () => strapi.db.connection;
  const tc = (a: string, alias = '') => `${alias ? `${alias}.` : ''}${t.column(a)}`;
  const kindOrder = () => `CASE ${knex().ref(t.column('kind')).toQuery()} WHEN 'departement' THEN 0 WHEN 'epci' THEN 1 ELSE 2 END`;

  return {
    /** Names by INSEE code (one statement). */
    async names(codes: string[]): Promise<Map<string, string>> {
      const rows = (await knex()(t.table)
        .select({ code: tc('inseeCode'), name: tc('name') })
        .whereIn(tc('inseeCode'), codes)) as RawRow[];
      return new Map(rows.map((r) => [String(r.code), String(r.name)]));
    },

    /** The territory with this code and the one that contains it. */
    async place(code: string): Promise<PlaceRow | null> {
      const row = (await knex()({ t: t.table })
        .leftJoin({ p: t.table }, tc('inseeCode', 'p'), tc('parentCode', 't'))
        .select({ code: tc('inseeCode', 't'), name: tc('name', 't'), kind: tc('kind', 't'), parentCode: tc('inseeCode', 'p'), parentName: tc('name', 'p') })
        .where(tc('inseeCode', 't'), code)
        .first()) as RawRow | undefined;
      if (!row) return null;
      return {
        code: String(row.code),
        name: String(row.name),
        kind: row.kind as TerritoryKind,
        parentCode: (row.parentCode as string | null) ?? null,
        parentName: (row.parentName as string | null) ?? null,
      };
    },

    /** The codes of the communes within a place, as a subquery: the commune itself, an EPCI's, or the département's. */
    communesWithin(code: string) {
      const db = knex();
      return db(t.table)
        .select(tc('inseeCode'))
        .where(tc('kind'), 'commune')
        .where((w) =>
          w
            .where(tc('inseeCode'), code)
            .orWhere(tc('parentCode'), code)
            .orWhereIn(tc('parentCode'), db(t.table).select(tc('inseeCode')).where(tc('parentCode'), code))
        );
    },

    /** A page of territories (département, then EPCIs, then communes, by name), with the total. */
    async territoriesPage(filter: { q?: string; kind?: TerritoryKind }, page: number, pageSize: number) {
      const base = knex()(t.table).where((qb) => {
        if (filter.kind) qb.where(tc('kind'), filter.kind);
        if (filter.q) whereSearchKey(qb, tc('searchKey'), filter.q, placeSearchKey);
      });
      const [[{ total }], rows] = await Promise.all([
        base.clone().count({ total: '*' }) as Promise<RawRow[]>,
        base
          .clone()
          .select({
            documentId: tc('documentId'),
            kind: tc('kind'),
            name: tc('name'),
            inseeCode: tc('inseeCode'),
            postalCodes: tc('postalCodes'),
            population: tc('population'),
            parentCode: tc('parentCode'),
          })
          .orderByRaw(kindOrder())
          .orderBy(tc('name'))
          .orderBy(tc('inseeCode'))
          .limit(pageSize)
          .offset((page - 1) * pageSize) as Promise<RawRow[]>,
      ]);
      return { rows, total: Number(total) };
    },

    /** A page of themes by name, with the total. */
    async themesPage(page: number, pageSize: number) {
      const th = tableOf(strapi, THEME);
      const [[{ total }], rows] = await Promise.all([
        knex()(th.table).count({ total: '*' }) as Promise<RawRow[]>,
        knex()(th.table)
          .select({
            documentId: th.column('documentId'),
            name: th.column('name'),
            slug: th.column('slug'),
            description: th.column('description'),
            color: th.column('color'),
          })
          .orderBy(th.column('name'))
          .limit(pageSize)
          .offset((page - 1) * pageSize) as Promise<RawRow[]>,
      ]);
      return { rows, total: Number(total) };
    },

    /** Every commune of the département with its population and EPCI, by code (in `db`, a caller's transaction). */
    async communes(db: Db = knex()): Promise<Map<string, CommuneRow>> {
      const rows = (await db(t.table)
        .select({ code: tc('inseeCode'), name: tc('name'), population: tc('population'), parentCode: tc('parentCode') })
        .where(tc('kind'), 'commune')) as RawRow[];
      return new Map(
        rows.map((r) => [
          String(r.code),
          { name: String(r.name), population: r.population === null ? null : Number(r.population), parentCode: (r.parentCode as string | null) ?? null },
        ])
      );
    },

    /** The EPCIs by name (in `db`). */
    async epcis(db: Db = knex()): Promise<{ code: string; name: string }[]> {
      const rows = (await db(t.table)
        .select({ code: tc('inseeCode'), name: tc('name') })
        .where(tc('kind'), 'epci')
        .orderBy(tc('name'))) as RawRow[];
      return rows.map((r) => ({ code: String(r.code), name: String(r.name) }));
    },

    async epciCount(): Promise<number> {
      const [{ epcis }] = (await knex()(t.table).where(tc('kind'), 'epci').count({ epcis: '*' })) as RawRow[];
      return Number(epcis);
    },

    /** The imported groupings with their number of territories. */
    async importedGroupings(): Promise<{ key: string; name: string; territoriesCount: number }[]> {
      const m = tableOf(strapi, MEMBER);
      const rows = (await knex()(m.table)
        .select({ key: m.column('groupingKey'), name: m.column('groupingName') })
        .countDistinct({ territories: m.column('territoryCode') })
        .groupBy(m.column('groupingKey'), m.column('groupingName'))
        .orderBy(m.column('groupingKey'))) as RawRow[];
      return rows.map((g) => ({ key: String(g.key), name: String(g.name), territoriesCount: Number(g.territories) }));
    },

    /** An imported grouping's members, by territory name and code (in `db`). */
    async members(key: string, db: Db = knex()): Promise<MemberRow[]> {
      const m = tableOf(strapi, MEMBER);
      const rows = (await db(m.table)
        .select({ territoryCode: m.column('territoryCode'), territoryName: m.column('territoryName'), communeCode: m.column('communeCode') })
        .where(m.column('groupingKey'), key)
        .orderBy([m.column('territoryName'), m.column('territoryCode'), m.column('communeCode')])) as RawRow[];
      return rows.map((r) => ({ territoryCode: String(r.territoryCode), territoryName: String(r.territoryName), communeCode: String(r.communeCode) }));
    },

    /**
     * A commune of the département and the territories of a grouping it belongs to, in one statement: no row when the
     * commune is not one of the département's; `code` null outside the grouping (or without one).
     */
    async communeTerritories(key: string | null, epciKey: string, communeCode: string): Promise<{ code: string | null; name: string | null }[]> {
      const db = knex();
      const m = tableOf(strapi, MEMBER);
      const query = db({ c: t.table }).where(tc('inseeCode', 'c'), communeCode).where(tc('kind', 'c'), 'commune');
      if (key === epciKey) {
        query
          .leftJoin({ e: t.table }, (on) => on.on(tc('inseeCode', 'e'), tc('parentCode', 'c')).andOn(tc('kind', 'e'), db.raw('?', ['epci'])))
          .select({ commune: tc('inseeCode', 'c'), code: tc('inseeCode', 'e'), name: tc('name', 'e') });
      } else if (key) {
        query
          .leftJoin({ m: m.table }, (on) =>
            on.on(`m.${m.column('communeCode')}`, tc('inseeCode', 'c')).andOn(`m.${m.column('groupingKey')}`, db.raw('?', [key]))
          )
          .select({ commune: tc('inseeCode', 'c'), code: `m.${m.column('territoryCode')}`, name: `m.${m.column('territoryName')}` })
          .orderBy(`m.${m.column('territoryCode')}`);
      } else {
        query.select({ commune: tc('inseeCode', 'c') });
      }
      const rows = (await query) as RawRow[];
      return rows.map((r) => ({ code: (r.code as string | null | undefined) ?? null, name: (r.name as string | null | undefined) ?? null }));
    },

    /** Replaces an imported grouping's members, in the caller's transaction. */
    async replaceGrouping(trx: Knex.Transaction, key: string, name: string, members: MemberRow[], now: Date) {
      const rows = rowsOf(strapi, MEMBER);
      await trx(rows.table).where(rows.column('groupingKey'), key).delete();
      const all = members.map((m) => rows.newRow({ groupingKey: key, groupingName: name, ...m }, now));
      for (let i = 0; i < all.length; i += 200) await trx(rows.table).insert(all.slice(i, i + 200));
    },

    /** Upserts territories keyed on their unique INSEE code (names, populations and parents updated in place), in the caller's transaction. */
    async upsertTerritories(trx: Knex.Transaction, records: TerritoryRecord[], now: Date) {
      const rows = rowsOf(strapi, TERRITORY);
      const all = records.map((r) => rows.newRow({ ...r, postalCodes: JSON.stringify(r.postalCodes) }, now));
      const updatable = ['kind', 'name', 'postalCodes', 'population', 'parentCode', 'searchKey', 'updatedAt'].map(t.column);
      for (let i = 0; i < all.length; i += 100)
        await trx(t.table)
          .insert(all.slice(i, i + 100))
          .onConflict(t.column('inseeCode'))
          .merge(updatable);
    },
  };
}
