import type { Core } from '@strapi/strapi';
import { capability } from '../platform/capability';
import { importDecidim } from './commands/import-decidim';

/** Imports from another platform: a Decidim open-data archive (`npm run import:decidim`). */
export default capability({
  services: {
    imports: ({ strapi }: { strapi: Core.Strapi }) => ({
      decidim: (source: string, options: { dryRun?: boolean } = {}) => importDecidim(strapi, source, options),
    }),
  },
});
