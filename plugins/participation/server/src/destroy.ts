import type { Core } from '@strapi/strapi';
import { getService } from './platform/services';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'rate-limits').close();
};
