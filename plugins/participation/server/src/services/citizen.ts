import type { Core } from '@strapi/strapi';
import { DomainError } from '../domain/errors';
import { publicDisplayName } from '../domain/text';

export type Citizen = { id: number; displayName: string };

const invalidToken = () => new DomainError(401, 'invalid_token', 'Session invalide ou expirée : reconnectez-vous.');

/**
 * Who is calling, from a users-permissions JWT in `Authorization: Bearer`. No header: an anonymous visitor
 * (null). A header that does not verify, or a blocked account: 401, never a silent downgrade to anonymous.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async identify(ctx: any): Promise<Citizen | null> {
    if (!ctx.request.header.authorization) return null;
    let payload: { id?: number } | null;
    try {
      payload = await strapi.plugin('users-permissions').service('jwt').getToken(ctx);
    } catch {
      throw invalidToken();
    }
    if (!payload?.id) throw invalidToken();
    const user = await strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { id: payload.id }, select: ['id', 'username', 'blocked', 'confirmed'] });
    if (!user || user.blocked) throw invalidToken();
    return { id: user.id, displayName: publicDisplayName(user.username) };
  },
});
