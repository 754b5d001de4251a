import { capability } from '../platform/capability';
import { followsRoutes } from './contract';
import followsControllers from './controllers';
import { followsPersonalData } from './personal-data';
import follows from './service';

/** Following a consultation or a contribution; who to tell when it changes. */
export default capability({
  routes: followsRoutes,
  controllers: { follows: followsControllers },
  services: { follows },
  personalData: { follows: followsPersonalData },
});
