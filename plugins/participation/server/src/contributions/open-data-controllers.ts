import type { Core } from '@strapi/strapi';
import { exportQuery, slugParams } from '../contract/inputs';
import type { HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

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
});
