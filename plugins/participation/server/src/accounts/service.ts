import type { Core } from '@strapi/strapi';
import type { Citizen } from './citizen';
import { eraseAccount } from './commands/erase';
import { signOutEverywhere } from './commands/sign-out';
import queries from './queries';

/** A citizen's rights over their data and sessions: export everything, sign out everywhere, erase the account. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  ...queries({ strapi }),
  signOutEverywhere: (citizen: Citizen) => signOutEverywhere(strapi, citizen),
  erase: (citizen: Citizen, password: string) => eraseAccount(strapi, citizen, password),
});
