import type { Core } from '@strapi/strapi';
import type { Citizen } from '../platform/citizen';
import { validationFailed } from '../platform/errors';
import { paginationMeta } from '../platform/validation';
import { describeScope, NOTIFICATION_KINDS, preferencesOf, type NotificationKind } from './domain/rules';
import { unsubscribeLinks } from './links';
import { notificationsRepository } from './repository';

/** What a citizen reads of their notifications: the centre, their preferences, what an unsubscribe link would do. */
export function notificationReads(strapi: Core.Strapi) {
  const repository = () => notificationsRepository(strapi);

  async function preferences(citizen: Citizen) {
    const chosen = preferencesOf(await repository().preferencesOf(citizen.id));
    return {
      data: {
        frequencies: chosen,
        kinds: NOTIFICATION_KINDS.map((k) => ({ kind: k.kind, label: k.label, frequency: chosen[k.kind], defaultFrequency: k.defaultFrequency })),
      },
    };
  }

  return {
    preferences,

    /** GET /me/notifications — the notification centre: what the mails said, newest first, and how many are unread. */
    async myNotifications(citizen: Citizen, page: number, pageSize: number) {
      const rows = await repository().inbox(citizen.id, page, pageSize);
      // Past the last page the window counts have no row to ride on: counted apart (rare).
      const { total, unread } = rows.length
        ? { total: Number(rows[0].total), unread: Number(rows[0].unread ?? 0) }
        : await repository().inboxCounts(citizen.id);
      return {
        data: rows.map((r) => ({
          documentId: String(r.documentId),
          kind: r.kind as NotificationKind,
          subject: String(r.subject),
          body: String(r.body ?? ''),
          link: (r.link as string | null) ?? null,
          createdAt: new Date(r.createdAt as string).toISOString(),
          read: r.readAt !== null && r.readAt !== undefined,
        })),
        meta: { pagination: paginationMeta(page, pageSize, total), unread },
      };
    },

    /** What a link would do, for the page that asks to confirm it (a link visited by a mail scanner changes nothing). */
    describeUnsubscribe(token: string) {
      const read = unsubscribeLinks(strapi).read(token);
      if (!read) throw validationFailed([{ path: ['token'], message: 'Lien de désabonnement invalide ou incomplet.' }]);
      return { data: { scope: read.scope, description: describeScope(read.scope) } };
    },

    /** Part of the citizen's data export. */
    async exportOf(userId: number) {
      return { notificationPreferences: preferencesOf(await repository().preferencesOf(userId)) };
    },
  };
}
