import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import type { Citizen } from './citizen';
import { fail } from './errors';
import { staffName as displayName } from './staff';

/** The admin user Strapi's admin authentication puts on `ctx.state.user`. */
export type AdminUser = { id: number; firstname?: string | null; lastname?: string | null; email: string };

/** What the plugin's middlewares put on `ctx.state`. */
export type RequestState = {
  /** Set by the `citizen` middleware on every route whose registry entry has `auth` optional or required. */
  citizen?: Citizen | null;
  user?: AdminUser;
  /** Set by the `http-cache` middleware: this anonymous answer may be kept by the public cache. */
  publicCacheable?: boolean;
};

/** Koa's context as the plugin's controllers and middlewares see it. */
export type HttpContext = Omit<Context, 'state' | 'params' | 'query' | 'request'> & {
  state: RequestState;
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  request: Context['request'] & { body?: unknown };
};

export type Next = () => Promise<unknown>;

/** The visitor, signed in or not, as the `citizen` middleware identified them. */
export const citizenOf = (ctx: HttpContext): Citizen | null => ctx.state.citizen ?? null;

/**
 * The signed-in citizen of a route whose registry entry says `auth: 'required'`: the `citizen` middleware has
 * already refused anonymous callers, so this only narrows the type (with the same error, should a route forget).
 */
export function signedInCitizen(ctx: HttpContext): Citizen {
  const citizen = ctx.state.citizen;
  if (!citizen) throw fail('authentication_required');
  return citizen;
}

/** The admin user behind a request, as recorded in histories: id (never public) and display name. */
export function adminActor(ctx: HttpContext) {
  const user = ctx.state.user;
  if (!user) throw fail('authentication_required');
  return { type: 'admin' as const, id: user.id, name: displayName(user) };
}

/** The CASL ability Strapi's admin authentication puts on `ctx.state.userAbility`. */
type AdminAbility = { can: (action: string, subject?: unknown) => boolean };

/**
 * The admin user behind the request being served, with their abilities, wherever the call comes from (a
 * Document Service middleware has no `ctx` of its own): null outside an admin request (scripts, seeds, the
 * content API), where no admin role applies.
 */
export function currentAdmin(strapi: Core.Strapi): { user: AdminUser | null; name: string; can: (action: string) => boolean } | null {
  const ctx = strapi.requestContext.get() as { state?: { user?: AdminUser; userAbility?: AdminAbility } } | undefined;
  const ability = ctx?.state?.userAbility;
  // Any request carrying admin abilities (an admin session or an admin token) is held to them.
  if (!ability || typeof ability.can !== 'function') return null;
  const user = ctx?.state?.user ?? null;
  const name = user ? displayName(user) : "Jeton d'administration";
  return { user, name, can: (action) => ability.can(action) };
}
