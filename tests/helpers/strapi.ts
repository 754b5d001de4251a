import path from 'path';
import { createStrapi, type Core } from '@strapi/strapi';
import supertest from 'supertest';
import { createTestDatabase, ROOT, type TestDatabase } from './database';
import { violation } from './response-check';

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
      PARTICIPATION_RESPONSE_CHECK: 'true',
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
  // Every JSON success of the plugin's routes is checked against the committed OpenAPI documents (public and admin):
  // a shape the code sends and the contract does not describe fails the suite that provoked it.
  const violations: string[] = [];
  strapi.eventHub.on('participation.response', async (response: Parameters<typeof violation>[0]) => {
    const found = violation(response);
    if (found && violations.length < 20 && !violations.includes(found)) violations.push(found);
  });
  await strapi.server.mount();

  return {
    strapi,
    request: () => supertest.agent(strapi.server.httpServer),
    stop: async () => {
      await strapi.destroy();
      await database.drop();
      process.env = saved;
      if (violations.length) throw new Error(`Réponses hors contrat :\n${violations.join('\n\n')}`);
    },
  };
}
