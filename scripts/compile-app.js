#!/usr/bin/env node
/**
 * Compiles the TypeScript app (config/ and src/) into a folder of its own, for the test suites and
 * the seed script. `strapi develop` empties dist/ on every start, so nothing else may live there.
 *   node scripts/compile-app.js [outDir]   (default .tmp/test-dist)
 */
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const outDir = path.resolve(root, process.argv[2] || '.tmp/test-dist');
fs.rmSync(outDir, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json'), '--outDir', outDir, '--incremental', 'false'], {
  stdio: 'inherit',
  cwd: root,
});
