import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Citizen } from '../platform/citizen';
import { markNotificationsRead, savePreferences, unsubscribe } from './commands/preferences';
import { notificationWriters } from './commands/notify';
import type { Frequency, NotificationKind } from './domain/rules';
import { notificationDispatcher } from './dispatcher';
import { notificationReads } from './queries';
import { notificationsRepository } from './repository';

export { NOTIFICATION_MAIL_EVENT } from './dispatcher';

/**
 * Notifications, as the other capabilities and the controllers call them: a façade. A change calls one of the `on…`
 * writers (commands/notify.ts) in its own transaction; the dispatcher (dispatcher.ts) mails what is due, once, whatever
 * the number of instances; citizens read (queries.ts) and set (commands/preferences.ts) what they receive.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const dispatcher = notificationDispatcher(strapi);
  const reads = notificationReads(strapi);
  return {
    dispatch: dispatcher.dispatch,
    start: dispatcher.start,
    stop: dispatcher.stop,

    ...notificationWriters(strapi, dispatcher),

    myNotifications: reads.myNotifications,
    preferences: reads.preferences,
    describeUnsubscribe: reads.describeUnsubscribe,
    exportOf: reads.exportOf,
    markNotificationsRead: (citizen: Citizen, documentIds: string[] | null) => markNotificationsRead(strapi, citizen, documentIds),
    async savePreferences(citizen: Citizen, frequencies: Partial<Record<NotificationKind, Frequency>>) {
      await savePreferences(strapi, citizen, frequencies);
      return reads.preferences(citizen);
    },
    unsubscribe: (token: string) => unsubscribe(strapi, token),
    eraseCitizen: (trx: Knex.Transaction, userId: number) => notificationsRepository(strapi).eraseCitizen(trx, userId),
  };
};
