import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { Client } from 'pg';

export const ROOT = path.resolve(__dirname, '..', '..');

export type TestDatabase = { env: Record<string, string>; drop: () => Promise<void> };

/**
 * A database of the test file's own: a temporary SQLite file by default, or a fresh PostgreSQL
 * database on the server of DATABASE_URL when it is set (dropped afterwards).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `participer_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const dir = path.join(ROOT, '.tmp', 'test-db');
    fs.mkdirSync(dir, { recursive: true });
    const filename = path.join(dir, `${name}.db`);
    return {
      env: { DATABASE_FILENAME: filename },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(filename + suffix, { force: true });
      },
    };
  }
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
