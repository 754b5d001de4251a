import { capability } from '../platform/capability';
import proceduresAdminControllers from './admin-controllers';
import procedureSheets from './admin-queries';
import registerAnnexes from './annexes';
import { proceduresAdminRoutes, proceduresRoutes } from './contract';
import proceduresControllers from './controllers';
import registers from './queries';
import procedureReminders from './reminders';

/**
 * The legal procedures a consultation may run (concertation préalable, participation du public par voie électronique,
 * enquête publique…): their rules and calendar (domain/rules.ts, read by consultations), the numbered,
 * tamper-evident register of observations, and the overseer's report and the owner's response.
 */
export default capability({
  routes: proceduresRoutes,
  adminRoutes: proceduresAdminRoutes,
  controllers: { procedures: proceduresControllers, 'admin-procedures': proceduresAdminControllers },
  services: { registers, 'procedure-sheets': procedureSheets, 'procedure-reminders': procedureReminders, 'register-annexes': registerAnnexes },
});
