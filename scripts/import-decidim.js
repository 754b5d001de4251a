#!/usr/bin/env node
/**
 * npm run import:decidim -- <archive.zip | dossier> [--dry-run] [--json]
 * Imports a Decidim platform's open-data archive (its « Données ouvertes » page: <host>-open-data.zip, or the folder it
 * unpacks to) into the database the app is configured for (DATABASE_URL, else the embedded SQLite). --dry-run reads,
 * checks and compares, and writes nothing. Exits 1 when the archive has problems (nothing is written then), 2 when it
 * cannot be read. See docs/imports.md.
 */
const path = require('path');
const { withStrapi } = require('./lib/with-strapi');

const args = process.argv.slice(2);
const source = args.find((a) => !a.startsWith('--'));
const dryRun = args.includes('--dry-run');
const json = args.includes('--json');

if (!source) {
  console.error('Usage : npm run import:decidim -- <archive.zip | dossier> [--dry-run] [--json]');
  process.exit(2);
}

const tally = (t) => `${t.created} créé(s), ${t.updated} mis à jour, ${t.unchanged} inchangé(s)`;

withStrapi(async (strapi) => {
  let report;
  try {
    report = await strapi.plugin('participation').service('imports').decidim(path.resolve(source), { dryRun });
  } catch (error) {
    if (error && error.name === 'UnreadableArchiveError') {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return report.refused ? 1 : 0;
  }
  console.log(`Archive ${report.archive} (${report.host ?? 'plateforme inconnue'})${report.dryRun ? ' — essai à blanc, rien n’est écrit' : ''}`);
  for (const f of report.files) console.log(`  ${f.name} : ${f.rows} ligne(s)${f.imported ? '' : ` — ${f.label} : pas encore importé(s)`}`);
  if (report.refused) {
    console.log(`\n${report.problemCount} problème(s) : rien n’a été importé.`);
    for (const p of report.problems) console.log(`  ${p.file}${p.line ? `, ligne ${p.line}` : ''}${p.column ? `, colonne ${p.column}` : ''} : ${p.message}`);
    return 1;
  }
  console.log(`\nConsultations : ${tally(report.consultations)}`);
  console.log(`Contributions : ${tally(report.contributions)}`);
  console.log(`Commentaires : ${tally(report.comments)}`);
  if (report.themesCreated.length) console.log(`Thèmes créés : ${report.themesCreated.join(', ')}`);
  if (report.unmatchedScopes.length) console.log(`Secteurs sans commune correspondante : ${report.unmatchedScopes.join(', ')}`);
  if (report.shortened) console.log(`Textes raccourcis (trop longs ici) : ${report.shortened}`);
  if (report.flattened) console.log(`Réponses au-delà de trois niveaux, rattachées au troisième : ${report.flattened}`);
  return 0;
});
