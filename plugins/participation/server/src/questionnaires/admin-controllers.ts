import type { Core } from '@strapi/strapi';
import { documentIdParams } from '../contract/base-inputs';
import { adminActor, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import { withOneUpload } from '../platform/file-kinds';
import {
  chartsBody,
  fileFields,
  fileParams,
  filesQuery,
  paperResponseBody,
  questionnaireBody,
  questionnaireExportQuery,
  resultsQuery,
  textsQuery,
} from './inputs';

/** The agents' questionnaire screens: builder, paper entry, results, texts, published charts, export. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const questionnaires = () => getService(strapi, 'questionnaires');
  const reads = () => getService(strapi, 'questionnaire-reads');
  const idOf = (ctx: HttpContext) => parseInput(documentIdParams, ctx.params).documentId;
  return {
    async list(ctx: HttpContext) {
      ctx.body = await reads().adminList();
    },
    async detail(ctx: HttpContext) {
      ctx.body = await reads().adminDetail(idOf(ctx));
    },
    async create(ctx: HttpContext) {
      const documentId = await questionnaires().save(null, parseInput(questionnaireBody, ctx.request.body ?? {}));
      ctx.status = 201;
      ctx.body = await reads().adminDetail(documentId);
    },
    async update(ctx: HttpContext) {
      const id = idOf(ctx);
      await questionnaires().save(id, parseInput(questionnaireBody, ctx.request.body ?? {}));
      ctx.body = await reads().adminDetail(id);
    },
    async enterPaper(ctx: HttpContext) {
      const id = idOf(ctx);
      ctx.body = await questionnaires().enterPaper(id, parseInput(paperResponseBody, ctx.request.body ?? {}), adminActor(ctx));
      ctx.status = 201;
    },
    async sendPaperFile(ctx: HttpContext) {
      const id = idOf(ctx);
      ctx.body = await withOneUpload(ctx.request, (file) =>
        questionnaires().sendPaperFile(id, parseInput(fileFields, ctx.request.body ?? {}).question, file, adminActor(ctx))
      );
      ctx.status = 201;
    },
    async files(ctx: HttpContext) {
      const id = idOf(ctx);
      const { question, page, pageSize } = parseInput(filesQuery, ctx.query);
      ctx.body = await reads().files(id, question, page, pageSize);
    },
    async openFile(ctx: HttpContext) {
      const { documentId, fileId } = parseInput(fileParams, ctx.params);
      const file = await questionnaires().openFile(documentId, fileId);
      // Downloaded, never shown inline: the type is the one read from its first bytes, not the sender's word.
      ctx.attachment(file.name);
      ctx.set('Content-Type', file.mime);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Cache-Control', 'private, no-store');
      ctx.body = file.content;
    },
    async results(ctx: HttpContext) {
      const id = idOf(ctx);
      ctx.body = await reads().adminResults(id, parseInput(resultsQuery, ctx.query));
    },
    async texts(ctx: HttpContext) {
      const id = idOf(ctx);
      const { question, page, pageSize } = parseInput(textsQuery, ctx.query);
      ctx.body = await reads().texts(id, question, page, pageSize);
    },
    async charts(ctx: HttpContext) {
      const id = idOf(ctx);
      await questionnaires().publishCharts(id, parseInput(chartsBody, ctx.request.body ?? {}).questions);
      ctx.body = await reads().adminDetail(id);
    },
    async exportResponses(ctx: HttpContext) {
      const id = idOf(ctx);
      const { format } = parseInput(questionnaireExportQuery, ctx.query);
      const actor = adminActor(ctx);
      const file = await questionnaires().exportResponses(id, format, { id: actor.id, name: actor.name });
      ctx.set('Content-Type', file.contentType);
      ctx.set('Content-Disposition', `attachment; filename="${file.filename}"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = file.stream;
    },
    async tableSchema(ctx: HttpContext) {
      ctx.body = await questionnaires().tableSchema(idOf(ctx));
    },
  };
};
