import type { Core } from '@strapi/strapi';
import path from 'path';

/**
 * SQLite (embedded, `.tmp/data.db`) by default; PostgreSQL when DATABASE_URL is set.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const url = env('DATABASE_URL', '');
  if (url) {
    const ssl = env.bool('DATABASE_SSL', false)
      ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true), ca: env('DATABASE_SSL_CA', undefined) }
      : false;
    return {
      connection: {
        client: 'postgres',
        connection: { connectionString: url, ssl, schema: env('DATABASE_SCHEMA', 'public') },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')) },
      useNullAsDefault: true,
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};
