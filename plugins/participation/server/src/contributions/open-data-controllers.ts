import type { Core } from '@strapi/strapi';
import { exportQuery, slugParams } from '../contract/inputs';
import type { HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async export(ctx: HttpContext) {
    const { slug } = parseInput(slugParams, ctx.params);
    const { format } = parseInput(exportQuery, ctx.query);
    const service = getService(strapi, 'open-data');
    const data = await service.export(slug);
    if (format === 'csv') {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="${slug}-contributions.csv"`);
      ctx.body = service.toCsv(data);
    } else {
      ctx.body = { data };
    }
  },
});
