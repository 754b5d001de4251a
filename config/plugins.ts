import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  participation: {
    enabled: true,
    resolve: './plugins/participation',
    config: {
      departement: env('PARTICIPATION_DEPARTEMENT', '44'),
      loadTerritories: env.bool('PARTICIPATION_LOAD_TERRITORIES', true),
      cron: env('PARTICIPATION_CRON', '0 * * * * *'),
      rateLimit: {
        user: env('PARTICIPATION_RATE_LIMIT_USER', '30/60'),
        ip: env('PARTICIPATION_RATE_LIMIT_IP', '120/60'),
        keyPrefix: env('PARTICIPATION_RATE_LIMIT_PREFIX', 'participer:rl'),
      },
      redisUrl: env('REDIS_URL', undefined),
      shutdownGraceMs: env.int('SHUTDOWN_GRACE_MS', 10_000),
      maxBodyBytes: env.int('PARTICIPATION_MAX_BODY_BYTES', 32 * 1024),
      cacheMaxAge: env.int('PARTICIPATION_CACHE_MAX_AGE', 0),
      publicCache: { seconds: env.int('PUBLIC_CACHE_SECONDS', 2), keyPrefix: env('PUBLIC_CACHE_PREFIX', 'participer:cache') },
      alerts: {
        cron: env('PARTICIPATION_ALERTS_CRON', '0 */15 * * * *'),
        pendingDelayMinutes: env.int('PARTICIPATION_ALERT_PENDING_MINUTES', 120),
      },
      accounts: {
        // On in production unless said otherwise; development and the demo keep it off.
        emailConfirmation: env.bool('ACCOUNT_EMAIL_CONFIRMATION', env('NODE_ENV') === 'production'),
        rateLimit: {
          enabled: env.bool('AUTH_RATELIMIT', true),
          registerPerIp: env('ACCOUNT_RATE_LIMIT_REGISTER_IP', '20/600'),
          registerInAll: env('ACCOUNT_RATE_LIMIT_REGISTER_ALL', '300/60'),
          loginPerIp: env('ACCOUNT_RATE_LIMIT_LOGIN_IP', '60/60'),
          loginInAll: env('ACCOUNT_RATE_LIMIT_LOGIN_ALL', '600/60'),
          recoveryPerIp: env('ACCOUNT_RATE_LIMIT_RECOVERY_IP', '5/600'),
          recoveryInAll: env('ACCOUNT_RATE_LIMIT_RECOVERY_ALL', '100/60'),
        },
      },
      reports: { minAccountAgeMinutes: env.int('REPORT_MIN_ACCOUNT_AGE_MINUTES', 24 * 60) },
      outbox: {
        pollMs: env.int('OUTBOX_POLL_MS', 5_000),
        retryBaseMs: env.int('OUTBOX_RETRY_BASE_MS', 10_000),
        retryMaxMs: env.int('OUTBOX_RETRY_MAX_MS', 30 * 60_000),
        maxAttempts: env.int('OUTBOX_MAX_ATTEMPTS', 12),
        timeoutMs: env.int('WEBHOOK_TIMEOUT_MS', 10_000),
        signingSecret: env('WEBHOOK_SIGNING_SECRET', undefined),
        retentionDays: env.int('OUTBOX_RETENTION_DAYS', 30),
      },
      openData: { dumpCron: env('OPEN_DATA_DUMP_CRON', '0 30 3 * * *') },
      procedures: { annexCron: env('REGISTER_ANNEX_CRON', '0 15 1 * * *') },
      questionnaires: { anonymousPerIp: env('QUESTIONNAIRE_ANONYMOUS_RATE_LIMIT', '10/3600') },
      notifications: {
        pollMs: env.int('NOTIFICATIONS_POLL_MS', 60_000),
        digestHour: env.int('NOTIFICATIONS_DIGEST_HOUR', 8),
        weeklyDay: env.int('NOTIFICATIONS_WEEKLY_DAY', 1),
        timeZone: env('NOTIFICATIONS_TIME_ZONE', 'Europe/Paris'),
        maxMailsPerDay: env.int('NOTIFICATIONS_MAX_MAILS_PER_DAY', 5),
        siteUrl: env('PUBLIC_SITE_URL', undefined),
        retentionDays: env.int('NOTIFICATIONS_RETENTION_DAYS', 30),
      },
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
      jwt: { expiresIn: '7d' },
      ratelimit: { enabled: env.bool('AUTH_RATELIMIT', true) },
    },
  },
  i18n: { enabled: true },
  // Benchmark only (`npm run seed:bench`, `npm run bench`): Strapi's generic REST over the same content.
  ...(env.bool('BENCH_GENERIC', false) ? { generic: { enabled: true, resolve: './bench/generic' } } : {}),
  email: {
    config: {
      provider: 'nodemailer',
      // Without SMTP_HOST mails are built but not sent (development); set it in production.
      providerOptions: env('SMTP_HOST')
        ? {
            host: env('SMTP_HOST'),
            port: env.int('SMTP_PORT', 587),
            secure: env.bool('SMTP_SECURE', false),
            ignoreTLS: env.bool('SMTP_IGNORE_TLS', false),
            ...(env('SMTP_USER') ? { auth: { user: env('SMTP_USER'), pass: env('SMTP_PASSWORD') } } : {}),
          }
        : { jsonTransport: true },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'Participer <ne-pas-repondre@participer.loire-atlantique.fr>'),
        defaultReplyTo: env('EMAIL_REPLY_TO', 'participation@loire-atlantique.fr'),
      },
    },
  },
});
