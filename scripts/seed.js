#!/usr/bin/env node
/**
 * npm run seed — loads the demo content into the configured database (SQLite by default, PostgreSQL with
 * DATABASE_URL). Idempotent: what exists already is left as it is.
 */
const path = require('path');
const { withStrapi, root } = require('./lib/with-strapi');

withStrapi(async (strapi) => {
  const { seedDemoContent } = require(path.join(root, '.tmp', 'cli-dist', 'src', 'demo'));
  const { created } = await seedDemoContent(strapi);
  console.log(created.length ? `Contenu de démonstration créé : ${created.join(', ')}.` : 'Contenu de démonstration déjà présent : rien à faire.');
});
