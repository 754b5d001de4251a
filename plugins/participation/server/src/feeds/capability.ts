import { capability } from '../platform/capability';
import { feedsRoutes } from './contract';
import feedsControllers from './controllers';
import feeds from './queries';

/** RSS, Atom and iCalendar feeds. */
export default capability({ routes: feedsRoutes, controllers: { feeds: feedsControllers }, services: { feeds } });
