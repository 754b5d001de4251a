#!/usr/bin/env node
/**
 * npm run openapi — writes openapi.json and openapi.admin.json (both committed) from the plugin's route registries and
 * zod schemas: the first is what GET /api/participation/openapi.json serves, the second the admin panel's types are
 * generated from (`npm run admin:types`). A test fails when either differs from what the code builds.
 */
const fs = require('fs');
const path = require('path');
const { withStrapi, root } = require('./lib/with-strapi');

delete process.env.DATABASE_URL;
withStrapi(
  async (strapi) => {
    const contract = strapi.plugin('participation').service('contract');
    for (const [file, document] of [
      ['openapi.json', contract.document()],
      ['openapi.admin.json', contract.adminDocument()],
    ]) {
      fs.writeFileSync(path.join(root, file), `${JSON.stringify(document, null, 2)}\n`);
      console.log(`${file} : ${Object.keys(document.paths).length} chemins, ${Object.keys(document.components.schemas).length} schémas.`);
    }
  },
  { PARTICIPATION_LOAD_TERRITORIES: 'false', DATABASE_FILENAME: path.join(root, '.tmp', 'openapi.db') }
);
