'use strict';

/**
 * The environment of an app instance a benchmark starts (bench arms, vote storm): production mode with throw-away
 * secrets, on the benchmark base as seeded (the generic arm's types included: nothing to migrate at start), nothing
 * scheduled, and budgets checked on every write as in production but set high enough that the load is not refused.
 */
function benchAppEnv({ secrets, port, databaseUrl }) {
  return {
    ...process.env,
    ...secrets,
    NODE_ENV: 'production',
    // Production refuses to start without an explicit list of front ends.
    CORS_ORIGINS: 'https://bench.participer.test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    BENCH_GENERIC: 'true',
    LOG_LEVEL: 'error',
    DEMO_CONTENT: 'false',
    PARTICIPATION_CRON: 'off',
    PARTICIPATION_ALERTS_CRON: 'off',
    // The outbox and the notifications are still delivered right after each commit; without their periodic pass,
    // no statement runs in a cell that its requests did not send (SQL per request counts exactly).
    OUTBOX_POLL_MS: '0',
    NOTIFICATIONS_POLL_MS: '0',
    PARTICIPATION_LOAD_TERRITORIES: 'false',
    PARTICIPATION_RATE_LIMIT_USER: '1000000/1',
    PARTICIPATION_RATE_LIMIT_IP: '1000000/1',
    AUTH_RATELIMIT: 'false',
  };
}

module.exports = { benchAppEnv };
