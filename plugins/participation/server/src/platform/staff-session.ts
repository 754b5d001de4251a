import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { PERMISSION_ACTIONS } from '../permissions';
import { isTrue, toDate } from './database/rows';
import { tableOf } from './database/columns';
import { param, runPrepared } from './database/prepared';
import { fail, forbiddenWithReason } from './errors';
import { hmacTokenVerifier } from './hmac-token';
import type { AdminUser } from './http';

/**
 * The admin session check of the plugin's admin routes (moderation queue, decisions, exports…): the same checks
 * as Strapi's own admin strategy, in one statement instead of four and without building the user's whole CASL
 * ability (every permission of every role, a few milliseconds of CPU on each request).
 *
 * What is checked, on every request, nothing cached:
 * - the access token: signature and expiry by Strapi's session manager rules (`admin.auth.secret`, its
 *   algorithm and options), and its type (an access token, not a refresh token);
 * - its session: present, of the admin origin, for that user, not expired (a signed-out session is gone);
 * - its user: active and not blocked;
 * - the plugin's permissions its roles hold now (a permission removed from a role is refused at the next request).
 *
 * The route's `staffCan` policy then checks the action against those permissions, as Strapi's `hasPermissions`
 * would against its ability. A bearer that is not an admin session is left to Strapi's next strategy (admin
 * API tokens), so nothing Strapi accepts on these routes is lost; what no strategy accepts gets a French 401.
 */

const PLUGIN_ACTIONS = 'plugin::participation.%';

type AccessPayload = { userId: string; sessionId: string; type?: string };

/** What a strategy answers Strapi's authentication service (`@strapi/types` modules/auth). */
type Authentication = { authenticated: boolean; credentials?: unknown; ability?: unknown };

/** The plugin's permissions held by a staff member, in the shape of the ability Strapi's policies ask. */
export type StaffAbility = { can: (action: string, subject?: unknown) => boolean };

type AdminAuthConfig = { secret?: unknown; options?: { algorithm?: string } & Record<string, unknown> };

/**
 * The admin access-token check: for HMAC tokens (Strapi's default), a key made once (`hmacTokenVerifier`); for any
 * other configuration, Strapi's own session manager.
 */
function accessTokenCheck(strapi: Core.Strapi): (token: string) => AccessPayload | null {
  const auth = (strapi.config.get('admin.auth', {}) ?? {}) as AdminAuthConfig;
  const { algorithm, ...options } = auth.options ?? {};
  const hmac = hmacTokenVerifier(auth.secret, algorithm || 'HS256', options);
  if (hmac) return (token) => hmac(token) as AccessPayload | null;
  return (token) => {
    const result = strapi.sessionManager('admin').validateAccessToken(token) as { isValid: boolean; payload: AccessPayload | null };
    return result.isValid ? result.payload : null;
  };
}

type StaffRow = {
  id: unknown;
  firstname: unknown;
  lastname: unknown;
  email: unknown;
  isActive: unknown;
  blocked: unknown;
  expiresAt: unknown;
  action: unknown;
};

/** One statement: the session of the token, its user, and the plugin permissions of the user's roles (a row each). */
function staffLookup(strapi: Core.Strapi) {
  const users = tableOf(strapi, 'admin::user');
  const sessions = tableOf(strapi, 'admin::session');
  const permissions = tableOf(strapi, 'admin::permission');
  type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
  const joinTable = (uid: string, attribute: string) => (strapi.db.metadata.get(uid).attributes[attribute] as unknown as { joinTable: JoinTable }).joinTable;
  const userRoles = joinTable('admin::user', 'roles');
  const permissionRole = joinTable('admin::permission', 'role');
  const knex = () => strapi.db.connection;

  const build = () => {
    const held = knex()({ ur: userRoles.name })
      .join({ pr: permissionRole.name }, `pr.${permissionRole.inverseJoinColumn.name}`, `ur.${userRoles.inverseJoinColumn.name}`)
      .join({ p: permissions.table }, `p.id`, `pr.${permissionRole.joinColumn.name}`)
      .where(`ur.${userRoles.joinColumn.name}`, param('userId'))
      .where(`p.${permissions.column('action')}`, 'like', PLUGIN_ACTIONS)
      .select({ userId: `ur.${userRoles.joinColumn.name}`, action: `p.${permissions.column('action')}` });
    return knex()({ u: users.table })
      .join({ s: sessions.table }, (on) => {
        on.on(`s.${sessions.column('sessionId')}`, knex().raw('?', [param('sessionId')]))
          .andOn(`s.${sessions.column('userId')}`, knex().raw('?', [param('userIdText')]))
          .andOn(`s.${sessions.column('origin')}`, knex().raw('?', ['admin']));
      })
      .leftJoin(held.as('g'), 'g.userId', 'u.id')
      .where('u.id', param('userId'))
      .select({
        id: 'u.id',
        firstname: `u.${users.column('firstname')}`,
        lastname: `u.${users.column('lastname')}`,
        email: `u.${users.column('email')}`,
        isActive: `u.${users.column('isActive')}`,
        blocked: `u.${users.column('blocked')}`,
        expiresAt: `s.${sessions.column('expiresAt')}`,
        action: 'g.action',
      });
  };

  // Prepared on the server too: planning its joins costs more than running them.
  return (userId: number, sessionId: string): Promise<StaffRow[]> =>
    runPrepared<StaffRow>(knex(), 'staff.session', {}, build, { userId, userIdText: String(userId), sessionId }, { serverPrepared: true });
}

const bearer = (ctx: Context): string | null => {
  const parts = String(ctx.request.header.authorization ?? '').split(/\s+/);
  return parts.length === 2 && parts[0].toLowerCase() === 'bearer' && parts[1] ? parts[1] : null;
};

let built: { strapi: Core.Strapi; verify: (token: string) => AccessPayload | null; lookup: ReturnType<typeof staffLookup> } | null = null;

/** The strategy, for the `auth.strategies` of the plugin's admin routes (built on first use: it needs Strapi's config). */
export const staffSession = {
  name: 'participation-staff-session',
  async authenticate(ctx: Context): Promise<Authentication> {
    const token = bearer(ctx);
    if (!token) return { authenticated: false };
    if (!built || built.strapi !== strapi) built = { strapi, verify: accessTokenCheck(strapi), lookup: staffLookup(strapi) };
    const payload = built.verify(token);
    if (!payload || payload.type !== 'access' || typeof payload.sessionId !== 'string') return { authenticated: false };
    const userId = Number(payload.userId);
    if (!Number.isSafeInteger(userId) || String(userId) !== String(payload.userId)) return { authenticated: false };
    const rows = await built.lookup(userId, payload.sessionId);
    const user = rows[0];
    if (!user || !isTrue(user.isActive) || isTrue(user.blocked)) return { authenticated: false };
    const expiresAt = toDate(user.expiresAt);
    if (!expiresAt || expiresAt.getTime() <= Date.now()) return { authenticated: false };

    const actions = new Set(rows.map((r) => r.action).filter((a): a is string => typeof a === 'string'));
    const ability: StaffAbility = { can: (action, subject) => subject === undefined && actions.has(action) };
    const credentials: AdminUser = {
      id: Number(user.id),
      firstname: (user.firstname as string | null) ?? null,
      lastname: (user.lastname as string | null) ?? null,
      email: String(user.email),
    };
    // Where Strapi's admin strategy puts them, for its policies and the plugin's controllers.
    ctx.state.user = credentials;
    ctx.state.userAbility = ability;
    ctx.state.session = { id: payload.sessionId };
    return { authenticated: true, credentials, ability };
  },
};

/** The last strategy of the admin routes: what none accepted is refused in French (Strapi's own message is English). */
export const staffSessionRefused = {
  name: 'participation-staff-session-refused',
  async authenticate(): Promise<Authentication & { error: Error }> {
    return { authenticated: false, error: fail('staff_session_required') };
  },
};

const permissionNames = new Map(PERMISSION_ACTIONS.map((a) => [`plugin::participation.${a.uid}`, a.displayName]));

/**
 * Route policy: the staff member's roles hold `action` (a plugin permission), whichever strategy let them in;
 * otherwise 403 naming the missing right, in French.
 */
export function staffCan(policyContext: { state: { userAbility?: StaffAbility } }, config: { action: string }) {
  if (policyContext.state.userAbility?.can(config.action)) return true;
  const name = permissionNames.get(config.action);
  throw forbiddenWithReason(
    name
      ? `Votre rôle ne donne pas ce droit (« ${name} ») : demandez-le à un administrateur.`
      : 'Votre rôle ne donne pas ce droit : demandez-le à un administrateur.',
    {
      code: 'permission_required',
      permission: config.action,
    }
  );
}
