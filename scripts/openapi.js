#!/usr/bin/env node
/**
 * npm run openapi — writes openapi.json (committed) from the plugin's route registry and zod schemas, the same
 * code that serves GET /api/participation/openapi.json. A test fails when the two differ.
 */
const fs = require('fs');
const path = require('path');
const { withStrapi, root } = require('./lib/with-strapi');

delete process.env.DATABASE_URL;
withStrapi(
  async (strapi) => {
    const document = strapi.plugin('participation').service('contract').document();
    fs.writeFileSync(path.join(root, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
    console.log(`openapi.json : ${Object.keys(document.paths).length} chemins, ${Object.keys(document.components.schemas).length} schémas.`);
  },
  { PARTICIPATION_LOAD_TERRITORIES: 'false', DATABASE_FILENAME: path.join(root, '.tmp', 'openapi.db') }
);
