import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import supertest from 'supertest';
import { createTestDatabase, ROOT, type TestDatabase } from './database';

export type TestApp = {
  strapi: Core.Strapi;
  request: () => supertest.Agent;
  stop: () => Promise<void>;
};

/**
 * Boots the real app (compiled into .tmp/test-dist by `npm test`'s pretest) on a fresh database,
 * mounts its HTTP server and returns supertest bound to it. One per test file.
 */
export async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const saved = { ...process.env };
  Object.assign(
    process.env,
    {
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      AUTH_RATELIMIT: 'false',
      DEMO_CONTENT: 'false',
      PARTICIPATION_CRON: 'off',
      PARTICIPATION_ALERTS_CRON: 'off',
      OPEN_DATA_DUMP_CRON: 'off',
      REPORT_MIN_ACCOUNT_AGE_MINUTES: '0',
    },
    database.env,
    env
  );

  const strapi = await createStrapi({
    appDir: ROOT,
    distDir: path.join(ROOT, '.tmp', 'test-dist'),
    autoReload: false,
    serveAdminPanel: false,
  }).load();
  await strapi.server.mount();

  return {
    strapi,
    request: () => supertest.agent(strapi.server.httpServer),
    stop: async () => {
      await strapi.destroy();
      await database.drop();
      process.env = saved;
    },
  };
}
