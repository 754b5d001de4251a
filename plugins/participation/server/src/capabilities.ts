import accounts from './accounts/capability';
import budgets from './budgets/capability';
import comments from './comments/capability';
import consultations from './consultations/capability';
import contributions from './contributions/capability';
import exportsCapability from './exports/capability';
import feeds from './feeds/capability';
import follows from './follows/capability';
import imports from './imports/capability';
import moderation from './moderation/capability';
import notifications from './notifications/capability';
import openData from './open-data/capability';
import petitions from './petitions/capability';
import places from './places/capability';
import procedures from './procedures/capability';
import meetings from './meetings/capability';
import questionnaires from './questionnaires/capability';
import outbox from './platform/outbox/capability';
import territories from './territories/capability';

/**
 * Every capability of the plugin, each as it declares itself (its capability.ts). Adding a capability adds one line
 * here. The order is the public OpenAPI document's and the admin one's, and that of a person's data export; their
 * erasure takes the same order, the account last.
 */
export const CAPABILITIES = [
  territories,
  places,
  consultations,
  procedures,
  contributions,
  comments,
  moderation,
  exportsCapability,
  openData,
  accounts,
  follows,
  notifications,
  petitions,
  budgets,
  questionnaires,
  meetings,
  feeds,
  imports,
  outbox,
] as const;

type Each<Part extends 'controllers' | 'services'> = (typeof CAPABILITIES)[number] extends infer C ? (C extends Record<Part, infer P> ? P : never) : never;
type Merged<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The services of every capability in one table, each keeping its exact type. */
export const capabilityServices = Object.assign({}, ...CAPABILITIES.map((c) => ('services' in c ? c.services : {}))) as Merged<Each<'services'>>;
/** The controllers of every capability in one table. */
export const capabilityControllers = Object.assign({}, ...CAPABILITIES.map((c) => ('controllers' in c ? c.controllers : {}))) as Merged<Each<'controllers'>>;
