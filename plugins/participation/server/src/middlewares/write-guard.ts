import type { Core } from '@strapi/strapi';
import { DomainError } from '../domain/errors';
import type { PluginConfig } from '../config';

/**
 * In front of every public write: JSON only (415), bounded body (413), the caller identified from their JWT
 * (`ctx.state.citizen`, null when anonymous; 401 on a bad token), and the rate limits (429).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  // Read once per server: the plugin's configuration does not change while it runs.
  let cachedConfig: PluginConfig | undefined;
  return async (ctx: any, next: () => Promise<unknown>) => {
    const config = (cachedConfig ??= strapi.config.get('plugin::participation') as PluginConfig);
    const hasBody = ctx.method === 'POST' || ctx.method === 'PUT';
    if (hasBody && ctx.request.length && ctx.request.length > config.maxBodyBytes) {
      throw new DomainError(413, 'payload_too_large', `Requête trop volumineuse (${config.maxBodyBytes} octets au plus).`);
    }
    // A body is announced by a non-zero Content-Length or by chunked encoding; a bare POST (support) has neither.
    const announcesBody = (ctx.request.length ?? 0) > 0 || !!ctx.get('Transfer-Encoding');
    if (hasBody && announcesBody && !ctx.is('application/json')) {
      throw new DomainError(415, 'unsupported_media_type', 'Envoyez un corps JSON (Content-Type: application/json).');
    }
    const citizen = await strapi.plugin('participation').service('citizen').identify(ctx);
    ctx.state.citizen = citizen;
    await strapi
      .plugin('participation')
      .service('rate-limits')
      .consume(ctx.request.ip, citizen?.id ?? null);
    await next();
  };
};
