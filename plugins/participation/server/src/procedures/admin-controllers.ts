import type { Core } from '@strapi/strapi';
import { documentIdParams, pageQuery } from '../contract/base-inputs';
import type { HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import { attachScan } from './commands/attach-scan';
import { withOneUpload } from '../platform/file-kinds';
import { publishReport } from './commands/publish-report';
import { reportBody, scanFields, scanParams } from './inputs';

/** The procedures' staff screens: parse with the contract, call the queries or the command, answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sheets = () => getService(strapi, 'procedure-sheets');
  return {
    async list(ctx: HttpContext) {
      ctx.body = await sheets().list();
    },
    async detail(ctx: HttpContext) {
      ctx.body = await sheets().detail(parseInput(documentIdParams, ctx.params).documentId);
    },
    async observations(ctx: HttpContext) {
      const { documentId } = parseInput(documentIdParams, ctx.params);
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await sheets().observations(documentId, page, pageSize);
    },
    async attachScan(ctx: HttpContext) {
      ctx.body = await withOneUpload(ctx.request, (file) => {
        const { documentId, number } = parseInput(scanParams, ctx.params);
        const { publishable } = parseInput(scanFields, ctx.request.body ?? {});
        return attachScan(strapi, documentId, number, file, publishable === 'true');
      });
      ctx.status = 201;
    },
    async publishReport(ctx: HttpContext) {
      const { documentId } = parseInput(documentIdParams, ctx.params);
      ctx.body = await publishReport(strapi, documentId, parseInput(reportBody, ctx.request.body ?? {}));
      ctx.status = 201;
    },
  };
};
