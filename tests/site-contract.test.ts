import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ROOT } from './helpers/database';

/**
 * The reference site is typed by the public contract: a change of openapi.json that removes or renames something
 * the site uses makes the site's type check (and so its build) fail, naming what broke.
 */
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

/** Copies the site, types it from `contract`, type-checks it: the exit code and what tsc said. */
function typecheckSiteAgainst(contract: object) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'site-contract-'));
  // The repository's layout, for what the site imports beside its own code (the plugin's shared modules).
  const dir = path.join(root, 'site');
  try {
    fs.cpSync(path.join(ROOT, 'site', 'src'), path.join(dir, 'src'), { recursive: true, filter: (f) => !f.endsWith('schema.d.ts') });
    fs.cpSync(path.join(ROOT, 'plugins', 'participation', 'shared'), path.join(root, 'plugins', 'participation', 'shared'), { recursive: true });
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'site', 'tsconfig.json'), 'utf8'));
    // Packages resolve from the repository's node_modules, a package's DefinitelyTyped declarations first (qrcode ships
    // none of its own), as the site's own resolution finds them.
    tsconfig.compilerOptions.typeRoots = [path.join(ROOT, 'node_modules', '@types')];
    tsconfig.compilerOptions.baseUrl = '.';
    tsconfig.compilerOptions.paths = { '*': [path.join(ROOT, 'node_modules', '@types', '*'), path.join(ROOT, 'node_modules', '*')] };
    tsconfig.include = ['src/**/*.ts'];
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(contract));
    const generate = spawnSync(bin('openapi-typescript'), [path.join(dir, 'openapi.json'), '-o', path.join(dir, 'src', 'api', 'schema.d.ts'), '--silent'], {
      encoding: 'utf8',
    });
    if (generate.status !== 0) throw new Error(generate.stderr);
    const check = spawnSync(bin('tsc'), ['--noEmit', '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    return { status: check.status, output: check.stdout + check.stderr };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const contract = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'openapi.json'), 'utf8'));

describe('the reference site against the public contract', () => {
  it('type-checks against openapi.json as it is', () => {
    const result = typecheckSiteAgainst(contract());
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails when a field the site shows leaves the contract', () => {
    const changed = contract();
    delete changed.components.schemas.ConsultationDetail.properties.easyRead;
    changed.components.schemas.ConsultationDetail.required = changed.components.schemas.ConsultationDetail.required.filter((f: string) => f !== 'easyRead');
    const result = typecheckSiteAgainst(changed);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/views\/consultations\.ts.*Property 'easyRead' does not exist/);
  });

  it('fails when a route the site calls is renamed', () => {
    const changed = contract();
    changed.paths['/contributions/{id}/signalements'] = changed.paths['/contributions/{id}/reports'];
    delete changed.paths['/contributions/{id}/reports'];
    const result = typecheckSiteAgainst(changed);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/components\.ts.*\/contributions\/\{id\}\/reports/);
  });
});
