import { ADMIN_ROUTES } from '../contract/routes';
import { responseCheckEnabled } from '../platform/middlewares/response-check';
import { staffSession, staffSessionRefused } from '../platform/staff-session';

/**
 * Admin panel routes (prefix /participation), generated from the admin route registry (contract/routes.ts); each
 * checks its plugin permission, whatever the UI shows. An admin session is checked by the plugin's own strategy
 * (platform/staff-session.ts: Strapi's checks in one statement), an admin API token by Strapi's; refusals are
 * French (401 `staff_session_required`, 403 `permission_required`).
 */
export default {
  type: 'admin' as const,
  routes: ADMIN_ROUTES.map((route) => ({
    method: route.method,
    path: route.path,
    handler: route.handler,
    config: {
      auth: { scope: [route.permission], strategies: [staffSession, 'admin-token', staffSessionRefused] },
      policies: [{ name: 'plugin::participation.staff-can', config: { action: route.permission } }],
      middlewares: [
        'plugin::participation.errors',
        ...(responseCheckEnabled() ? [{ name: 'plugin::participation.response-check', config: { api: 'admin', method: route.method, path: route.path } }] : []),
      ],
    },
  })),
};
