import { capability } from '../platform/capability';
import { contributionsRoutes } from './contract';
import contributionsControllers from './controllers';
import counters from './repository/counters';
import { contributionsPersonalData } from './personal-data';
import contributions from './service';

/** Contributions, supports, counters. */
export default capability({
  routes: contributionsRoutes,
  controllers: { contributions: contributionsControllers },
  services: { contributions, counters },
  personalData: { contributions: contributionsPersonalData },
});
