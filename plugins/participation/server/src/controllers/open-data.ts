import type { Core } from '@strapi/strapi';
import { exportQuery, slugParams } from '../domain/inputs';
import { parseInput } from '../domain/validation';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async export(ctx: any) {
    const { slug } = parseInput(slugParams, ctx.params);
    const { format } = parseInput(exportQuery, ctx.query);
    const service = strapi.plugin('participation').service('open-data');
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
