import { capability } from '../platform/capability';
import { exportsAdminRoutes } from './contract';
import adminExports from './controllers';
import exportsService from './service';

/** The agents' exports (CSV, XLSX) and their log. */
export default capability({ adminRoutes: exportsAdminRoutes, controllers: { 'admin-exports': adminExports }, services: { exports: exportsService } });
