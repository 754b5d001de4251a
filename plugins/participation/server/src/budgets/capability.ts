import { capability } from '../platform/capability';
import adminBudgets from './admin-controllers';
import { budgetsAdminRoutes, budgetsRoutes } from './contract';
import budgetsControllers from './controllers';
import { budgetsPersonalData } from './personal-data';
import budgetReads from './queries';
import budgets from './service';

/** Participatory budgets: rules, projects, ballots, results, follow-up. */
export default capability({
  routes: budgetsRoutes,
  adminRoutes: budgetsAdminRoutes,
  controllers: { budgets: budgetsControllers, 'admin-budgets': adminBudgets },
  services: { budgets, 'budget-reads': budgetReads },
  personalData: { budgets: budgetsPersonalData },
});
