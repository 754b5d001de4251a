import type { Core } from '@strapi/strapi';
import { exportQuery, noQuery, slugParams } from '../contract/inputs';
import type { HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { paginationMeta, parseInput } from '../platform/validation';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Streamed: the consultation is checked first (404 before any byte), then the rows leave page by page. */
  async export(ctx: HttpContext) {
    const { slug } = parseInput(slugParams, ctx.params);
    const { format } = parseInput(exportQuery, ctx.query);
    const service = getService(strapi, 'open-data');
    if (format === 'csv') {
      ctx.body = await service.csv(slug);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="${slug}-contributions.csv"`);
    } else {
      ctx.body = await service.json(slug);
      ctx.type = 'application/json; charset=utf-8';
    }
  },

  async dataPackage(ctx: HttpContext) {
    const { slug } = parseInput(slugParams, ctx.params);
    parseInput(noQuery, ctx.query);
    ctx.body = await getService(strapi, 'open-data').dataPackage(slug);
  },

  /** Every public consultation in one CSV, streamed; the file name carries the day it was taken. */
  async allCsv(ctx: HttpContext) {
    parseInput(noQuery, ctx.query);
    ctx.body = await getService(strapi, 'open-data').allCsv();
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Content-Disposition', `attachment; filename="participer-contributions-${new Date().toISOString().slice(0, 10)}.csv"`);
  },

  /** The dated files of every public consultation, newest first. */
  async dumps(ctx: HttpContext) {
    parseInput(noQuery, ctx.query);
    const list = await getService(strapi, 'open-data-dumps').list();
    ctx.body = { data: list, meta: { pagination: paginationMeta(1, Math.max(1, list.length), list.length) } };
  },

  /** A stable address for the newest dated file: a redirect to it. */
  async latestDump(ctx: HttpContext) {
    parseInput(noQuery, ctx.query);
    const newest = await getService(strapi, 'open-data-dumps').latest();
    ctx.set('Cache-Control', 'no-cache');
    ctx.redirect(newest.url);
  },

  async allDataPackage(ctx: HttpContext) {
    parseInput(noQuery, ctx.query);
    ctx.body = getService(strapi, 'open-data').allDataPackage();
  },
});
