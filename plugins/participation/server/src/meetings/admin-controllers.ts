import type { Core } from '@strapi/strapi';
import { documentIdParams } from '../contract/base-inputs';
import { adminActor, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';
import {
  adminMeetingsQuery,
  cancelMeetingBody,
  checkInBody,
  invitationBody,
  meetingBody,
  meetingContributionsQuery,
  minutesProposalBody,
  registrantsExportQuery,
  remarkModerationBody,
  remarkParams,
  reportBody,
  roomContributionBody,
} from './inputs';

/** The agents' meeting screens: the list, the form, cancellation, registrants, invitations, check-in at the door. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const meetings = () => getService(strapi, 'meetings');
  const reads = () => getService(strapi, 'meeting-reads');
  const idOf = (ctx: HttpContext) => parseInput(documentIdParams, ctx.params).documentId;
  return {
    async list(ctx: HttpContext) {
      ctx.body = await reads().adminList(parseInput(adminMeetingsQuery, ctx.query));
    },
    async detail(ctx: HttpContext) {
      ctx.body = await reads().adminDetail(idOf(ctx));
    },
    async create(ctx: HttpContext) {
      const documentId = await meetings().save(null, parseInput(meetingBody, ctx.request.body ?? {}));
      ctx.status = 201;
      ctx.body = await reads().adminDetail(documentId);
    },
    async update(ctx: HttpContext) {
      const id = idOf(ctx);
      await meetings().save(id, parseInput(meetingBody, ctx.request.body ?? {}));
      ctx.body = await reads().adminDetail(id);
    },
    async copy(ctx: HttpContext) {
      const copied = await meetings().copy(idOf(ctx));
      ctx.status = 201;
      ctx.body = await reads().adminDetail(copied);
    },
    async cancel(ctx: HttpContext) {
      const id = idOf(ctx);
      await meetings().cancelMeeting(id, parseInput(cancelMeetingBody, ctx.request.body ?? {}));
      ctx.body = await reads().adminDetail(id);
    },
    async report(ctx: HttpContext) {
      const id = idOf(ctx);
      await meetings().saveReport(id, parseInput(reportBody, ctx.request.body ?? {}));
      ctx.body = await reads().adminDetail(id);
    },
    async proposeMinutes(ctx: HttpContext) {
      const id = idOf(ctx);
      await meetings().proposeMinutes(id, parseInput(minutesProposalBody, ctx.request.body ?? {}).days);
      ctx.body = await reads().adminDetail(id);
    },
    async remarks(ctx: HttpContext) {
      ctx.body = await reads().remarks(idOf(ctx));
    },
    async moderateRemark(ctx: HttpContext) {
      const { documentId, remarkId } = parseInput(remarkParams, ctx.params);
      await meetings().moderateRemark(documentId, remarkId, parseInput(remarkModerationBody, ctx.request.body ?? {}));
      ctx.status = 204;
    },
    async contributions(ctx: HttpContext) {
      ctx.body = await reads().contributions({ documentId: idOf(ctx) }, parseInput(meetingContributionsQuery, ctx.query), true);
    },
    async enterContribution(ctx: HttpContext) {
      const id = idOf(ctx);
      ctx.body = await meetings().enterContribution(id, adminActor(ctx), parseInput(roomContributionBody, ctx.request.body ?? {}));
      ctx.status = 201;
    },
    async registrants(ctx: HttpContext) {
      ctx.body = await reads().registrants(idOf(ctx));
    },
    async exportRegistrants(ctx: HttpContext) {
      const id = idOf(ctx);
      const { format } = parseInput(registrantsExportQuery, ctx.query);
      const actor = adminActor(ctx);
      const file = await meetings().exportRegistrants(id, format, { id: actor.id, name: actor.name });
      ctx.set('Content-Type', file.contentType);
      ctx.set('Content-Disposition', `attachment; filename="${file.filename}"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = file.stream;
    },
    async invite(ctx: HttpContext) {
      const id = idOf(ctx);
      const { code } = await meetings().invite(id, parseInput(invitationBody, ctx.request.body ?? {}));
      ctx.status = 201;
      ctx.body = { data: { code } };
    },
    async checkIn(ctx: HttpContext) {
      const id = idOf(ctx);
      const { code, at } = parseInput(checkInBody, ctx.request.body ?? {});
      ctx.body = { data: await meetings().checkIn(id, code, adminActor(ctx), at) };
    },
  };
};
