#!/usr/bin/env node
/**
 * npm run register:verify -- <registre.json> [--head <empreinte>] [--url <adresse du registre>]
 * Proves that an exported register (GET /api/participation/consultations/:slug/register/export) is unaltered: numbers
 * from 1 without gap, each entry chained to the one before, each public text matching its hash. With --head (the
 * head published at …/register/head) or --url (the consultation's API address, whose head is fetched), also that
 * nothing was removed at its end. Offline: the verification reads only the file; it runs the platform's own code
 * (plugins/participation/shared/register-chain.ts). Exit code 0 when intact, 1 otherwise.
 */
const fs = require('fs');
const path = require('path');
const Module = require('module');
const ts = require('typescript');

const { createHash } = require('crypto');

/** The platform's own verifier (plugins/participation/shared/register-chain.ts), with Node's SHA-256. */
function loadVerifier() {
  const file = path.resolve(__dirname, '..', 'plugins/participation/shared/register-chain.ts');
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const loaded = new Module(file, module);
  loaded.filename = file;
  loaded.paths = Module._nodeModulePaths(path.dirname(file));
  loaded._compile(outputText, file);
  const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
  return (consultationDocumentId, entries, head) => loaded.exports.verifyChain(sha256, consultationDocumentId, entries, head);
}

function option(name) {
  const at = process.argv.indexOf(name);
  return at > -1 ? process.argv[at + 1] : undefined;
}

async function main() {
  const input = process.argv.slice(2).find((arg, i, all) => !arg.startsWith('--') && !['--head', '--url'].includes(all[i - 1]));
  if (!input) {
    console.error('Usage : npm run register:verify -- <registre.json> [--head <empreinte>] [--url <https://…/api/participation/consultations/slug>]');
    return 2;
  }
  const parsed = JSON.parse(fs.readFileSync(input, 'utf8'));
  const register = parsed.data ?? parsed;
  let head = option('--head');
  const url = option('--url');
  if (!head && url) {
    const response = await fetch(`${url.replace(/\/$/, '')}/register/head`);
    if (!response.ok) throw new Error(`Tête du registre introuvable (${response.status}) à ${url}`);
    head = (await response.json()).data.head;
  }
  const result = await loadVerifier()(register.consultationDocumentId, register.entries, head ?? null);
  if (result.ok) {
    console.log(`Registre intact : ${result.count} observation(s), numérotées sans trou, chaînées jusqu’à l’empreinte ${result.head}.`);
    if (!head) console.log('Comparez cette empreinte à la tête publiée par la plateforme (…/register/head) pour vérifier que rien ne manque à la fin.');
    return 0;
  }
  console.log(`Registre altéré à l’observation n° ${result.number} : ${result.problem}.`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error.message);
    process.exit(2);
  }
);
