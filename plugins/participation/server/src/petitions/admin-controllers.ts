import type { Core } from '@strapi/strapi';
import {
  adminPetitionsQuery,
  groupingImportBody,
  paperPetitionBody,
  paperSignatureBody,
  petitionAnswerBody,
  petitionDecisionBody,
  schemeBody,
  signatureParams,
  verificationBody,
} from '../contract/inputs';
import { documentIdParams } from '../contract/base-inputs';
import { adminActor, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import type { ThresholdStage } from './domain/rules';

/** The agents' petition screens: schemes, admissibility and appeals, paper entry and checks, answers, signature export, groupings. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const petitions = () => getService(strapi, 'petitions');
  const actorOf = (ctx: HttpContext) => {
    const actor = adminActor(ctx);
    return { id: actor.id, name: actor.name };
  };
  return {
    async list(ctx: HttpContext) {
      ctx.body = await petitions().adminList(parseInput(adminPetitionsQuery, ctx.query));
    },
    async detail(ctx: HttpContext) {
      ctx.body = await petitions().adminDetail(parseInput(documentIdParams, ctx.params).documentId);
    },
    async decide(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      const body = parseInput(petitionDecisionBody, ctx.request.body ?? {});
      await petitions().decide(id, { decision: body.decision, reason: body.reason || undefined, forwardedTo: body.forwardedTo || undefined }, actorOf(ctx));
      ctx.body = await petitions().adminDetail(id);
    },
    async answer(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      const { text } = parseInput(petitionAnswerBody, ctx.request.body ?? {});
      await petitions().answer(id, text, actorOf(ctx));
      ctx.body = await petitions().adminDetail(id);
    },
    async enterPetition(ctx: HttpContext) {
      const petition = await petitions().enterPaperPetition(parseInput(paperPetitionBody, ctx.request.body ?? {}), actorOf(ctx));
      ctx.status = 201;
      ctx.body = await petitions().adminDetail(petition.documentId);
    },
    async enterSignature(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      await petitions().enterPaperSignature(id, parseInput(paperSignatureBody, ctx.request.body ?? {}), actorOf(ctx));
      ctx.status = 201;
      ctx.body = await petitions().adminDetail(id);
    },
    async verifySignature(ctx: HttpContext) {
      const { documentId: id, signatureId } = parseInput(signatureParams, ctx.params);
      await petitions().verifyPaperSignature(id, signatureId, parseInput(verificationBody, ctx.request.body ?? {}), actorOf(ctx));
      ctx.body = await petitions().adminDetail(id);
    },
    async exportSignatures(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      const { csv, filename } = await petitions().exportSignatures(id, actorOf(ctx));
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = csv;
    },
    async schemes(ctx: HttpContext) {
      ctx.body = await petitions().adminSchemes();
    },
    async createScheme(ctx: HttpContext) {
      const body = parseInput(schemeBody, ctx.request.body ?? {});
      ctx.status = 201;
      ctx.body = await petitions().saveScheme(null, { ...body, stages: body.stages as ThresholdStage[] });
    },
    async updateScheme(ctx: HttpContext) {
      const { documentId: id } = parseInput(documentIdParams, ctx.params);
      const body = parseInput(schemeBody, ctx.request.body ?? {});
      ctx.body = await petitions().saveScheme(id, { ...body, stages: body.stages as ThresholdStage[] });
    },
    async groupings(ctx: HttpContext) {
      ctx.body = { data: await getService(strapi, 'groupings').list() };
    },
    async importGrouping(ctx: HttpContext) {
      ctx.body = { data: await getService(strapi, 'groupings').importCsv(parseInput(groupingImportBody, ctx.request.body ?? {})) };
    },
  };
};
