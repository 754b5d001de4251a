import * as z from 'zod/v4';

/** Plugin configuration, overridable in the app's config/plugins.ts under `participation.config`. */
export const pluginConfigSchema = z.object({
  /** INSEE code of the département whose territories are loaded at bootstrap. */
  departement: z.string().regex(/^(\d{2}|2A|2B|97\d)$/),
  /** Load the territories from @etalab/decoupage-administratif at bootstrap. */
  loadTerritories: z.boolean(),
  /** Cron rule (croner, seconds allowed) of the lifecycle scheduler, or `off`. */
  cron: z.string().min(1),
  /** Public write budgets, `points/seconds`, per citizen and per client IP. */
  rateLimit: z.object({
    user: z.string().regex(/^\d+\/\d+$/),
    ip: z.string().regex(/^\d+\/\d+$/),
    keyPrefix: z.string().min(1),
  }),
  /** Redis shared by all instances (rate limits); memory when unset. */
  redisUrl: z.string().optional(),
  /** How long a stopping instance lets requests in flight finish before closing them (ms). */
  shutdownGraceMs: z.number().int().min(0).max(120_000),
  /** Largest JSON body a public write accepts. */
  maxBodyBytes: z.number().int().positive(),
  /** max-age of anonymous public GETs, in seconds. */
  cacheMaxAge: z.number().int().min(0),
  /**
   * The shared cache of anonymous public reads (platform/public-cache.ts): how long an answer is kept at most, in
   * seconds (0: off), and the prefix of its Redis keys.
   */
  publicCache: z.object({ seconds: z.number().int().min(0).max(3600), keyPrefix: z.string().min(1) }),
  /** Moderators' digest: cron rule (or `off`) and how long an item may wait before it is signalled. */
  alerts: z.object({ cron: z.string().min(1), pendingDelayMinutes: z.number().int().positive() }),
  /** Citizens' accounts (users-permissions routes, guarded by the plugin). */
  accounts: z.object({
    /** Sign-up needs a confirmed e-mail (users-permissions' own confirmation flow). */
    emailConfirmation: z.boolean(),
    /** Budgets `points/seconds` of the account routes, per client IP and for everyone together; `off` disables them (tests). */
    rateLimit: z.object({
      enabled: z.boolean(),
      registerPerIp: z.string().regex(/^\d+\/\d+$/),
      registerInAll: z.string().regex(/^\d+\/\d+$/),
      loginPerIp: z.string().regex(/^\d+\/\d+$/),
      loginInAll: z.string().regex(/^\d+\/\d+$/),
      recoveryPerIp: z.string().regex(/^\d+\/\d+$/),
      recoveryInAll: z.string().regex(/^\d+\/\d+$/),
    }),
  }),
  /** Transactional outbox of webhooks and e-mails: polling, retries with back-off, signature, retention. */
  outbox: z.object({
    /** How often each instance looks for due messages (ms); 0 delivers only right after each commit (tests). */
    pollMs: z.number().int().min(0),
    retryBaseMs: z.number().int().positive(),
    retryMaxMs: z.number().int().positive(),
    maxAttempts: z.number().int().min(1).max(50),
    /** How long a webhook receiver may take to answer (ms). */
    timeoutMs: z.number().int().positive(),
    /** HMAC secret of the `X-Participer-Signature` header; derived from the app keys when unset. */
    signingSecret: z.string().min(16).optional(),
    /** Sent messages are deleted after this many days (failed ones stay until replayed or purged by hand). */
    retentionDays: z.number().int().min(1),
  }),
  /** Citizens' notifications: digest times, the daily cap, and where mail links lead. */
  notifications: z.object({
    /** How often each instance sends what is due (ms); 0 sends only right after each commit (tests). */
    pollMs: z.number().int().min(0),
    /** Local hour (0–23) of the daily and weekly digests. */
    digestHour: z.number().int().min(0).max(23),
    /** Day of the weekly digest, 0 Sunday … 6 Saturday. */
    weeklyDay: z.number().int().min(0).max(6),
    /** Time zone of the digest hour (IANA name). */
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('fr-FR', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'fuseau horaire inconnu'),
    /** Most notification mails a person gets in a day; past it, the rest waits for the next daily digest. */
    maxMailsPerDay: z.number().int().min(1),
    /** Address of the citizen site the mails link to (default: the reference site, PUBLIC_URL + /site/). */
    siteUrl: z.string().url().optional(),
    /** Sent notifications are deleted after this many days. */
    retentionDays: z.number().int().min(1),
  }),
  /** Open data: cron rule (or `off`) of the daily dated file of every public consultation. */
  openData: z.object({ dumpCron: z.string().min(1) }),
  /** Legal procedures: cron rule (or `off`) of the daily annex of each register (the day before, in PDF). */
  procedures: z.object({ annexCron: z.string().min(1) }),
  /** Questionnaires: anonymous responses a client IP may send, `points/seconds` (a keyed hash of the IP is kept, never the address). */
  questionnaires: z.object({ anonymousPerIp: z.string().regex(/^\d+\/\d+$/) }),
  /** Reports count toward hiding an item only from accounts at least this old (minutes) with a confirmed e-mail. */
  reports: z.object({ minAccountAgeMinutes: z.number().int().min(0) }),
});

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

export const defaultConfig: PluginConfig = {
  departement: '44',
  loadTerritories: true,
  cron: '0 * * * * *',
  rateLimit: { user: '30/60', ip: '120/60', keyPrefix: 'participer:rl' },
  redisUrl: undefined,
  shutdownGraceMs: 10_000,
  maxBodyBytes: 32 * 1024,
  cacheMaxAge: 0,
  publicCache: { seconds: 2, keyPrefix: 'participer:cache' },
  alerts: { cron: '0 */15 * * * *', pendingDelayMinutes: 120 },
  accounts: {
    emailConfirmation: false,
    rateLimit: {
      enabled: true,
      registerPerIp: '20/600',
      registerInAll: '300/60',
      loginPerIp: '60/60',
      loginInAll: '600/60',
      recoveryPerIp: '5/600',
      recoveryInAll: '100/60',
    },
  },
  reports: { minAccountAgeMinutes: 24 * 60 },
  openData: { dumpCron: '0 30 3 * * *' },
  procedures: { annexCron: '0 15 1 * * *' },
  questionnaires: { anonymousPerIp: '10/3600' },
  notifications: { pollMs: 60_000, digestHour: 8, weeklyDay: 1, timeZone: 'Europe/Paris', maxMailsPerDay: 5, siteUrl: undefined, retentionDays: 30 },
  outbox: { pollMs: 5_000, retryBaseMs: 10_000, retryMaxMs: 30 * 60_000, maxAttempts: 12, timeoutMs: 10_000, signingSecret: undefined, retentionDays: 30 },
};

export default {
  default: defaultConfig,
  validator(config: unknown) {
    const parsed = pluginConfigSchema.safeParse(config);
    if (!parsed.success) {
      throw new Error(`Configuration du plugin participation invalide : ${parsed.error.message}`);
    }
  },
};
