import type { Core } from '@strapi/strapi';
import { noQuery, slugParams } from '../contract/base-inputs';
import type { HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import { registerExportQuery, registerQuery } from './inputs';

/** The registers: parse with the contract, call the queries, answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const registers = () => getService(strapi, 'registers');
  return {
    async register(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      ctx.body = await registers().page(slug, parseInput(registerQuery, ctx.query));
    },
    async procedure(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await registers().procedure(slug);
    },
    async head(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await registers().head(slug);
    },
    async annexes(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await registers().annexes(slug);
    },
    async export(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const { format } = parseInput(registerExportQuery, ctx.query);
      ctx.set('Cache-Control', 'no-store');
      if (format === 'pdf') {
        ctx.body = await registers().exportPdf(slug);
        ctx.type = 'application/pdf';
        ctx.set('Content-Disposition', `attachment; filename="${slug}-registre.pdf"`);
      } else if (format === 'csv') {
        ctx.body = await registers().exportCsv(slug);
        ctx.type = 'text/csv; charset=utf-8';
        ctx.set('Content-Disposition', `attachment; filename="${slug}-registre.csv"`);
      } else {
        ctx.body = await registers().exportJson(slug);
        ctx.set('Content-Disposition', `attachment; filename="${slug}-registre.json"`);
      }
    },
  };
};
