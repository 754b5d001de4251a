import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

const MESSAGES: Record<number, [name: string, message: string]> = {
  405: ['MethodNotAllowedError', 'Méthode non permise sur cette adresse (voir l’en-tête Allow).'],
  501: ['NotImplementedError', 'Méthode non prise en charge.'],
};

/**
 * The router answers a known path with a wrong method by a plain-text 405 (or 501): give it Strapi's JSON error
 * envelope like every other error, keeping the Allow header.
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => async (ctx: Context, next: Next) => {
  await next();
  const known = MESSAGES[ctx.status];
  if (!known || (ctx.body !== null && typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body))) return;
  const [name, message] = known;
  const status = ctx.status;
  ctx.body = { data: null, error: { status, name, message, details: { code: status === 405 ? 'method_not_allowed' : 'not_implemented' } } };
  ctx.status = status;
};
