import { PUBLIC_ROUTES } from '../contract/routes';
import { responseCheckEnabled } from '../platform/middlewares/response-check';

/**
 * Public routes (base path /api/participation), generated from the contract registry. `auth: false`: the plugin
 * identifies citizens itself (optional JWT), so no permission lookup runs per request. In order: the error
 * envelope; for writes, JSON only and a bounded body; the caller's identity, required where the registry says
 * `auth: 'required'`; for writes, the rate limits; for cacheable reads, ETag and Cache-Control; in the test suites, the response check.
 */
export default {
  type: 'content-api' as const,
  routes: PUBLIC_ROUTES.map((route) => {
    const write = route.method !== 'GET';
    return {
      method: route.method,
      path: route.path,
      handler: route.handler,
      config: {
        auth: false as const,
        middlewares: [
          'plugin::participation.errors',
          ...(write ? [{ name: 'plugin::participation.write-guard', config: { form: route.form ?? false, upload: route.upload?.maxBytes ?? null } }] : []),
          ...(route.auth !== 'none' || write ? [{ name: 'plugin::participation.citizen', config: { required: route.auth === 'required' } }] : []),
          ...(write ? ['plugin::participation.rate-limit'] : []),
          ...(route.cache ? ['plugin::participation.http-cache'] : []),
          ...(responseCheckEnabled()
            ? [{ name: 'plugin::participation.response-check', config: { api: 'public', method: route.method, path: route.path } }]
            : []),
        ],
      },
    };
  }),
};
