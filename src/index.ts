import type { Core } from '@strapi/strapi';
import { guardConnectionSetup, retryReadsOnLostConnection } from './availability';
import { buildCoreMiddlewaresOnce } from './core-middlewares';
import { guardProcess } from './process-guard';
import { ensureDevelopmentAdmin } from './bootstrap/dev-admin';
import { applyEditorialLabels } from './bootstrap/labels';
import { ensureLocales } from './bootstrap/locales';
import { grantPublicPermissions } from './bootstrap/permissions';
import { ensureAdminRoles } from './bootstrap/roles';
import { seedDemoContent } from './demo';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    guardProcess(strapi);
    guardConnectionSetup(strapi as unknown as Parameters<typeof guardConnectionSetup>[0]);
    retryReadsOnLostConnection(strapi as unknown as Parameters<typeof retryReadsOnLostConnection>[0]);
    buildCoreMiddlewaresOnce(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureLocales(strapi);
    await grantPublicPermissions(strapi);
    await ensureAdminRoles(strapi);
    await applyEditorialLabels(strapi);
    await ensureDevelopmentAdmin(strapi);
    const demoWanted = process.env.DEMO_CONTENT ? process.env.DEMO_CONTENT === 'true' : process.env.NODE_ENV === 'development';
    if (demoWanted) await seedDemoContent(strapi);
  },
};
