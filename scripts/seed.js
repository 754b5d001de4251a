#!/usr/bin/env node
/**
 * Loads the demo content into the configured database (SQLite by default, PostgreSQL with DATABASE_URL).
 * Idempotent: what exists already is left as it is. Run through `npm run seed`, which compiles the app first.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..');
const distDir = path.join(root, '.tmp', 'cli-dist');

(async () => {
  process.env.DEMO_CONTENT = 'false'; // the bootstrap must not seed on its own: this script does it, and says what it did
  const strapi = await createStrapi({ appDir: root, distDir, autoReload: false, serveAdminPanel: false }).load();
  try {
    const { seedDemoContent } = require(path.join(distDir, 'src', 'demo'));
    const { created } = await seedDemoContent(strapi);
    console.log(created.length ? `Contenu de démonstration créé : ${created.length} éléments.` : 'Contenu de démonstration déjà présent : rien à faire.');
  } finally {
    await strapi.destroy();
  }
  process.exit(0);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
