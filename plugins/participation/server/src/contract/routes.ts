import type { ErrorCode } from '../platform/errors';
import { territoriesRoutes } from '../territories/contract';
import { placesRoutes } from '../places/contract';
import { consultationsRoutes } from '../consultations/contract';
import { contributionsRoutes } from '../contributions/contract';
import { openDataRoutes } from '../open-data/contract';
import { accountsRoutes } from '../accounts/contract';
import { followsRoutes } from '../follows/contract';
import { notificationsRoutes } from '../notifications/contract';
import { petitionsRoutes } from '../petitions/contract';
import { budgetsRoutes } from '../budgets/contract';
import { feedsRoutes } from '../feeds/contract';
import { contractRoutes } from './own-routes';
import { consultationsAdminRoutes } from '../consultations/contract';
import { moderationAdminRoutes } from '../moderation/contract';
import { exportsAdminRoutes } from '../exports/contract';
import { petitionsAdminRoutes } from '../petitions/contract';
import { budgetsAdminRoutes } from '../budgets/contract';
import { outboxAdminRoutes } from '../platform/outbox/contract';
import type { AdminRoute, PublicRoute } from '../platform/route';

export type { AdminRoute, PublicRoute } from '../platform/route';

/**
 * The public API: each capability declares its routes in its own contract.ts; this list assembles them, in the order
 * the OpenAPI document shows them. Strapi's routes (routes/content-api.ts) and the OpenAPI document (contract/openapi.ts)
 * are both generated from it, so they cannot drift apart.
 */
export const PUBLIC_ROUTES: PublicRoute[] = [
  ...territoriesRoutes,
  ...placesRoutes,
  ...consultationsRoutes,
  ...contributionsRoutes,
  ...openDataRoutes,
  ...accountsRoutes,
  ...followsRoutes,
  ...notificationsRoutes,
  ...petitionsRoutes,
  ...budgetsRoutes,
  ...feedsRoutes,
  ...contractRoutes,
];

/**
 * The admin API (prefix /participation, admin JWT), assembled the same way: Strapi's admin routes (routes/admin.ts)
 * and the admin OpenAPI document, from which the admin panel's types are generated, both come from it.
 */
export const ADMIN_ROUTES: AdminRoute[] = [
  ...consultationsAdminRoutes,
  ...moderationAdminRoutes,
  ...exportsAdminRoutes,
  ...petitionsAdminRoutes,
  ...budgetsAdminRoutes,
  ...outboxAdminRoutes,
];

/** Error codes any route may answer. */
export const COMMON_ERRORS: ErrorCode[] = ['validation_failed', 'rate_limited', 'payload_too_large', 'unsupported_media_type'];

/** What a route may answer: its own codes, the common ones, and those its sign-in requirement adds (enforced by the `citizen` middleware). */
export function routeErrors(route: PublicRoute): ErrorCode[] {
  const common = COMMON_ERRORS.filter((c) => c === 'validation_failed' || route.method !== 'GET');
  const identity: ErrorCode[] =
    route.auth === 'required' ? ['authentication_required'] : route.auth === 'optional' || route.method !== 'GET' ? ['invalid_token'] : [];
  return [...new Set([...route.errors, ...identity, ...common])];
}

/** What an admin route may answer: its own codes, the staff session's and the permission's, and those of any input. */
export function adminRouteErrors(route: AdminRoute): ErrorCode[] {
  const common = COMMON_ERRORS.filter((c) => c === 'validation_failed' || (route.method !== 'GET' && c !== 'rate_limited'));
  return [...new Set<ErrorCode>([...route.errors, 'staff_session_required', 'permission_required', ...common])];
}
