import type { Core } from '@strapi/strapi';
import { param, runPrepared } from '../platform/database/prepared';
import { hmacTokenVerifier } from '../platform/hmac-token';
import { isTrue, rowsOf, toDate, type Db } from '../platform/database/rows';
import { transaction } from '../platform/database/transaction';

/**
 * A citizen's sessions end together: every users-permissions token issued before the account's `revokedBefore`
 * is refused, on the plugin's routes and on users-permissions' own. The instant moves forward when the password
 * changes (change or reset), when the account is blocked, on "sign out everywhere" and on erasure.
 *
 * JWTs carry `iat` in seconds, too coarse to tell a token issued just before a password change from the one
 * issued just after: tokens also carry `iatMs`, the issue time in milliseconds.
 */
export const SESSION = 'plugin::participation.account-session' as const;
const USER = 'plugin::users-permissions.user' as const;

export type TokenPayload = { id?: number; iat?: number; iatMs?: number };

const issuedAt = (payload: TokenPayload) => (typeof payload.iatMs === 'number' ? payload.iatMs : typeof payload.iat === 'number' ? payload.iat * 1000 : 0);

/** A token is current when it was issued at or after the account's last revocation. */
export const isCurrent = (payload: TokenPayload, revokedBefore: Date | null) => !revokedBefore || issuedAt(payload) >= revokedBefore.getTime();

export function sessionsRepository(strapi: Core.Strapi) {
  return {
    /** Ends every session of the account opened before `at`, in the caller's transaction when there is one. */
    async revokeAll(userId: number, at = new Date(), db?: Db) {
      const s = rowsOf(strapi, SESSION);
      const write = (trx: Db) =>
        trx(s.table)
          .insert(s.newRow({ userId, revokedBefore: at }, at))
          .onConflict([s.column('userId')])
          .merge({ [s.column('revokedBefore')]: at, [s.column('updatedAt')]: at });
      if (db) await write(db);
      // Joins the transaction of the write that triggered it, if any (SQLite has one connection).
      else await transaction(strapi, (trx) => write(trx));
    },

    async revokedBefore(userId: number, db: Db = strapi.db.connection): Promise<Date | null> {
      const s = rowsOf(strapi, SESSION);
      const row = await db(s.table)
        .select({ at: s.column('revokedBefore') })
        .where(s.column('userId'), userId)
        .first();
      return row ? toDate(row.at) : null;
    },

    /** The account as a request sees it, with its revocation instant, in one indexed read (compiled once). */
    async account(userId: number) {
      const u = rowsOf(strapi, USER);
      const s = rowsOf(strapi, SESSION);
      const [row] = await runPrepared(
        strapi.db.connection,
        'accounts.account',
        {},
        () =>
          strapi.db
            .connection({ u: u.table })
            .leftJoin({ s: s.table }, `s.${s.column('userId')}`, `u.${u.column('id')}`)
            .select({
              id: `u.${u.column('id')}`,
              username: `u.${u.column('username')}`,
              blocked: `u.${u.column('blocked')}`,
              revokedBefore: `s.${s.column('revokedBefore')}`,
            })
            .where(`u.${u.column('id')}`, param('userId'))
            .limit(1),
        { userId }
      );
      return row ? { id: Number(row.id), username: String(row.username ?? ''), blocked: isTrue(row.blocked), revokedBefore: toDate(row.revokedBefore) } : null;
    },
  };
}

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
