/**
 * Public routes (base path /api/participation). `auth: false`: the plugin authenticates citizens itself
 * (optional JWT), so no permission lookup runs per request. Writes go through the write guard
 * (JSON only, body size, caller identity, rate limits).
 */
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const route = (method: Method, path: string, handler: string, middlewares: string[] = []) => ({
  method,
  path,
  handler,
  config: { auth: false as const, middlewares: ['plugin::participation.errors', ...middlewares] },
});
const read = (path: string, handler: string) => route('GET', path, handler);
const write = (method: Method, path: string, handler: string) => route(method, path, handler, ['plugin::participation.write-guard']);

export default {
  type: 'content-api' as const,
  routes: [
    read('/themes', 'taxonomy.themes'),
    read('/territories', 'taxonomy.territories'),
    read('/consultations', 'consultations.find'),
    read('/consultations/:slug', 'consultations.findOne'),
    read('/consultations/:slug/contributions', 'contributions.list'),
    write('POST', '/consultations/:slug/contributions', 'contributions.create'),
    read('/contributions/:id', 'contributions.findOne'),
    write('PUT', '/contributions/:id', 'contributions.update'),
    write('POST', '/contributions/:id/supports', 'contributions.support'),
    write('DELETE', '/contributions/:id/supports', 'contributions.withdrawSupport'),
    read('/contributions/:id/comments', 'contributions.comments'),
    write('POST', '/contributions/:id/comments', 'contributions.comment'),
    write('POST', '/contributions/:id/reports', 'contributions.reportContribution'),
    write('POST', '/comments/:id/reports', 'contributions.reportComment'),
    read('/me/contributions', 'contributions.mine'),
  ],
};
