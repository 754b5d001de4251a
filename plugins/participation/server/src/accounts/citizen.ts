import type { Core } from '@strapi/strapi';
import { fail } from '../platform/errors';
import type { HttpContext } from '../platform/http';
import { publicDisplayName } from '../platform/text';
import { tableOf } from '../platform/database/columns';
import { isTrue } from '../platform/database/rows';

export type Citizen = { id: number; displayName: string };

const invalidToken = () => fail('invalid_token');

/**
 * Who is calling, from a users-permissions JWT in `Authorization: Bearer`. No header: an anonymous visitor
 * (null). A header that does not verify, or a blocked account: 401, never a silent downgrade to anonymous.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async identify(ctx: HttpContext): Promise<Citizen | null> {
    if (!ctx.request.header.authorization) return null;
    let payload: { id?: number } | null;
    try {
      payload = await strapi.plugin('users-permissions').service('jwt').getToken(ctx);
    } catch {
      throw invalidToken();
    }
    if (!payload?.id) throw invalidToken();
    // One indexed read with knex: the account must still exist (an erased citizen's tokens die at once) and not be blocked.
    const users = tableOf(strapi, 'plugin::users-permissions.user');
    const user = await strapi.db
      .connection(users.table)
      .select({
        id: users.column('id'),
        username: users.column('username'),
        blocked: users.column('blocked'),
      })
      .where(users.column('id'), payload.id)
      .first();
    if (!user || isTrue(user.blocked)) throw invalidToken();
    return {
      id: Number(user.id),
      displayName: publicDisplayName(user.username),
    };
  },
});
