import type { Core } from '@strapi/strapi';
import { fail } from '../errors';
import type { HttpContext, Next } from '../http';
import { getService } from '../services';

/**
 * Who is calling: sets `ctx.state.citizen` (null when anonymous; 401 `invalid_token` on a bad token). With
 * `required` (the route registry's `auth: 'required'`), an anonymous caller gets 401 `authentication_required`:
 * the one place where a route's sign-in requirement is enforced.
 */
export default (config: { required?: boolean } | undefined, { strapi }: { strapi: Core.Strapi }) => {
  const required = !!config?.required;
  return async (ctx: HttpContext, next: Next) => {
    const citizen = await getService(strapi, 'citizen').identify(ctx);
    if (required && !citizen) throw fail('authentication_required');
    ctx.state.citizen = citizen;
    await next();
  };
};
