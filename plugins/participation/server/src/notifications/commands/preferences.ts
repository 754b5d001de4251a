import type { Core } from '@strapi/strapi';
import { citizenMailbox, type Citizen } from '../../platform/citizen';
import { transaction } from '../../platform/database/transaction';
import { validationFailed } from '../../platform/errors';
import { getService } from '../../platform/services';
import { describeScope, NOTIFICATION_KINDS, type Frequency, type NotificationKind } from '../domain/rules';
import { unsubscribeLinks } from '../links';
import { notificationsRepository } from '../repository';

/** POST /me/notifications/read — marks the notifications named (or all) read; answers the unread count. */
export async function markNotificationsRead(strapi: Core.Strapi, citizen: Citizen, documentIds: string[] | null) {
  const repository = notificationsRepository(strapi);
  await repository.markRead(citizen.id, documentIds, new Date());
  return { data: { unread: (await repository.inboxCounts(citizen.id)).unread } };
}

/** PUT /me/notification-preferences — a frequency per kind (the others keep theirs). */
export async function savePreferences(strapi: Core.Strapi, citizen: Citizen, frequencies: Partial<Record<NotificationKind, Frequency>>) {
  await notificationsRepository(strapi).setPreferences(citizen.id, frequencies);
}

/** RFC 8058 one-click: the signed token says who and what; repeating it changes nothing more. */
export async function unsubscribe(strapi: Core.Strapi, token: string) {
  const read = unsubscribeLinks(strapi).read(token);
  if (!read) throw validationFailed([{ path: ['token'], message: 'Lien de désabonnement invalide ou incomplet.' }]);
  const { userId, scope } = read;
  const repository = notificationsRepository(strapi);
  await transaction(strapi, async (trx) => {
    if (!(await citizenMailbox(strapi, trx, userId))) return; // An erased account has nothing left to stop.
    if ('follow' in scope) await getService(strapi, 'follows').unfollow(trx, userId, scope.follow.type, scope.follow.documentId);
    else {
      const kinds = 'all' in scope ? NOTIFICATION_KINDS.map((k) => k.kind) : [scope.kind];
      await repository.setPreferences(userId, Object.fromEntries(kinds.map((k) => [k, 'off'])), trx);
      await repository.deletePending(trx, userId, kinds);
    }
  });
  return { data: { unsubscribed: true as const, scope, description: describeScope(scope) } };
}
