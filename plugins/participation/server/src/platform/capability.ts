import type { Core } from '@strapi/strapi';
import type { PersonalData } from './personal-data';
import type { AdminRoute, PublicRoute } from './route';

/** What Strapi builds a service or a controller from. */
type Factory = (deps: { strapi: Core.Strapi }) => object;

/**
 * What a capability brings to the plugin, declared once in its capability.ts: its public and admin routes, the
 * controllers and services Strapi registers, and how it answers for a citizen's personal data. The plugin's
 * registry (server/src/capabilities.ts) lists every capability; routes, controllers, services, both OpenAPI documents
 * and the personal-data registry are assembled from that list.
 */
export type Capability = {
  routes?: PublicRoute[];
  adminRoutes?: AdminRoute[];
  controllers?: Record<string, Factory>;
  services?: Record<string, Factory>;
  personalData?: Record<string, PersonalData>;
};

/** Declares a capability, keeping the exact names and types of its services (so `getService` stays typed). */
export const capability = <const C extends Capability>(declared: C): C => declared;
