import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Core } from '@strapi/strapi';
import { rowsOf, isUniqueViolation, type RawRow } from '../platform/database/rows';
import { notFound } from '../platform/errors';
import { getService } from '../platform/services';
import { serverUrl } from '../platform/links';

const DUMP = 'plugin::participation.open-data-dump' as const;
/** A dump left "running" this long by an instance that died is taken over by the next run. */
const STALE_MS = 60 * 60_000;

export type Dump = { day: string; url: string; rows: number; bytes: number; sha256: string; createdAt: string };

/**
 * Dated dumps of the open data: once a day, the CSV of every public consultation is written to the media library
 * (the upload provider: local disk, or S3 in production) under a name carrying the day, and listed with its size,
 * row count and SHA-256. One instance writes a given day's file (a unique row per day, claimed by insert or by
 * taking over a stale claim); `/open-data/dumps/latest.csv` always leads to the newest.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const dumps = () => rowsOf(strapi, DUMP);
  const knex = () => strapi.db.connection;

  /** Reserves `day` for this instance: true when it is ours to write. */
  async function claim(day: string, now: Date): Promise<boolean> {
    const d = dumps();
    try {
      await knex()(d.table).insert(d.newRow({ day, status: 'running', claimedAt: now }, now));
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const taken = await knex()(d.table)
      .where(d.column('day'), day)
      .where(d.column('status'), 'running')
      .where(d.column('claimedAt'), '<', new Date(now.getTime() - STALE_MS))
      .update({ [d.column('claimedAt')]: now });
    return taken === 1;
  }

  async function write(day: string) {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'participer-dump-'));
    const name = `participer-contributions-${day}.csv`;
    const file = path.join(directory, name);
    try {
      const hash = createHash('sha256');
      let bytes = 0;
      let lines = 0;
      const measure = new Transform({
        transform(chunk: Buffer | string, _encoding, done) {
          const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
          hash.update(buffer);
          bytes += buffer.length;
          for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, i + 1)) lines += 1;
          done(null, buffer);
        },
      });
      await pipeline(await getService(strapi, 'open-data').allCsv(), measure, createWriteStream(file));
      const [uploaded] = (await strapi
        .plugin('upload')
        .service('upload')
        .upload({
          data: { fileInfo: { name, caption: `Données ouvertes Participer au ${day} (Licence Ouverte 2.0)`, alternativeText: name } },
          files: { filepath: file, originalFilename: name, mimetype: 'text/csv', size: bytes },
        })) as { url: string }[];
      return { url: uploaded.url, bytes, rows: Math.max(0, lines - 1), sha256: hash.digest('hex') };
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  }

  const absolute = (url: string) => (/^https?:\/\//.test(url) ? url : `${serverUrl(strapi)}${url}`);
  const toDump = (r: RawRow): Dump => ({
    day: String(r.day),
    url: absolute(String(r.url)),
    rows: Number(r.rows),
    bytes: Number(r.bytes),
    sha256: String(r.sha256),
    createdAt: new Date(r.createdAt as string).toISOString(),
  });

  return {
    /** Writes today's dump (UTC day) unless another instance has or is doing it; returns it, or null. */
    async writeDaily(now = new Date()): Promise<Dump | null> {
      const day = now.toISOString().slice(0, 10);
      if (!(await claim(day, now))) return null;
      const d = dumps();
      try {
        const written = await write(day);
        await knex()(d.table)
          .where(d.column('day'), day)
          .update(d.toColumns({ ...written, status: 'ready', updatedAt: new Date() }));
      } catch (error) {
        // Let the next run (here or elsewhere) try again at once.
        await knex()(d.table).where(d.column('day'), day).where(d.column('status'), 'running').delete();
        throw error;
      }
      const row: RawRow = await knex()(d.table)
        .select(d.select(['day', 'url', 'rows', 'bytes', 'sha256', 'createdAt']))
        .where(d.column('day'), day)
        .first();
      return toDump(row);
    },

    /** The dated files, newest first. */
    async list(limit = 366): Promise<Dump[]> {
      const d = dumps();
      const rows: RawRow[] = await knex()(d.table)
        .select(d.select(['day', 'url', 'rows', 'bytes', 'sha256', 'createdAt']))
        .where(d.column('status'), 'ready')
        .orderBy(d.column('day'), 'desc')
        .limit(limit);
      return rows.map(toDump);
    },

    async latest(): Promise<Dump> {
      const [newest] = await this.list(1);
      if (!newest) throw notFound("Aucun fichier daté n'a encore été produit.");
      return newest;
    },
  };
};
