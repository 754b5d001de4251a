import type { Core } from '@strapi/strapi';

/**
 * In development, ADMIN_EMAIL and ADMIN_PASSWORD give a super admin after start-up. Idempotent:
 * an existing account with that email is left as it is.
 */
export async function ensureDevelopmentAdmin(strapi: Core.Strapi) {
  const email = process.env.ADMIN_EMAIL?.trim().toLowerCase();
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password || process.env.NODE_ENV === 'production') return;

  const users = strapi.service('admin::user');
  if (await users.exists({ email })) return;
  const attributes = { email, password, firstname: 'Admin', lastname: 'Participer', preferedLanguage: 'fr' };
  if (!(await users.exists())) {
    await users.createFirstAdmin(attributes);
  } else {
    const superAdmin = await strapi.service('admin::role').getSuperAdmin();
    await users.create({ ...attributes, isActive: true, registrationToken: null, roles: [superAdmin.id] });
  }
  strapi.log.info(`Super administrateur de développement créé : ${email}`);
}
