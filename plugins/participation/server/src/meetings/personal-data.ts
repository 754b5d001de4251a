import type { PersonalData } from '../platform/personal-data';
import { eraseUser } from './commands/register';
import { meetingsRepository } from './repository';

/** A citizen's meeting registrations (with their codes); invitations entered by staff are nobody's account. */
export const meetingsPersonalData: PersonalData = {
  holds: [{ uid: 'plugin::participation.meeting-registration', attribute: 'userId' }],
  async exportOf(strapi, userId) {
    return { meetingRegistrations: await meetingsRepository(strapi).registrationsOfUser(userId) };
  },
  // Each place the account held goes to the first person waiting; the rows stay, anonymous, for the meeting's counts.
  erase: (strapi, trx, userId) => eraseUser(strapi, trx as never, userId),
};
