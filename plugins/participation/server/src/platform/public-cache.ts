import crypto from 'crypto';
import zlib from 'zlib';
import type { Core } from '@strapi/strapi';
import type Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { PluginConfig } from '../config';
import { sequenceGeneration } from './database/cache-generation';
import { connected, sharedRedis } from './redis';

/** One anonymous answer as the route sent it (status 200), and its compressed forms, each made once when first asked for. */
export type CachedAnswer = {
  /** The generation it was computed in: it is served only while that generation is current. */
  generation: string;
  /** The headers the route set (type, ETag, Cache-Control, Vary, Content-Disposition…). */
  headers: Record<string, string>;
  body: Buffer;
  encoded: { br?: Buffer; gzip?: Buffer };
};

/** Answers larger than this are not kept (large CSV files are computed each time). */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** What the cache may hold in each instance's memory, in all. */
const MAX_MEMORY_BYTES = 64 * 1024 * 1024;

/**
 * The shared cache of anonymous public reads (the routes whose contract says `cache`), by generation.
 *
 * Every write that may change a public page moves the generation on once it has committed and before its response
 * is sent (the plugin's transactions, any other successful write request, Strapi's own writes, the scheduled tasks);
 * an answer is served only while the generation it was computed in is still current, and a reader takes the
 * generation before it reads the database. So no one is served a page older than a write already acknowledged.
 *
 * Where the generation lives is what every instance sees at once: with Redis (REDIS_URL), one Redis counter read
 * per request, and answers are kept in Redis as well as in each instance's memory; on PostgreSQL without Redis, a
 * sequence of the database (one small statement per cached read), answers in memory; on SQLite (one process), a
 * counter in memory. So a write through one instance is seen through all the others at once. While the generation
 * cannot be read (Redis down) nothing is served from the cache, every read goes to the database, and the generation
 * moves on when it is back. What changes with the clock alone (a phase that begins, a meeting that starts) shows
 * within `seconds`, how long an answer is kept at most.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let settings: PluginConfig['publicCache'] | undefined;
  let redisUrl: string | undefined;
  let redis: Redis | null = null;
  let localGeneration = 0;
  /** A generation move that could not be written (Redis or the database unreachable): nothing is served until it is. */
  let owed = false;
  let retry: NodeJS.Timeout | null = null;
  const memory = new LRUCache<string, CachedAnswer>({ maxSize: MAX_MEMORY_BYTES, sizeCalculation: (a) => a.body.length + 512, ttl: 1000 });
  /** Reads of one page being computed now in this instance: the others wait for it rather than compute it again. */
  const flights = new Map<string, Promise<CachedAnswer | null>>();

  function configured() {
    if (!settings) {
      const config = strapi.config.get('plugin::participation') as PluginConfig;
      settings = config.publicCache;
      redisUrl = config.redisUrl;
    }
    return settings;
  }

  function client(): Redis | null {
    if (!redisUrl) return null;
    redis ??= sharedRedis(redisUrl, {
      down: (error) => {
        memory.clear();
        strapi.log.warn(`[participation] Redis injoignable (${error.message}) : pages publiques lues en base, sans cache, jusqu'à son retour`);
      },
      up: () => {
        memory.clear();
        owed = true;
        void changed();
        strapi.log.info('[participation] Redis de retour : cache des pages publiques rétabli');
      },
    });
    return redis;
  }

  const generationKey = () => `${configured().keyPrefix}:generation`;
  const answerKey = (generation: string, key: string) =>
    `${configured().keyPrefix}:page:${generation}:${crypto.createHash('sha1').update(key).digest('base64url')}`;
  let sequence: ReturnType<typeof sequenceGeneration> | null | undefined;
  /** On PostgreSQL without Redis, the database's sequence; null otherwise. */
  function databaseGeneration() {
    if (sequence === undefined) sequence = !client() && strapi.db.dialect.client === 'postgres' ? sequenceGeneration(strapi) : null;
    return sequence;
  }

  /** Moves the generation on: every answer kept so far is no longer served. Never throws. */
  async function changed(): Promise<void> {
    if (!enabled()) return;
    memory.clear();
    const shared = client();
    const database = databaseGeneration();
    if (!shared && !database) {
      localGeneration += 1;
      return;
    }
    try {
      if (shared) await shared.incr(generationKey());
      else await database!.move();
      owed = false;
    } catch (error) {
      owed = true;
      strapi.log.warn(`[participation] génération du cache public non avancée (${(error as Error).message}) : pages lues en base jusqu'à ce qu'elle le soit`);
      // One retry at a time, every second, until it is moved on (the cache is bypassed meanwhile).
      retry ??= setTimeout(() => {
        retry = null;
        void changed();
      }, 1000);
      retry.unref?.();
    }
  }

  function enabled() {
    return configured().seconds > 0;
  }

  /** An answer as kept in Redis: the length of its headers (4 bytes), its headers in JSON, its body. */
  function pack(answer: CachedAnswer): Buffer {
    const headers = Buffer.from(JSON.stringify(answer.headers));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headers.length);
    return Buffer.concat([length, headers, answer.body]);
  }

  function unpack(generation: string, packed: Buffer): CachedAnswer | null {
    if (packed.length < 4) return null;
    const length = packed.readUInt32BE(0);
    if (packed.length < 4 + length) return null;
    try {
      const headers = JSON.parse(packed.subarray(4, 4 + length).toString('utf8')) as Record<string, string>;
      return { generation, headers, body: packed.subarray(4 + length), encoded: {} };
    } catch {
      return null;
    }
  }

  return {
    enabled,

    /** The current generation; null when it cannot be known (cache off, Redis down): nothing is served or kept then. */
    async generation(): Promise<string | null> {
      if (!enabled() || owed) return null;
      const shared = client();
      const database = databaseGeneration();
      if (!shared && !database) return String(localGeneration);
      try {
        if (shared) return shared.status === 'ready' ? ((await shared.get(generationKey())) ?? '0') : null;
        return await database!.current();
      } catch {
        return null;
      }
    },

    /** The answer kept for `key` in `generation`: this instance's memory first, then Redis. */
    async find(key: string, generation: string): Promise<CachedAnswer | null> {
      const local = memory.get(key);
      if (local && local.generation === generation) return local;
      const shared = client();
      if (!shared) return null;
      try {
        // With what remains of its time in Redis: an answer is kept `seconds` in all, wherever it was read from.
        const found = await shared.pipeline().getBuffer(answerKey(generation, key)).pttl(answerKey(generation, key)).exec();
        const packed = found?.[0]?.[1] as Buffer | null | undefined;
        const left = Number(found?.[1]?.[1]);
        const answer = packed && left > 0 ? unpack(generation, packed) : null;
        if (answer) memory.set(key, answer, { ttl: Math.min(left, configured().seconds * 1000) });
        return answer;
      } catch {
        return null;
      }
    },

    /** Keeps an answer computed in its generation, here and in Redis, for `seconds` at most. */
    keep(key: string, answer: CachedAnswer) {
      if (answer.body.length > MAX_ANSWER_BYTES) return;
      const ttl = configured().seconds * 1000;
      memory.set(key, answer, { ttl });
      const shared = client();
      if (!shared) return;
      shared.set(answerKey(answer.generation, key), pack(answer), 'PX', ttl).catch(() => undefined);
    },

    /** The answer, compressed as the client prefers (brotli or gzip), made once per answer; the body as is otherwise. */
    encoded(answer: CachedAnswer, encoding: 'br' | 'gzip'): Buffer {
      if (encoding === 'br') return (answer.encoded.br ??= zlib.brotliCompressSync(answer.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }));
      return (answer.encoded.gzip ??= zlib.gzipSync(answer.body, { level: 6 }));
    },

    flights,
    changed,

    /**
     * Moves the generation on once the transaction `work` runs in has committed (at once outside a transaction): for
     * writes made through Strapi (Content Manager, Document Service, media library).
     */
    async changedAfterCommit(): Promise<void> {
      if (!enabled()) return;
      if (!strapi.db.inTransaction()) return changed();
      // Joins the transaction already open (it writes nothing) only to be told of its commit.
      // eslint-disable-next-line no-restricted-syntax
      await strapi.db.transaction(async ({ onCommit }: { onCommit: (cb: () => void) => void }) => {
        onCommit(() => void changed());
      });
    },

    /** At startup: waits (two seconds at most) for Redis, so that the cache is shared from the first request; or makes the database's sequence. */
    async connect() {
      if (!enabled()) return;
      const shared = client();
      if (shared) await connected(shared);
      await databaseGeneration()?.create();
    },

    async close() {
      if (retry) clearTimeout(retry);
      retry = null;
      memory.clear();
      if (redis) await redis.quit().catch(() => undefined);
      redis = null;
    },
  };
};
