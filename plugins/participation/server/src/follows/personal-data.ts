import type { PersonalData } from '../platform/personal-data';
import { FOLLOW, followsRepository } from './repository';

/** What a citizen follows, active or not, and since when. */
export const followsPersonalData: PersonalData = {
  holds: [{ uid: FOLLOW, attribute: 'userId' }],
  exportOf: async (strapi, userId) => ({ follows: await followsRepository(strapi).allOf(userId) }),
  erase: (strapi, trx, userId) => followsRepository(strapi).erase(trx, userId),
};
