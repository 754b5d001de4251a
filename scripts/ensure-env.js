#!/usr/bin/env node
/**
 * First run in development: writes `.env` with random development secrets (prefixed `dev-`, which
 * production refuses). Adds only the variables that are missing; never overwrites. Not run in production.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];

if (process.env.NODE_ENV === 'production') process.exit(0);

const file = path.resolve(__dirname, '..', '.env');
const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
const defined = new Set(
  existing
    .split('\n')
    .map((line) => line.split('=')[0].trim())
    .filter(Boolean)
);
const random = () => `dev-${crypto.randomBytes(24).toString('base64url')}`;

const missing = SECRETS.filter((name) => !defined.has(name) && !process.env[name]);
if (missing.length > 0) {
  const lines = missing.map((name) => `${name}=${name === 'APP_KEYS' ? [random(), random()].join(',') : random()}`);
  const header = existing ? '' : '# Secrets de développement générés automatiquement. Ne pas utiliser en production.\n';
  fs.writeFileSync(file, `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${header}${lines.join('\n')}\n`);
  console.log(`.env : ${missing.join(', ')} générés pour le développement.`);
}
fs.mkdirSync(path.resolve(__dirname, '..', 'public', 'uploads'), { recursive: true });
