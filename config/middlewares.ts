import zlib from 'node:zlib';
import type { Core } from '@strapi/strapi';
import { corsOrigins } from '../src/security';

/** Levels at which Strapi's request logger writes a line per request (LOG_LEVEL, default http). */
const REQUEST_LOG_LEVELS = ['http', 'verbose', 'debug', 'silly'];

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const apiOrigins = corsOrigins(env);
  return [
    // Every request gets an id (X-Request-Id, kept from a proxy when valid); its log line is written only at a level
    // that shows it (formatting it costs even when the level filters it out).
    { name: 'global::request-log', config: { withLine: REQUEST_LOG_LEVELS.includes(env('LOG_LEVEL', 'http')) } },
    // Brotli or gzip, as the client accepts, for every compressible answer of 1 kB or more (the site's scripts and
    // styles, API JSON, CSV exports); what is already encoded, HEAD requests and « no-transform » answers are left as is.
    {
      name: 'strapi::compression',
      config: { threshold: 1024, br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }, gzip: { level: 6 }, deflate: false },
    },
    'strapi::errors',
    'global::error-envelope',
    // GET /_ready: can this instance serve (database, Redis), for a load balancer; /_health stays liveness.
    'global::readiness',
    // strapi::security and strapi::body are Strapi's, built once rather than on every request (src/core-middlewares.ts).
    'strapi::security',
    {
      name: 'strapi::cors',
      config: {
        // Cross-origin calls are for the public API only: the admin panel and its API are same-origin and answer no
        // foreign origin. Listed origins may send credentials; with `*` (development only) none may.
        origin: (ctx: { path: string }) => (ctx.path.startsWith('/api/') ? apiOrigins : []),
        credentials: !apiOrigins.includes('*'),
      },
    },
    'global::site-headers',
    // Strapi's AI features are off: the admin's questions about them are answered « off », not 404.
    'global::ai-features-off',
    'strapi::poweredBy',
    // Anonymous reads of the public API answered from the shared cache, before routing; every write moves it on.
    'plugin::participation.public-cache',
    'strapi::query',
    // DELETE /api/participation/me carries the password typed again: DELETE bodies are parsed too.
    { name: 'strapi::body', config: { parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
    // Sign-up, sign-in and password recovery: budgets per IP and in all, password policy, reserved names, French messages.
    'plugin::participation.account-guard',
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
