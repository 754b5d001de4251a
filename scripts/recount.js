#!/usr/bin/env node
/**
 * npm run participation:recount [-- --check]
 * Compares every stored counter (supports, comments, reports, contributions, participants, petition signatures
 * counted and awaiting their check) with the rows it
 * counts, prints the drift, and repairs it (unless --check, which exits 1 on drift).
 */
const { withStrapi } = require('./lib/with-strapi');

const checkOnly = process.argv.includes('--check');

withStrapi(async (strapi) => {
  const counters = strapi.plugin('participation').service('counters');
  const drift = checkOnly ? await counters.check() : await counters.repair();
  for (const d of drift) console.log(`${d.counter} #${d.id} : enregistré ${d.stored}, réel ${d.actual}`);
  if (drift.length === 0) {
    console.log('Compteurs exacts : rien à corriger.');
    return 0;
  }
  if (checkOnly) {
    console.log(`${drift.length} compteur(s) faux. Relancez sans --check pour les corriger.`);
    return 1;
  }
  console.log(`${drift.length} compteur(s) corrigé(s).`);
  return 0;
});
