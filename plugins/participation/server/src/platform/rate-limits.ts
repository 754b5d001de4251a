import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DomainError } from './errors';
import type { PluginConfig } from '../config';

const parseRule = (rule: string) => {
  const [points, duration] = rule.split('/').map(Number);
  return { points, duration };
};

/**
 * Write rate limits per citizen (user id) and per client IP (Koa's `ctx.request.ip`, which honours the trusted
 * proxy setting), never keyed on anything a client writes in a body. Shared across instances through Redis
 * when REDIS_URL is set, in memory otherwise.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let limiters: { user: RateLimiterAbstract; ip: RateLimiterAbstract } | null = null;
  let redis: Redis | null = null;

  function build() {
    const config = strapi.config.get('plugin::participation') as PluginConfig;
    const user = parseRule(config.rateLimit.user);
    const ip = parseRule(config.rateLimit.ip);
    if (config.redisUrl) {
      redis = new Redis(config.redisUrl, { enableOfflineQueue: true, maxRetriesPerRequest: 2, lazyConnect: false });
      const prefix = `${config.rateLimit.keyPrefix}:`;
      return {
        user: new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}user`, ...user, useRedisPackage: false }),
        ip: new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}ip`, ...ip }),
      };
    }
    return { user: new RateLimiterMemory({ keyPrefix: 'user', ...user }), ip: new RateLimiterMemory({ keyPrefix: 'ip', ...ip }) };
  }

  return {
    /** Counts one write; throws 429 `rate_limited` with Retry-After when either budget is spent. */
    async consume(ip: string, userId: number | null) {
      limiters ??= build();
      try {
        await limiters.ip.consume(ip || 'unknown');
        if (userId) await limiters.user.consume(String(userId));
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new DomainError('rate_limited', `Trop de requêtes : réessayez dans ${seconds} s.`, undefined, { 'Retry-After': String(seconds) });
      }
    },

    async close() {
      if (redis) await redis.quit().catch(() => undefined);
      redis = null;
      limiters = null;
    },
  };
};
