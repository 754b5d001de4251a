import type { Core } from '@strapi/strapi';
import { assertProductionSecrets } from '../src/secrets';
import { assertProductionCors } from '../src/security';

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  assertProductionSecrets();
  assertProductionCors();
  return {
    host: env('HOST', '0.0.0.0'),
    port: env.int('PORT', 1337),
    url: env('PUBLIC_URL', ''),
    proxy: { koa: env.bool('TRUST_PROXY', false) },
    app: { keys: env.array('APP_KEYS') },
    cron: { enabled: env.bool('CRON_ENABLED', true) },
    logger: { updates: { enabled: false }, startup: { enabled: env('NODE_ENV') !== 'test' } },
  };
};
