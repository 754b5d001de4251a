import type { PersonalData } from '../platform/personal-data';
import { eraseUser } from './commands/register';
import { meetingsRepository } from './repository';

/** A citizen's meeting registrations (with their codes) and remarks on minutes; invitations entered by staff are nobody's account. */
export const meetingsPersonalData: PersonalData = {
  holds: [
    { uid: 'plugin::participation.meeting-registration', attribute: 'userId' },
    { uid: 'plugin::participation.meeting-remark', attribute: 'userId' },
  ],
  async exportOf(strapi, userId) {
    const repo = meetingsRepository(strapi);
    return { meetingRegistrations: await repo.registrationsOfUser(userId), meetingRemarks: await repo.remarksOfUser(userId) };
  },
  // Each place the account held goes to the first person waiting; the rows stay, anonymous, for the meeting's counts.
  // Remarks on minutes not yet published are withdrawn; published ones stay, without a name, as they were published.
  async erase(strapi, trx, userId) {
    await eraseUser(strapi, trx as never, userId);
    await meetingsRepository(strapi).eraseRemarks(trx as never, userId);
  },
};
