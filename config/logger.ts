import { winston } from '@strapi/logger';

/**
 * LOG_LEVEL: error | warn | info | http (default: a line per request) | verbose | debug.
 * LOG_FORMAT: `json` (default in production: one JSON object per line, with `timestamp`, `level`, `message` and,
 * for requests, `requestId`, `method`, `path`, `status`, `ms`) or `pretty` (default elsewhere).
 */
const json = (process.env.LOG_FORMAT ?? (process.env.NODE_ENV === 'production' ? 'json' : 'pretty')) === 'json';

export default {
  level: process.env.LOG_LEVEL || 'http',
  ...(json ? { format: winston.format.combine(winston.format.timestamp(), winston.format.errors({ stack: true }), winston.format.json()) } : {}),
};
