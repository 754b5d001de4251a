/**
 * Public routes (base path /api/participation). `auth: false`: the plugin authenticates citizens itself
 * where a route needs it, so no permission lookup runs on public reads.
 */
const publicRoute = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { auth: false as const, middlewares: ['plugin::participation.errors'] },
});

export default {
  type: 'content-api' as const,
  routes: [
    publicRoute('GET', '/themes', 'taxonomy.themes'),
    publicRoute('GET', '/territories', 'taxonomy.territories'),
    publicRoute('GET', '/consultations', 'consultations.find'),
    publicRoute('GET', '/consultations/:slug', 'consultations.findOne'),
  ],
};
