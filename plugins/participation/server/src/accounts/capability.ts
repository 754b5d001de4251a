import { capability } from '../platform/capability';
import citizen from './citizen';
import { accountsRoutes } from './contract';
import accountControllers from './controllers';
import { accountsPersonalData } from './personal-data';
import account from './service';

/** Citizen accounts: identity, sessions, export and erasure of a person's data. */
export default capability({
  routes: accountsRoutes,
  controllers: { account: accountControllers },
  services: { citizen, account },
  personalData: { account: accountsPersonalData },
});
