import { execFileSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { Client } from 'pg';
import { ROOT } from './helpers/database';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * The upgrade drill. `tests/fixtures/previous-release.dump` is the database of the previous release, made by that
 * release itself (`scripts/release-fixture.sh <revision> <file>`: its own build, its demo content — consultations in
 * every state, contributions, supports, comments, reports, moderation — then pg_dump). The test restores it into a
 * fresh database, boots this version on it (its database migrations, then Strapi's schema sync), and finds every
 * row, counter and lifecycle state as they were, the public API serving them. PostgreSQL only (production's database).
 */
const isPostgres = !!process.env.DATABASE_URL;
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'previous-release.dump');
const SCRIPT = path.join(ROOT, 'scripts', 'db-backup.sh');

type Snapshot = { counts: Record<string, number>; lifecycles: unknown[]; contributions: unknown[]; comments: unknown[] };

/** What must survive an upgrade, read straight from the tables. */
async function snapshot(url: string): Promise<Snapshot> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows: tables } = await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
         AND (table_name LIKE 'participation\\_%' OR table_name IN ('up_users', 'admin_users', 'pages', 'articles', 'files'))
         AND table_name <> 'participation_outbox' ORDER BY table_name`
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = Number((await db.query(`SELECT COUNT(*) AS n FROM "${name}"`)).rows[0].n);
    const lifecycles = (
      await db.query(`SELECT consultation_document_id, slug, status, opens_at, closes_at, opened_at, closed_at, contributions_count, participants_count, supports_count
                      FROM participation_consultation_lifecycles ORDER BY consultation_document_id`)
    ).rows;
    const contributions = (
      await db.query(`SELECT document_id, consultation_document_id, status, author_id, supports_count, comments_count, COALESCE(reports_count, 0) AS reports_count,
                             official_answer_status, created_at FROM participation_contributions ORDER BY document_id`)
    ).rows;
    const comments = (await db.query(`SELECT document_id, contribution_id, status, author_id, created_at FROM participation_comments ORDER BY document_id`))
      .rows;
    return { counts, lifecycles, contributions, comments };
  } finally {
    await db.end();
  }
}

(isPostgres ? describe : describe.skip)('upgrading from the previous release', () => {
  const name = `participer_upgrade_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const server = () => new Client({ connectionString: process.env.DATABASE_URL!.replace(/\/[^/]+$/, '/postgres') });
  const url = () => process.env.DATABASE_URL!.replace(/\/[^/]+$/, `/${name}`);
  let app: TestApp | undefined;

  beforeAll(async () => {
    const client = server();
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    execFileSync(SCRIPT, ['restore', FIXTURE], { env: { ...process.env, DATABASE_URL: url() }, stdio: 'ignore' });
  });
  afterAll(async () => {
    await app?.stop();
    const client = server();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  });

  it('keeps every row, counter and lifecycle state, and serves them', async () => {
    const before = await snapshot(url());
    expect(before.contributions.length).toBeGreaterThan(10);
    expect(new Set(before.lifecycles.map((l: any) => l.status)).size).toBeGreaterThanOrEqual(4);

    app = await startApp({ DATABASE_URL: url() });
    const after = await snapshot(url());
    // Every table the previous release had keeps its rows; a table this release adds starts empty.
    expect(Object.fromEntries(Object.keys(before.counts).map((t) => [t, after.counts[t]]))).toEqual(before.counts);
    for (const added of Object.keys(after.counts).filter((t) => !(t in before.counts))) expect({ [added]: after.counts[added] }).toEqual({ [added]: 0 });
    expect(after.lifecycles).toEqual(before.lifecycles);
    expect(after.contributions).toEqual(before.contributions);
    expect(after.comments).toEqual(before.comments);
    expect(await app.strapi.plugin('participation').service('counters').check()).toEqual([]);

    // The database migrations of this version ran, once.
    const db = new Client({ connectionString: url() });
    await db.connect();
    const { rows: migrations } = await db.query('SELECT name FROM strapi_migrations');
    await db.end();
    const files = fs.readdirSync(path.join(ROOT, 'database', 'migrations')).filter((f) => f.endsWith('.js'));
    expect(migrations.map((m) => m.name).sort()).toEqual(expect.arrayContaining(files));

    // The public API serves the upgraded data as it is.
    const list = await app.request().get('/api/participation/consultations?pageSize=100');
    expect(list.status).toBe(200);
    const published = (before.lifecycles as any[]).filter((l) => l.status !== 'draft');
    for (const l of published) {
      const one = await app.request().get(`/api/participation/consultations/${l.slug}`);
      expect(one.status).toBe(200);
      expect(one.body.data.status).toBe(l.status);
      expect(one.body.data.counts.contributions).toBe(l.contributions_count);
    }
  });
});
