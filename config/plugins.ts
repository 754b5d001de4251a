import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  participation: {
    enabled: true,
    resolve: './plugins/participation',
    config: {
      departement: env('PARTICIPATION_DEPARTEMENT', '44'),
      loadTerritories: env.bool('PARTICIPATION_LOAD_TERRITORIES', true),
      cron: env('PARTICIPATION_CRON', '0 * * * * *'),
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
      jwt: { expiresIn: '7d' },
      ratelimit: { enabled: env.bool('AUTH_RATELIMIT', true) },
    },
  },
  i18n: { enabled: true },
});
