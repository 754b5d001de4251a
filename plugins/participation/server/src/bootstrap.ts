import type { Core } from '@strapi/strapi';
import type { PluginConfig } from './config';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const config = strapi.config.get('plugin::participation') as PluginConfig;
  if (config.loadTerritories) {
    const started = Date.now();
    const { count } = await strapi.plugin('participation').service('territory-loader').load(config.departement);
    strapi.log.info(`[participation] ${count} territoires du département ${config.departement} à jour (${Date.now() - started} ms)`);
  }
};
