import type { TestApp } from './strapi';

export type TestCitizen = { jwt: string; id: number; username: string; email: string; auth: [string, string] };

/** Registers a citizen through the public users-permissions route and returns their JWT. */
export async function registerCitizen(app: TestApp, username: string): Promise<TestCitizen> {
  const email = `${username}@exemple.test`;
  const res = await app.request().post('/api/auth/local/register').send({ username, email, password: 'MotDePasse2026!' });
  if (res.status !== 200) throw new Error(`Inscription impossible : ${res.status} ${JSON.stringify(res.body)}`);
  return { jwt: res.body.jwt, id: res.body.user.id, username, email, auth: ['Authorization', `Bearer ${res.body.jwt}`] };
}
