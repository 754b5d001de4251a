import { capability } from '../platform/capability';
import { openDataRoutes } from './contract';
import openDataControllers from './controllers';
import openDataDumps from './dumps';
import openData from './queries';

/** Open data: streamed CSV and JSON, Data Package, daily archives. */
export default capability({
  routes: openDataRoutes,
  controllers: { 'open-data': openDataControllers },
  services: { 'open-data': openData, 'open-data-dumps': openDataDumps },
});
