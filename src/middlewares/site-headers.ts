import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { SITE_CSP } from '../security';

/** The reference site (public/site, served at /site/) gets a strict Content-Security-Policy of its own. */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => async (ctx: Context, next: Next) => {
  await next();
  if (ctx.path === '/site' || ctx.path.startsWith('/site/')) {
    ctx.set('Content-Security-Policy', SITE_CSP);
    ctx.set('Referrer-Policy', 'same-origin');
    ctx.set('X-Content-Type-Options', 'nosniff');
  }
};
