import { execFileSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import { adminToken } from './helpers/admin';
import { registerCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { ROOT } from './helpers/database';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * The backup and restore drill of docs/operations.md (scripts/db-backup.sh, pg_dump and pg_restore): a database full of
 * participation is saved, restored into a fresh database, and the platform booted on the copy finds every row,
 * counter and lifecycle state, with `recount --check` exact. PostgreSQL only (production's database).
 */
const isPostgres = !!process.env.DATABASE_URL;
const api = '/api/participation';
const SCRIPT = path.join(ROOT, 'scripts', 'db-backup.sh');

(isPostgres ? describe : describe.skip)('backup and restore drill', () => {
  let app: TestApp;
  let restoredApp: TestApp | undefined;
  const copy = `participer_restore_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const dump = path.join(os.tmpdir(), `${copy}.dump`);
  const base = () => process.env.DATABASE_URL!;
  const server = () => new Client({ connectionString: base().replace(/\/[^/]+$/, '/postgres') });

  afterAll(async () => {
    await restoredApp?.stop();
    fs.rmSync(dump, { force: true });
    const client = server();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`);
    await client.end();
  });

  it('restores into a fresh database what was saved, counters exact', async () => {
    app = await startApp();
    const agent = await adminToken(app);
    const consultation = await openConsultation(app, agent, { title: 'Sauvegarde', moderationMode: 'a_posteriori' });
    const [a, b] = [await registerCitizen(app, 'sauve'), await registerCitizen(app, 'garde')];
    const made = await app
      .request()
      .post(`${api}/consultations/${consultation.slug}/contributions`)
      .set(...a.auth)
      .send({ title: 'À sauvegarder', body: 'Une contribution qui doit survivre.' });
    await app
      .request()
      .post(`${api}/contributions/${made.body.data.documentId}/supports`)
      .set(...b.auth)
      .send({});
    await app
      .request()
      .post(`${api}/contributions/${made.body.data.documentId}/comments`)
      .set(...b.auth)
      .send({ body: 'Un commentaire aussi.' });
    const before = (await app.request().get(`${api}/consultations/${consultation.slug}`)).body.data;

    const sourceUrl = process.env.DATABASE_URL!;
    execFileSync(SCRIPT, ['backup', dump], { env: { ...process.env, DATABASE_URL: sourceUrl } });
    // The source is gone (its instance stopped, its database dropped): only the dump remains.
    await app.stop();
    const client = server();
    await client.connect();
    await client.query(`CREATE DATABASE "${copy}"`);
    await client.end();
    const copyUrl = sourceUrl.replace(/\/[^/]+$/, `/${copy}`);
    execFileSync(SCRIPT, ['restore', dump], { env: { ...process.env, DATABASE_URL: copyUrl } });

    restoredApp = await startApp({ DATABASE_URL: copyUrl });
    const restored = restoredApp;
    const after = (await restored.request().get(`${api}/consultations/${consultation.slug}`)).body.data;
    expect(after).toMatchObject({ status: 'open', title: 'Sauvegarde', counts: before.counts });
    const contribution = (await restored.request().get(`${api}/contributions/${made.body.data.documentId}`)).body.data;
    expect(contribution).toMatchObject({ title: 'À sauvegarder', counts: { supports: 1, comments: 1 } });
    expect(await restored.strapi.plugin('participation').service('counters').check()).toEqual([]);
    // A citizen's session survives the move (same secrets, same session rows).
    expect(
      (
        await restored
          .request()
          .get(`${api}/me/contributions`)
          .set(...a.auth)
      ).status
    ).toBe(200);
  });
});
