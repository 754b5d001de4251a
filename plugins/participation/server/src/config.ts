import * as z from 'zod/v4';

/** Plugin configuration, overridable in the app's config/plugins.ts under `participation.config`. */
export const pluginConfigSchema = z.object({
  /** INSEE code of the département whose territories are loaded at bootstrap. */
  departement: z.string().regex(/^(\d{2}|2A|2B|97\d)$/),
  /** Load the territories from @etalab/decoupage-administratif at bootstrap. */
  loadTerritories: z.boolean(),
});

export type PluginConfig = z.infer<typeof pluginConfigSchema>;

export const defaultConfig: PluginConfig = {
  departement: '44',
  loadTerritories: true,
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
