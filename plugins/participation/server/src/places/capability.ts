import { capability } from '../platform/capability';
import { placesRoutes } from './contract';
import placesControllers from './controllers';
import places from './queries';

/** « Près de chez moi » : what concerns a place. */
export default capability({ routes: placesRoutes, controllers: { places: placesControllers }, services: { places } });
