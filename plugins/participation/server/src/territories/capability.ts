import { capability } from '../platform/capability';
import { territoriesRoutes } from './contract';
import taxonomyControllers from './controllers';
import groupings from './groupings';
import territoryLoader from './loader';
import taxonomy from './queries';

/** Département, EPCI, communes, themes, and imported groupings of communes (cantons…). */
export default capability({
  routes: territoriesRoutes,
  controllers: { taxonomy: taxonomyControllers },
  services: { taxonomy, 'territory-loader': territoryLoader, groupings },
});
