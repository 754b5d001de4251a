import type { Core } from '@strapi/strapi';

/** Levels at which Strapi's request logger writes a line per request (LOG_LEVEL, default http). */
const REQUEST_LOG_LEVELS = ['http', 'verbose', 'debug', 'silly'];

export default ({ env }: Core.Config.Shared.ConfigParams) => [
  // The request logger formats a log entry on every request even when its level is filtered out: install it only
  // at a level that shows the line.
  ...(REQUEST_LOG_LEVELS.includes(env('LOG_LEVEL', 'http')) ? ['strapi::logger'] : []),
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: { origin: env.array('CORS_ORIGINS', ['*']) },
  },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
