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

/** The admin API of the plugin as a staff member calls it: `/participation/…` with their admin JWT. */
export function adminApi(app: TestApp, token: string) {
  const api = () => app.request();
  return {
    get: (path: string) => api().get(`/participation${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: unknown) =>
      api()
        .post(`/participation${path}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object),
    put: (path: string, body: unknown) =>
      api()
        .put(`/participation${path}`)
        .set('Authorization', `Bearer ${token}`)
        .send(body as object),
  };
}
