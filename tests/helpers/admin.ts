import type { TestApp } from './strapi';

let counter = 0;

/** Creates an admin user with the given role (code or name; super admin by default) and e-mail (one is made up), and returns its admin JWT. */
export async function adminToken(app: TestApp, role_ = 'strapi-super-admin', name = 'Agent', address?: string) {
  counter += 1;
  const role = await app.strapi.db.query('admin::role').findOne({ where: { $or: [{ code: role_ }, { name: role_ }] } });
  if (!role) throw new Error(`Rôle admin inconnu : ${role_}`);
  const email = address?.toLowerCase() ?? `${name.toLowerCase().replace(/\W+/g, '-')}-${counter}@loire-atlantique.test`;
  const password = 'Participer2026!';
  await app.strapi.service('admin::user').create({ email, firstname: name, lastname: 'Test', password, isActive: true, roles: [role.id] });
  const res = await app.request().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`Connexion admin impossible : ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}
