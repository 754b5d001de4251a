import type { Core } from '@strapi/strapi';
import { fail } from '../platform/errors';
import type { HttpContext } from '../platform/http';
import { publicDisplayName } from '../platform/text';
import { sessionsRepository } from './repository';
import { installSessionRule, isCurrent, type TokenPayload } from './sessions';

import type { Citizen } from '../platform/citizen';

export type { Citizen };

const invalidToken = () => fail('invalid_token');

/**
 * Who is calling, from a users-permissions JWT in `Authorization: Bearer`. No header: an anonymous visitor
 * (null). A header that does not verify, a revoked session, an erased or blocked account: 401, never a silent
 * downgrade to anonymous.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let verify: ((token: string) => Promise<TokenPayload>) | null = null;
  const sessions = sessionsRepository(strapi);

  return {
    /** At bootstrap: the session rule on users-permissions' tokens, and the verifier identity uses. */
    installSessions() {
      verify = installSessionRule(strapi);
    },

    async identify(ctx: HttpContext): Promise<Citizen | null> {
      const header = ctx.request.header.authorization;
      if (!header) return null;
      const [scheme, token, extra] = header.split(/\s+/);
      if (scheme?.toLowerCase() !== 'bearer' || !token || extra !== undefined) throw invalidToken();
      let payload: TokenPayload;
      try {
        payload = await (verify ?? ((t: string) => strapi.plugin('users-permissions').service('jwt').verify(t)))(token);
      } catch {
        throw invalidToken();
      }
      if (!payload?.id) throw invalidToken();
      // One indexed read: the account must still exist (an erased citizen's tokens die at once), not be blocked,
      // and not have ended its sessions since the token was issued.
      const account = await sessions.account(Number(payload.id));
      if (!account || account.blocked || !isCurrent(payload, account.revokedBefore)) throw invalidToken();
      return { id: account.id, displayName: publicDisplayName(account.username) };
    },
  };
};
