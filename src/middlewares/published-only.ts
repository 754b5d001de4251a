import type { Core } from '@strapi/strapi';

/**
 * Strapi's REST API serves drafts to anyone allowed to `find` when asked `?status=draft`. Editorial drafts
 * are for staff: only a request authenticated with an API token (a front end's preview) may see them;
 * everyone else gets the published version whatever they ask.
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => async (ctx: any, next: () => Promise<unknown>) => {
  if (ctx.state?.auth?.strategy?.name !== 'api-token' && ctx.query?.status !== undefined) {
    ctx.query = { ...ctx.query, status: 'published' };
  }
  await next();
};
