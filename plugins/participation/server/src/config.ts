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
  /** Largest JSON body a public write accepts. */
  maxBodyBytes: z.number().int().positive(),
  /** max-age of anonymous public GETs, in seconds. */
  cacheMaxAge: z.number().int().min(0),
  /** Moderators' digest: cron rule (or `off`) and how long an item may wait before it is signalled. */
  alerts: z.object({ cron: z.string().min(1), pendingDelayMinutes: z.number().int().positive() }),
});

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

export const defaultConfig: PluginConfig = {
  departement: '44',
  loadTerritories: true,
  cron: '0 * * * * *',
  rateLimit: { user: '30/60', ip: '120/60', keyPrefix: 'participer:rl' },
  redisUrl: undefined,
  maxBodyBytes: 32 * 1024,
  cacheMaxAge: 0,
  alerts: { cron: '0 */15 * * * *', pendingDelayMinutes: 120 },
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
