export const prefixPluginTranslations = (trad: Record<string, string>, pluginId: string) =>
  Object.fromEntries(Object.entries(trad).map(([key, value]) => [`${pluginId}.${key}`, value]));
