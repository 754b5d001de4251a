import { PUBLIC_ROUTES } from '../contract/routes';

/**
 * Public routes (base path /api/participation), generated from the contract registry. `auth: false`: the plugin
 * identifies citizens itself (optional JWT), so no permission lookup runs per request. Writes pass the write guard
 * (JSON only, body size, caller identity, rate limits); cacheable reads get ETag and Cache-Control.
 */
export default {
  type: 'content-api' as const,
  routes: PUBLIC_ROUTES.map((route) => ({
    method: route.method,
    path: route.path,
    handler: route.handler,
    config: {
      auth: false as const,
      middlewares: [
        'plugin::participation.errors',
        ...(route.method === 'GET' ? [] : ['plugin::participation.write-guard']),
        ...(route.cache ? ['plugin::participation.http-cache'] : []),
      ],
    },
  })),
};
