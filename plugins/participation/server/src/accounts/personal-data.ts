import type { PersonalData } from '../platform/personal-data';
import { toDate } from '../platform/database/rows';
import { sessionsRepository } from './repository';

/** The account itself, and its sessions: exported first, erased last (the user row goes, so every token stops working). */
export const accountsPersonalData: PersonalData = {
  holds: [{ uid: 'plugin::participation.account-session', attribute: 'userId' }],
  async exportOf(strapi, userId) {
    const user = await strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { id: userId }, select: ['username', 'email', 'createdAt', 'confirmed'] });
    return { account: { username: user.username, email: user.email, createdAt: toDate(user.createdAt)?.toISOString() ?? null, confirmed: !!user.confirmed } };
  },
  async erase(strapi, trx, userId) {
    await strapi.db.query('plugin::users-permissions.user').delete({ where: { id: userId } });
    await sessionsRepository(strapi).revokeAll(userId, new Date(), trx);
  },
};
