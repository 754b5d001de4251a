import type { Core } from '@strapi/strapi';
import { claims } from '../platform/database/claims';
import type { RawRow } from '../platform/database/rows';
import { DUMP, dumpRows } from './repository';
import { notFound } from '../platform/errors';
import { storeAndRecord } from '../platform/media';
import { getService } from '../platform/services';
import { mediaUrl } from '../platform/links';

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
  const claimed = claims(strapi, DUMP, STALE_MS);

  /** Writes the day's file and records it on the claimed row (the file is removed again if the record fails). */
  async function write(day: string) {
    const content = await getService(strapi, 'open-data').allCsv();
    const name = `participer-contributions-${day}.csv`;
    await storeAndRecord(strapi, { name, mimetype: 'text/csv', caption: `Données ouvertes Participer au ${day} (Licence Ouverte 2.0)`, content }, (stored) =>
      claimed.complete({ day }, { url: stored.url, bytes: stored.bytes, rows: Math.max(0, stored.lines - 1), sha256: stored.sha256 })
    );
  }

  const toDump = (r: RawRow): Dump => ({
    day: String(r.day),
    url: mediaUrl(strapi, String(r.url)),
    rows: Number(r.rows),
    bytes: Number(r.bytes),
    sha256: String(r.sha256),
    createdAt: new Date(r.createdAt as string).toISOString(),
  });

  return {
    /** Writes today's dump (UTC day) unless another instance has or is doing it; returns it, or null. */
    async writeDaily(now = new Date()): Promise<Dump | null> {
      const day = now.toISOString().slice(0, 10);
      if (!(await claimed.claim({ day }, now))) return null;
      try {
        await write(day);
      } catch (error) {
        await claimed.release({ day });
        throw error;
      }
      const [row] = await dumpRows(strapi, { day, limit: 1 });
      return toDump(row);
    },

    /** The dated files, newest first. */
    async list(limit = 366): Promise<Dump[]> {
      const rows = await dumpRows(strapi, { limit });
      return rows.map(toDump);
    },

    async latest(): Promise<Dump> {
      const [newest] = await this.list(1);
      if (!newest) throw notFound("Aucun fichier daté n'a encore été produit.");
      return newest;
    },
  };
};
