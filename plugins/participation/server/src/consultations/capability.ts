import { capability } from '../platform/capability';
import adminLifecycle from './admin-controllers';
import consultationSync from './commands/sync';
import lifecycle from './commands/transition';
import { consultationsAdminRoutes, consultationsRoutes } from './contract';
import consultations from './controllers';
import dashboard from './dashboard';
import consultationReads from './queries';
import consultationSnapshots from './snapshots';

/** Consultations: lifecycle, texts per stage, public snapshots, the agents' dashboard. */
export default capability({
  routes: consultationsRoutes,
  adminRoutes: consultationsAdminRoutes,
  controllers: { consultations, 'admin-lifecycle': adminLifecycle },
  services: {
    lifecycle,
    'consultation-sync': consultationSync,
    'consultation-snapshots': consultationSnapshots,
    'consultation-reads': consultationReads,
    dashboard,
  },
});
