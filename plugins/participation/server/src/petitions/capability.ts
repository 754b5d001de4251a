import { capability } from '../platform/capability';
import adminPetitions from './admin-controllers';
import { petitionsAdminRoutes, petitionsRoutes } from './contract';
import petitionsControllers from './controllers';
import { petitionsPersonalData } from './personal-data';
import petitionReads from './queries';
import petitions from './service';

/** Petitions and interpellation: schemes, admissibility, signatures, stages, answers. */
export default capability({
  routes: petitionsRoutes,
  adminRoutes: petitionsAdminRoutes,
  controllers: { petitions: petitionsControllers, 'admin-petitions': adminPetitions },
  services: { petitions, 'petition-reads': petitionReads },
  personalData: { petitions: petitionsPersonalData },
});
