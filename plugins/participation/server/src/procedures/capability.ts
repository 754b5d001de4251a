import { capability } from '../platform/capability';
import { proceduresRoutes } from './contract';
import proceduresControllers from './controllers';
import registers from './queries';

/**
 * The legal procedures a consultation may run (concertation préalable, participation du public par voie électronique,
 * enquête publique…): their rules and calendar (domain/rules.ts, read by consultations), and the numbered,
 * tamper-evident register of observations.
 */
export default capability({
  routes: proceduresRoutes,
  controllers: { procedures: proceduresControllers },
  services: { registers },
});
