#!/usr/bin/env node
/**
 * npm run openapi — writes openapi.json (committed) from the plugin's route registry and zod schemas, the same
 * code that serves GET /api/participation/openapi.json. A test fails when the two differ.
 */
const fs = require('fs');
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..');

(async () => {
  Object.assign(process.env, { DEMO_CONTENT: 'false', PARTICIPATION_CRON: 'off', PARTICIPATION_LOAD_TERRITORIES: 'false', LOG_LEVEL: 'warn', DATABASE_FILENAME: path.join(root, '.tmp', 'openapi.db') });
  delete process.env.DATABASE_URL;
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, '.tmp', 'cli-dist'), autoReload: false, serveAdminPanel: false }).load();
  try {
    const document = strapi.plugin('participation').service('contract').document();
    fs.writeFileSync(path.join(root, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
    console.log(`openapi.json : ${Object.keys(document.paths).length} chemins, ${Object.keys(document.components.schemas).length} schémas.`);
  } finally {
    await strapi.destroy();
  }
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
