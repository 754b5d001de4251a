import type { Core } from '@strapi/strapi';
import { noQuery, slugParams } from '../contract/base-inputs';
import { citizenOf, signedInCitizen, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import { withOneUpload } from '../platform/file-kinds';
import { fileFields, myResponseBody, questionnairesQuery, responseBody } from './inputs';

/** Public questionnaire routes: parse with the contract, call one command or query, answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const questionnaires = () => getService(strapi, 'questionnaires');
  const reads = () => getService(strapi, 'questionnaire-reads');
  return {
    async find(ctx: HttpContext) {
      ctx.body = await reads().list(parseInput(questionnairesQuery, ctx.query));
    },
    async findOne(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await reads().detail(slug, citizenOf(ctx));
    },
    async submit(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const { answers } = parseInput(responseBody, ctx.request.body);
      ctx.body = await questionnaires().submit(slug, citizenOf(ctx), answers, ctx.request.ip);
      ctx.status = 201;
    },
    async sendFile(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      ctx.body = await withOneUpload(ctx.request, (file) =>
        questionnaires().sendFile(slug, citizenOf(ctx), parseInput(fileFields, ctx.request.body ?? {}).question, file)
      );
      ctx.status = 201;
    },
    async mine(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await questionnaires().mine(slug, signedInCitizen(ctx));
    },
    async saveMine(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      const { answers, submit } = parseInput(myResponseBody, ctx.request.body);
      ctx.body = await questionnaires().saveMine(slug, signedInCitizen(ctx), answers, submit);
    },
    async results(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await reads().publicResults(slug);
    },
    async openData(ctx: HttpContext) {
      const { slug } = parseInput(slugParams, ctx.params);
      parseInput(noQuery, ctx.query);
      ctx.body = await reads().openDataCsv(slug);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="questionnaire-${slug}.csv"`);
    },
  };
};
