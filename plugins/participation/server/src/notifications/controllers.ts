import type { Core } from '@strapi/strapi';
import { noQuery, notificationPreferencesBody, notificationsReadBody, pageQuery, unsubscribeQuery } from '../contract/inputs';
import { signedInCitizen, type HttpContext } from '../platform/http';
import { getService } from '../platform/services';
import { parseInput } from '../platform/validation';

/** The notification centre, preferences and unsubscribe: parse with the contract, call the service, answer. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const notifications = () => getService(strapi, 'notifications');
  return {
    async notifications(ctx: HttpContext) {
      const { page, pageSize } = parseInput(pageQuery, ctx.query);
      ctx.body = await notifications().myNotifications(signedInCitizen(ctx), page, pageSize);
    },
    async markNotificationsRead(ctx: HttpContext) {
      parseInput(noQuery, ctx.query);
      const { documentIds } = parseInput(notificationsReadBody, ctx.request.body ?? {});
      ctx.body = await notifications().markNotificationsRead(signedInCitizen(ctx), documentIds ?? null);
    },
    async preferences(ctx: HttpContext) {
      parseInput(noQuery, ctx.query);
      ctx.body = await notifications().preferences(signedInCitizen(ctx));
    },
    async savePreferences(ctx: HttpContext) {
      const { frequencies } = parseInput(notificationPreferencesBody, ctx.request.body);
      ctx.body = await notifications().savePreferences(signedInCitizen(ctx), frequencies);
    },
    async describeUnsubscribe(ctx: HttpContext) {
      ctx.body = notifications().describeUnsubscribe(parseInput(unsubscribeQuery, ctx.query).token);
    },
    async unsubscribe(ctx: HttpContext) {
      ctx.body = await notifications().unsubscribe(parseInput(unsubscribeQuery, ctx.query).token);
    },
  };
};
