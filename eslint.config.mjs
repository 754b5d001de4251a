// Lint for the app and the plugin (server and admin): typescript-eslint's recommended rules everywhere, React's
// hook rules in the admin, and no explicit `any` in the plugin's server code (domain, commands, repositories,
// queries, controllers): types hold at every boundary there.
import fs from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * The plugin's capabilities: every folder of server/src/ but platform/ and the assemblies (content-types/, services/,
 * controllers/, routes/), read from the disk so that a new capability is covered without touching this file.
 */
const NOT_CAPABILITIES = new Set(['platform', 'content-types', 'services', 'controllers', 'routes']);
const CAPABILITIES = fs
  .readdirSync(new URL('./plugins/participation/server/src/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !NOT_CAPABILITIES.has(entry.name))
  .map((entry) => entry.name);

/** Acknowledged means written: every transaction through platform/database/transaction.ts. */
const TRANSACTION_RULE = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='transaction']",
  message: 'Utilisez transaction(strapi, work) de platform/database/transaction.ts : il ne répond qu’une fois le COMMIT réussi.',
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.tmp/**', '.strapi/**', 'build/**', 'public/**', 'bench/results/**', 'artifacts/**', 'types/generated/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      // Tests, scripts and the app's Strapi glue meet untyped Strapi APIs and fixtures: `any` is allowed there.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['plugins/participation/server/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Acknowledged means written: every transaction goes through platform/database/transaction.ts, which resolves
    // only once its COMMIT succeeded (Strapi's and knex's own helpers can hide a failed COMMIT).
    files: ['plugins/participation/server/src/**/*.ts', 'src/**/*.ts'],
    ignores: ['**/*.test.ts', 'plugins/participation/server/src/platform/database/transaction.ts'],
    rules: {
      'no-restricted-syntax': ['error', TRANSACTION_RULE],
    },
  },
  {
    files: ['plugins/participation/admin/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
        setImmediate: 'readonly',
        AbortController: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Layering, 1: platform/ is what every capability builds on, so it knows none of them.
    files: ['plugins/participation/server/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: CAPABILITIES.map((c) => `**/${c}/**`),
              message: 'platform/ ne dépend d’aucune capacité : déplacez ce qui est partagé dans platform/, ou enregistrez-le depuis la capacité.',
            },
          ],
        },
      ],
    },
  },
  // Layering, 4: a capability uses a sibling only through what it publishes — its public.ts, its pure rules (domain/),
  // its contract and schemas, its capability.ts — never its repository, commands or queries.
  ...CAPABILITIES.filter((c) => c !== 'contract').map((own) => ({
    files: [`plugins/participation/server/src/${own}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${CAPABILITIES.filter((c) => c !== own && c !== 'contract').join('|')})/(?!(public|contract|schemas|inputs|personal-data|capability)$)(?!domain/)`,
              message: 'Une capacité n’utilise d’une autre que ce qu’elle publie : son public.ts, son domain/, son contrat. Ajoutez-y ce qu’il faut.',
            },
          ],
        },
      ],
    },
  })),
  {
    // Layering, 2: a capability's domain/ holds pure rules, tested without Strapi: no framework, no database, no use case.
    files: ['plugins/participation/server/src/*/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@strapi/strapi', message: 'domain/ est pur : pas de Strapi.' },
            { name: 'knex', message: 'domain/ est pur : pas de base de données.' },
          ],
          patterns: [
            {
              group: [
                '**/repository',
                '**/repository/**',
                '**/commands/**',
                '**/queries',
                '**/service',
                '**/services',
                '**/controllers',
                '**/platform/database/**',
              ],
              message: 'domain/ est pur : les cas d’usage, lectures et accès aux tables l’appellent, pas l’inverse.',
            },
          ],
        },
      ],
    },
  },
  {
    // Layering, 3: a capability's tables are read and written by its repository only — repository.ts, or a
    // repository/ folder when it is large — knex and raw SQL alike. `contract/` assembles and holds no table.
    files: CAPABILITIES.map((c) => `plugins/participation/server/src/${c}/**/*.ts`),
    ignores: ['**/repository.ts', '**/repository/*.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        TRANSACTION_RULE,
        {
          selector: "MemberExpression[property.name='connection']",
          message: 'Les tables de la capacité se lisent et s’écrivent dans son repository.ts : ajoutez-y la requête.',
        },
        { selector: "CallExpression[callee.property.name='raw']", message: 'Le SQL vit dans repository.ts.' },
        { selector: 'CallExpression[callee.name=/^(trx|db|knex)$/]', message: 'Le SQL vit dans repository.ts : appelez une de ses méthodes.' },
      ],
    },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  // Formatting is Prettier's (npm run format): rules that would disagree with it are off.
  prettier
);
