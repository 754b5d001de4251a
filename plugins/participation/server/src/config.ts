import * as z from 'zod/v4';

/** Plugin configuration, overridable in the app's config/plugins.ts under `participation.config`. */
export const pluginConfigSchema = z.object({
  /** INSEE code of the département whose territories are loaded at bootstrap. */
  departement: z.string().regex(/^(\d{2}|2A|2B|97\d)$/),
  /** Load the territories from @etalab/decoupage-administratif at bootstrap. */
  loadTerritories: z.boolean(),
  /** Cron rule (croner, seconds allowed) of the lifecycle scheduler, or `off`. */
  cron: z.string().min(1),
});

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

export const defaultConfig: PluginConfig = {
  departement: '44',
  loadTerritories: true,
  cron: '0 * * * * *',
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
