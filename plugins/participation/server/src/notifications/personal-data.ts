import type { PersonalData } from '../platform/personal-data';
import { getService } from '../platform/services';

/** A citizen's notification preferences and the notifications they received. */
export const notificationsPersonalData: PersonalData = {
  holds: [
    { uid: 'plugin::participation.notification', attribute: 'userId' },
    { uid: 'plugin::participation.notification-preference', attribute: 'userId' },
  ],
  exportOf: (strapi, userId) => getService(strapi, 'notifications').exportOf(userId),
  erase: async (strapi, trx, userId) => {
    await getService(strapi, 'notifications').eraseCitizen(trx, userId);
  },
};
