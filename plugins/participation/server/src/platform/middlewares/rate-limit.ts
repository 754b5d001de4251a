import type { Core } from '@strapi/strapi';
import type { HttpContext, Next } from '../http';
import { getService } from '../services';

/** Public writes' budgets per client IP and per citizen (429 with Retry-After), after the caller is identified. */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: HttpContext, next: Next) => {
    await getService(strapi, 'rate-limits').consume(ctx.request.ip, ctx.state.citizen?.id ?? null);
    await next();
  };
