import type { ErrorCode } from '../platform/errors';
import { CAPABILITIES } from '../capabilities';
import { contractRoutes } from './own-routes';
import type { AdminRoute, PublicRoute } from '../platform/route';

export type { AdminRoute, PublicRoute } from '../platform/route';

/**
 * The public API: each capability declares its routes in its own contract.ts and brings them in its capability.ts;
 * this list assembles them in the registry's order (capabilities.ts), the order the OpenAPI document shows them. Strapi's routes (routes/content-api.ts) and the OpenAPI document (contract/openapi.ts)
 * are both generated from it, so they cannot drift apart.
 */
export const PUBLIC_ROUTES: PublicRoute[] = [...CAPABILITIES.flatMap((c): PublicRoute[] => ('routes' in c ? c.routes : [])), ...contractRoutes];

/**
 * The admin API (prefix /participation, admin JWT), assembled the same way: Strapi's admin routes (routes/admin.ts)
 * and the admin OpenAPI document, from which the admin panel's types are generated, both come from it.
 */
export const ADMIN_ROUTES: AdminRoute[] = CAPABILITIES.flatMap((c): AdminRoute[] => ('adminRoutes' in c ? c.adminRoutes : []));

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
