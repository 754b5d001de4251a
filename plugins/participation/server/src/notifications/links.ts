import { createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { serverUrl, siteUrl } from '../platform/links';
import { readUnsubscribeToken, unsubscribeToken, type UnsubscribeScope } from './domain/rules';

/**
 * The signed unsubscribe links of a mail: one-click (RFC 8058, for the mail client) and the page that asks to confirm
 * (a link followed by a mail scanner changes nothing). The key derives from the app's keys: every instance agrees.
 */
export function unsubscribeLinks(strapi: Core.Strapi) {
  const secret = () =>
    createHmac('sha256', ((strapi.config.get('server.app.keys') as string[] | undefined) ?? [])[0] ?? 'participer')
      .update('participer:unsubscribe')
      .digest('hex');
  const tokenFor = (userId: number, scope: UnsubscribeScope) => unsubscribeToken(secret(), userId, scope);
  return {
    oneClickUrl: (userId: number, scope: UnsubscribeScope) =>
      `${serverUrl(strapi)}/api/participation/notifications/unsubscribe?token=${tokenFor(userId, scope)}`,
    confirmPageUrl: (userId: number, scope: UnsubscribeScope) => `${siteUrl(strapi)}#/desabonnement?jeton=${tokenFor(userId, scope)}`,
    /** Who and what a token names, or null when it is not one of ours. */
    read: (token: string) => readUnsubscribeToken(secret(), token),
  };
}
