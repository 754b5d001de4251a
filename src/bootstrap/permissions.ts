import type { Core } from '@strapi/strapi';

/**
 * What the Public and Authenticated roles may do through Strapi's REST API: read published editorial content,
 * nothing else (a signed-in citizen reads what an anonymous visitor reads). The participation plugin's own
 * routes authenticate by themselves and need no grant here.
 */
export const PUBLIC_ACTIONS = [
  'api::page.page.find',
  'api::page.page.findOne',
  'api::article.article.find',
  'api::article.article.findOne',
  'api::homepage.homepage.find',
  'api::global.global.find',
];

export async function grantPublicPermissions(strapi: Core.Strapi) {
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const type of ['public', 'authenticated']) {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
    if (!role) continue;
    const granted = await permissions.findMany({ where: { role: role.id, action: { $in: PUBLIC_ACTIONS } }, select: ['action'] });
    const have = new Set(granted.map((p: { action: string }) => p.action));
    for (const action of PUBLIC_ACTIONS.filter((a) => !have.has(a))) {
      await permissions.create({ data: { action, role: role.id } });
    }
  }
}
