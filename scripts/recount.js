#!/usr/bin/env node
/**
 * npm run participation:recount [-- --check]
 * Compares every stored counter (supports, comments, reports, contributions, participants) with the rows it
 * counts, prints the drift, and repairs it (unless --check, which exits 1 on drift).
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..');
const checkOnly = process.argv.includes('--check');

(async () => {
  process.env.DEMO_CONTENT = 'false';
  process.env.PARTICIPATION_CRON = 'off';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, '.tmp', 'cli-dist'), autoReload: false, serveAdminPanel: false }).load();
  let code = 0;
  try {
    const counters = strapi.plugin('participation').service('counters');
    const drift = checkOnly ? await counters.check() : await counters.repair();
    for (const d of drift) console.log(`${d.counter} #${d.id} : enregistré ${d.stored}, réel ${d.actual}`);
    if (drift.length === 0) console.log('Compteurs exacts : rien à corriger.');
    else if (checkOnly) {
      console.log(`${drift.length} compteur(s) faux. Relancez sans --check pour les corriger.`);
      code = 1;
    } else console.log(`${drift.length} compteur(s) corrigé(s).`);
  } finally {
    await strapi.destroy();
  }
  process.exit(code);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
