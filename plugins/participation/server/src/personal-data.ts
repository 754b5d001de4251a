import { accountsPersonalData } from './accounts/personal-data';
import { budgetsPersonalData } from './budgets/personal-data';
import { commentsPersonalData } from './comments/personal-data';
import { contributionsPersonalData } from './contributions/personal-data';
import { moderationPersonalData } from './moderation/personal-data';
import { followsPersonalData } from './follows/personal-data';
import { notificationsPersonalData } from './notifications/personal-data';
import { petitionsPersonalData } from './petitions/personal-data';
import type { PersonalData } from './platform/personal-data';

/**
 * Every capability that holds a citizen's data, as it declares it (platform/personal-data.ts). `GET /me/export`
 * gathers each one's part, in this order; `DELETE /me` erases each one's rows in one transaction, in this order —
 * the account last. A new capability that stores a citizen's id adds its declaration here; a test fails until it does.
 */
export const PERSONAL_DATA: Record<string, PersonalData> = {
  account: accountsPersonalData,
  contributions: contributionsPersonalData,
  comments: commentsPersonalData,
  moderation: moderationPersonalData,
  follows: followsPersonalData,
  notifications: notificationsPersonalData,
  petitions: petitionsPersonalData,
  budgets: budgetsPersonalData,
};

/** The order of erasure: every capability's rows, then the account. */
export const ERASURE_ORDER = [...Object.keys(PERSONAL_DATA).filter((k) => k !== 'account'), 'account'];
