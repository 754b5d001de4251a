import type { PersonalData } from '../platform/personal-data';
import { getService } from '../platform/services';

/** The projects a citizen filed and their ballots (with the eligibility declaration, never public). */
export const budgetsPersonalData: PersonalData = {
  holds: [
    { uid: 'plugin::participation.budget-project', attribute: 'authorId' },
    { uid: 'plugin::participation.budget-ballot', attribute: 'userId' },
  ],
  exportOf: (strapi, userId) => getService(strapi, 'budget-reads').exportOf(userId),
  erase: async (strapi, trx, userId) => {
    await getService(strapi, 'budgets').eraseCitizen(trx, userId);
  },
};
