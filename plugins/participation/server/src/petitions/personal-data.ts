import type { PersonalData } from '../platform/personal-data';
import { getService } from '../platform/services';

/** The petitions a citizen filed and their signatures (with the declared identity, never public). */
export const petitionsPersonalData: PersonalData = {
  holds: [
    { uid: 'plugin::participation.petition', attribute: 'authorId' },
    { uid: 'plugin::participation.petition-signature', attribute: 'userId' },
  ],
  exportOf: (strapi, userId) => getService(strapi, 'petitions').exportOf(userId),
  erase: async (strapi, trx, userId) => {
    await getService(strapi, 'petitions').eraseCitizen(trx, userId);
  },
};
