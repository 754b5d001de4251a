import bootstrap from './bootstrap';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import destroy from './destroy';
import accountGuard from './accounts/guard';
import platformMiddlewares from './platform/middlewares';
import { staffCan } from './platform/staff-session';
import register from './register';
import routes from './routes';
import services from './services';

/** Middlewares: the platform's, and the account guard that the accounts capability brings. */
const middlewares = { ...platformMiddlewares, 'account-guard': accountGuard };

export default { register, bootstrap, destroy, config, contentTypes, controllers, routes, services, middlewares, policies: { 'staff-can': staffCan } };
