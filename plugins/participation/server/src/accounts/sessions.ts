import type { Core } from '@strapi/strapi';
import { hmacTokenVerifier } from '../platform/hmac-token';
import { sessionsRepository } from './repository';

/**
 * A citizen's sessions end together: every users-permissions token issued before the account's `revokedBefore`
 * is refused, on the plugin's routes and on users-permissions' own. The instant moves forward when the password
 * changes (change or reset), when the account is blocked, on "sign out everywhere" and on erasure.
 *
 * JWTs carry `iat` in seconds, too coarse to tell a token issued just before a password change from the one
 * issued just after: tokens also carry `iatMs`, the issue time in milliseconds.
 */
const USER = 'plugin::users-permissions.user' as const;

export type TokenPayload = { id?: number; iat?: number; iatMs?: number };

const issuedAt = (payload: TokenPayload) => (typeof payload.iatMs === 'number' ? payload.iatMs : typeof payload.iat === 'number' ? payload.iat * 1000 : 0);

/** A token is current when it was issued at or after the account's last revocation. */
export const isCurrent = (payload: TokenPayload, revokedBefore: Date | null) => !revokedBefore || issuedAt(payload) >= revokedBefore.getTime();

type JwtService = {
  issue: (payload: Record<string, unknown>, options?: Record<string, unknown>) => unknown;
  verify: (token: string) => Promise<TokenPayload>;
};

/**
 * Teaches users-permissions' JWT service the session rule: tokens it issues carry `iatMs`, tokens it verifies
 * must be current. Password changes and blocks revoke (database lifecycle of the user). Answers the original
 * verifier, for the plugin's own identity check, which reads the revocation with the account in one statement.
 */
export function installSessionRule(strapi: Core.Strapi): (token: string) => Promise<TokenPayload> {
  const jwt = strapi.plugin('users-permissions').service('jwt') as JwtService;
  const originalIssue = jwt.issue.bind(jwt);
  const originalVerify = jwt.verify.bind(jwt);
  const sessions = sessionsRepository(strapi);
  jwt.issue = (payload, options) => originalIssue({ ...payload, iatMs: Date.now() }, options);
  jwt.verify = async (token) => {
    const payload = await originalVerify(token);
    if (payload?.id && !isCurrent(payload, await sessions.revokedBefore(Number(payload.id)))) throw new Error('Invalid token.');
    return payload;
  };
  strapi.db.lifecycles.subscribe({
    models: [USER],
    async afterUpdate(event) {
      const data = (event.params as { data?: { password?: unknown; blocked?: unknown } }).data ?? {};
      const id = Number((event.result as { id?: number } | undefined)?.id ?? (event.params as { where?: { id?: number } }).where?.id);
      if (!id || (data.password === undefined && data.blocked !== true)) return;
      await sessions.revokeAll(id);
    },
  });
  return signatureVerifier(strapi) ?? originalVerify;
}

/**
 * users-permissions' own check of a token's signature, for the plugin's identity check on every write, with its
 * key made once (`hmacTokenVerifier`): same secret, same algorithm, same refusals. Null (users-permissions'
 * verifier is used) for anything but HMAC tokens of the legacy mode.
 */
function signatureVerifier(strapi: Core.Strapi): ((token: string) => Promise<TokenPayload>) | null {
  const mode = String(strapi.config.get('plugin::users-permissions.jwtManagement') ?? 'legacy-support');
  if (mode === 'refresh') return null;
  const secret = strapi.config.get('plugin::users-permissions.jwtSecret');
  const algorithm = String((strapi.config.get('plugin::users-permissions.jwt', {}) as { algorithm?: string }).algorithm || 'HS256');
  const verify = hmacTokenVerifier(secret, algorithm);
  if (!verify) return null;
  return async (token) => {
    const claims = verify(token);
    if (!claims) throw new Error('Invalid token.');
    return claims as TokenPayload;
  };
}
