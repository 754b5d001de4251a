import type { Core, UID } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { tableOf, whereSearchKey } from '../database/columns';
import { escapeLike, placeSearchKey } from '../text';

const TERRITORY = 'plugin::participation.territory';
/** The Content Manager's search among the entries a relation may point to (`_q`). */
const FIND_AVAILABLE = /^\/content-manager\/relations\/([^/]+)\/([^/]+)$/;

type Attribute = { type?: string; target?: string };
const positive = (value: unknown, fallback: number, max: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
};

/**
 * The Content Manager's relation picker searches with `$containsi` on the name: « st nazaire », « saint nazaire » or
 * « Saint Herblain » found nothing. For a relation to territories, once Strapi has authorised the search and answered
 * (so its permissions and validation stand), the results are the place search's — accents, case, hyphens and the
 * usual abbreviations forgiven, communes first — in the same shape and paging.
 */
export function placeSearchInRelations(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    await next();
    if (ctx.method !== 'GET' || ctx.status !== 200) return;
    const route = FIND_AVAILABLE.exec(ctx.path);
    const q = typeof ctx.query._q === 'string' ? ctx.query._q : '';
    if (!route || !q.trim()) return;
    const model = strapi.getModel(decodeURIComponent(route[1]) as UID.Schema) as { attributes?: Record<string, Attribute> } | undefined;
    if (model?.attributes?.[decodeURIComponent(route[2])]?.target !== TERRITORY) return;
    // Only for whom may read territories' names: anyone else keeps Strapi's answer (ids only).
    const ability = (ctx.state as { userAbility?: { can: (action: string, subject: string, field?: string) => boolean } }).userAbility;
    if (!ability?.can('plugin::content-manager.explorer.read', TERRITORY, 'name')) return;

    const page = positive(ctx.query.page, 1, 10_000);
    const pageSize = positive(ctx.query.pageSize, 10, 100);
    const omitted = [ctx.query.idsToOmit ?? []].flat().map(Number).filter(Number.isInteger);
    const { table, column } = tableOf(strapi, TERRITORY);
    const knex = strapi.db.connection;
    const key = placeSearchKey(q);
    const matching = knex(table)
      .where((qb) => whereSearchKey(qb, column('searchKey'), q, placeSearchKey))
      .whereNotIn('id', omitted);
    const [{ total }] = (await matching.clone().count({ total: '*' })) as { total: number | string }[];
    const rows = (await matching
      .clone()
      .select({ id: 'id', documentId: column('documentId'), name: column('name'), kind: column('kind'), inseeCode: column('inseeCode') })
      // A name that starts with what was typed first, communes before groupings, then by name.
      .orderByRaw(`CASE WHEN ?? LIKE ? ESCAPE '\\' THEN 0 ELSE 1 END`, [column('searchKey'), `${escapeLike(key)}%`])
      .orderByRaw(`CASE WHEN ?? = 'commune' THEN 0 ELSE 1 END`, [column('kind')])
      .orderBy(column('name'))
      .limit(pageSize)
      .offset((page - 1) * pageSize)) as Record<string, unknown>[];
    ctx.body = { results: rows, pagination: { page, pageSize, pageCount: Math.ceil(Number(total) / pageSize), total: Number(total) } };
  };
}
