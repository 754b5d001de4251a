import type { Core } from '@strapi/strapi';
import { getService } from './platform/services';
import type { PluginConfig } from './config';

/** On SIGTERM Strapi destroys plugins first: stop accepting and let requests in flight answer, then close. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const config = strapi.config.get('plugin::participation') as PluginConfig;
  await getService(strapi, 'shutdown').drain(config.shutdownGraceMs);
  await getService(strapi, 'rate-limits').close();
};
