import type { Core } from '@strapi/strapi';
import { getService } from './platform/services';
import type { PluginConfig } from './config';

/** On SIGTERM Strapi destroys plugins first: stop accepting and let requests in flight answer, then close. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const config = strapi.config.get('plugin::participation') as PluginConfig;
  await getService(strapi, 'shutdown').drain(config.shutdownGraceMs);
  // Messages of the requests that just finished are in the outbox: delivered now or by the next instance.
  await getService(strapi, 'notifications').stop();
  await getService(strapi, 'outbox').stop();
  await getService(strapi, 'rate-limits').close();
  await getService(strapi, 'public-cache').close();
};
