import type { Core } from '@strapi/strapi';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { PluginConfig } from '../config';
import { DomainError } from './errors';
import { connected, sharedRedis } from './redis';

const parseRule = (rule: string) => {
  const [points, duration] = rule.split('/').map(Number);
  return { points, duration };
};

/** Every budget by name: public writes per citizen and per IP, and the account routes per IP and in all. */
export type Budget = 'user' | 'ip' | 'questionnaire:anonymous:ip' | `account:${'register' | 'login' | 'recovery'}:${'ip' | 'all'}`;

/**
 * Rate limits keyed by what the server knows (Koa's `ctx.request.ip`, which honours the trusted proxy setting; the
 * citizen's id; or one key for everyone), never by anything a client writes in a body. Shared across instances
 * through Redis when REDIS_URL is set, in memory otherwise. When Redis cannot be reached, each limit falls back to
 * memory, per instance (rate-limiter-flexible's insurance limiter), with a warning: a write is never refused
 * with a 5xx because Redis is down.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const limiters = new Map<Budget, RateLimiterAbstract>();
  let redis: Redis | null = null;
  let config: PluginConfig | undefined;

  function rules(): Record<Budget, string> {
    config ??= strapi.config.get('plugin::participation') as PluginConfig;
    const a = config.accounts.rateLimit;
    return {
      user: config.rateLimit.user,
      ip: config.rateLimit.ip,
      'questionnaire:anonymous:ip': config.questionnaires.anonymousPerIp,
      'account:register:ip': a.registerPerIp,
      'account:register:all': a.registerInAll,
      'account:login:ip': a.loginPerIp,
      'account:login:all': a.loginInAll,
      'account:recovery:ip': a.recoveryPerIp,
      'account:recovery:all': a.recoveryInAll,
    };
  }

  /** One client, failing fast when disconnected (no offline queue), reconnecting every two seconds at most. */
  function redisClient(url: string) {
    redis ??= sharedRedis(url, {
      down: (error) =>
        strapi.log.warn(`[participation] Redis injoignable (${error.message}) : limites de débit tenues en mémoire, par instance, jusqu'au retour de Redis`),
      up: () => strapi.log.info('[participation] Redis de retour : limites de débit de nouveau partagées entre instances'),
    });
    return redis;
  }

  function limiter(budget: Budget): RateLimiterAbstract {
    let found = limiters.get(budget);
    if (found) return found;
    const rule = parseRule(rules()[budget]);
    if (config!.redisUrl) {
      found = new RateLimiterRedis({
        storeClient: redisClient(config!.redisUrl),
        keyPrefix: `${config!.rateLimit.keyPrefix}:${budget}`,
        ...rule,
        useRedisPackage: false,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `fallback:${budget}`, ...rule }),
      });
    } else {
      found = new RateLimiterMemory({ keyPrefix: budget, ...rule });
    }
    limiters.set(budget, found);
    return found;
  }

  /** Takes one point from each budget, in order; 429 `rate_limited` with Retry-After at the first one spent. */
  async function take(points: [Budget, string][]) {
    try {
      for (const [budget, key] of points) await limiter(budget).consume(key || 'unknown');
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new DomainError('rate_limited', `Trop de requêtes : réessayez dans ${seconds} s.`, undefined, { 'Retry-After': String(seconds) });
    }
  }

  return {
    /** Counts one public write, per client IP and, when signed in, per citizen. */
    async consume(ip: string, userId: number | null) {
      await take(
        userId
          ? [
              ['ip', ip],
              ['user', String(userId)],
            ]
          : [['ip', ip]]
      );
    },

    /** Counts one anonymous questionnaire response, per client IP (on top of the public writes' budget). */
    async consumeAnonymousAnswer(ip: string) {
      await take([['questionnaire:anonymous:ip', ip]]);
    },

    /** Counts one call to an account route (sign-up, sign-in, password recovery): per client IP, then in all. */
    async consumeAccount(kind: 'register' | 'login' | 'recovery', ip: string) {
      await take([
        [`account:${kind}:ip`, ip],
        [`account:${kind}:all`, 'all'],
      ]);
    },

    /**
     * At startup, connects to Redis and waits for it (two seconds at most): limits are shared from the first
     * request rather than held in memory until the connection is up.
     */
    async connect() {
      rules();
      if (!config!.redisUrl) return;
      await connected(redisClient(config!.redisUrl));
    },

    /** For readiness: whether the shared store answers (or is not configured). */
    async ping(): Promise<'ok' | 'unavailable' | 'not_configured'> {
      rules();
      if (!config!.redisUrl) return 'not_configured';
      const client = redisClient(config!.redisUrl);
      if (client.status !== 'ready') return 'unavailable';
      try {
        await Promise.race([client.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('délai')), 1000).unref())]);
        return 'ok';
      } catch {
        return 'unavailable';
      }
    },

    async close() {
      if (redis) await redis.quit().catch(() => undefined);
      redis = null;
      limiters.clear();
    },
  };
};
