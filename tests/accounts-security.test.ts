/**
 * Sessions and accounts as an attacker would try them: old tokens after a password change, a block, a sign-out
 * everywhere or an erasure; weak passwords and reserved names; sign-up floods that vary the e-mail; e-mail
 * confirmation through the real SMTP server.
 */
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { startSmtp } from './helpers/smtp';
import { startApp, type TestApp } from './helpers/strapi';

const api = '/api/participation';
const PASSWORD = 'MotDePasse2026!';

describe('sessions end when they should', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const login = async (identifier: string, password = PASSWORD) => app.request().post('/api/auth/local').send({ identifier, password });
  const exportWith = (jwt: string) => app.request().get(`${api}/me/export`).set('Authorization', `Bearer ${jwt}`);

  it('a password change kills every older token, on our routes and on users-permissions’ own, and the new one works', async () => {
    const camille = await registerCitizen(app, 'camille');
    const second = (await login(camille.email)).body.jwt as string;
    expect((await exportWith(camille.jwt)).status).toBe(200);

    const changed = await app
      .request()
      .post('/api/auth/change-password')
      .set(...camille.auth)
      .send({ currentPassword: PASSWORD, password: 'NouveauMotDePasse2027?', passwordConfirmation: 'NouveauMotDePasse2027?' });
    expect(changed.status).toBe(200);
    const fresh = changed.body.jwt as string;

    for (const old of [camille.jwt, second]) {
      const res = await exportWith(old);
      expect([res.status, res.body.error.details.code]).toEqual([401, 'invalid_token']);
      expect((await app.request().get('/api/users/me').set('Authorization', `Bearer ${old}`)).status).toBe(401);
    }
    expect((await exportWith(fresh)).status).toBe(200);
    expect((await app.request().get('/api/users/me').set('Authorization', `Bearer ${fresh}`)).status).toBe(200);
    expect((await login(camille.email)).status).toBe(400);
    expect((await login(camille.email, 'NouveauMotDePasse2027?')).status).toBe(200);
  });

  it('"sign out everywhere" kills every token of the account, the one used included, and no one else’s', async () => {
    const dominique = await registerCitizen(app, 'dominique');
    const other = await registerCitizen(app, 'eugenie');
    const second = (await login(dominique.email)).body.jwt as string;
    const res = await app
      .request()
      .delete(`${api}/me/sessions`)
      .set(...dominique.auth);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ signedOut: true });
    for (const jwt of [dominique.jwt, second]) expect((await exportWith(jwt)).status).toBe(401);
    expect((await exportWith(other.jwt)).status).toBe(200);
    const again = (await login(dominique.email)).body.jwt as string;
    expect((await exportWith(again)).status).toBe(200);
    expect((await app.request().delete(`${api}/me/sessions`)).status).toBe(401);
  });

  it('a block kills the tokens, and unblocking does not bring the old ones back', async () => {
    const fanny = await registerCitizen(app, 'fanny');
    const users = app.strapi.plugin('users-permissions').service('user');
    await users.edit(fanny.id, { blocked: true });
    expect((await exportWith(fanny.jwt)).status).toBe(401);
    await users.edit(fanny.id, { blocked: false });
    expect((await exportWith(fanny.jwt)).status).toBe(401);
    expect((await exportWith((await login(fanny.email)).body.jwt)).status).toBe(200);
  });

  it('erasing the account asks the password again, then every token dies', async () => {
    const gael = await registerCitizen(app, 'gael');
    const second = (await login(gael.email)).body.jwt as string;
    const refused = await app
      .request()
      .delete(`${api}/me`)
      .set(...gael.auth)
      .send({ password: 'MauvaisMotDePasse2026!' });
    expect([refused.status, refused.body.error.details.code]).toEqual([403, 'password_mismatch']);
    const erased = await app
      .request()
      .delete(`${api}/me`)
      .set(...gael.auth)
      .send({ password: PASSWORD });
    expect(erased.status).toBe(200);
    for (const jwt of [gael.jwt, second]) expect((await exportWith(jwt)).status).toBe(401);
  });
});

describe('accounts resist abuse', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Generous budgets here: the refusals below are the password policy's and the reserved names', not the limits'.
    app = await startApp({ AUTH_RATELIMIT: 'true', ACCOUNT_RATE_LIMIT_REGISTER_IP: '100/600', ACCOUNT_RATE_LIMIT_LOGIN_IP: '100/60' });
  });
  afterAll(async () => {
    await app?.stop();
  });
  const register = (username: string, password: string, email = `${username}@exemple.test`) =>
    app.request().post('/api/auth/local/register').send({ username, email, password });

  it.each(['password', 'Password1', 'azertyuiop', 'Nantes44', 'aaaaaaaaaaaaaaaaaaaa', 'hugo2026!Hugo2026!'])(
    'refuses the weak password %s (CNIL 2022-100), creating nothing',
    async (password) => {
      const before = await app.strapi.db.query('plugin::users-permissions.user').count();
      const res = await register('hugo', password);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        data: null,
        error: { status: 400, name: 'ValidationError', details: { code: 'validation_failed', errors: [{ path: ['password'] }] } },
      });
      expect(res.body.error.message).toMatch(/mot de passe/i);
      expect(await app.strapi.db.query('plugin::users-permissions.user').count()).toBe(before);
    }
  );

  it.each(['Participant·e supprimé·e', 'participant.e supprime.e', 'Contribution reçue par courrier', 'MODÉRATION', 'Anonyme'])(
    'refuses the reserved name %s',
    async (username) => {
      const res = await register(username, 'UnVraiMotDePasse2026!', `reserve${Math.random().toString(36).slice(2, 8)}@exemple.test`);
      expect([res.status, res.body.error?.details?.errors?.[0]?.path]).toEqual([400, ['username']]);
    }
  );
});

describe('account routes are budgeted per IP, whatever the body says', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ AUTH_RATELIMIT: 'true', ACCOUNT_RATE_LIMIT_REGISTER_IP: '5/600', ACCOUNT_RATE_LIMIT_LOGIN_IP: '8/60' });
  });
  afterAll(async () => {
    await app?.stop();
  });
  const register = (username: string, password: string, email = `${username}@exemple.test`) =>
    app.request().post('/api/auth/local/register').send({ username, email, password });

  it('limits sign-ups per IP whatever e-mail each one uses (429 with Retry-After, in the envelope)', async () => {
    const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => register(`flot${i}`, 'UnVraiMotDePasse2026!')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    const limited = answers.find((r) => r.status === 429)!;
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body).toMatchObject({ data: null, error: { status: 429, details: { code: 'rate_limited' } } });
    const created = await app.strapi.db.query('plugin::users-permissions.user').count({ where: { username: { $startsWith: 'flot' } } });
    expect(created).toBe(statuses.filter((s) => s === 200).length);
  });

  it('limits sign-in attempts per IP whatever identifier is tried, and answers in French', async () => {
    const answers = [];
    for (let i = 0; i < 10; i += 1)
      answers.push(
        await app
          .request()
          .post('/api/auth/local')
          .send({ identifier: `personne${i}@exemple.test`, password: 'Nimporte2026!Quoi' })
      );
    expect(answers[0].status).toBe(400);
    expect(answers[0].body.error.message).toBe('Identifiant ou mot de passe incorrect.');
    expect(answers.slice(8).map((r) => r.status)).toEqual([429, 429]);
  });
});

describe('e-mail confirmation', () => {
  let app: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({ ...smtp.env, ACCOUNT_EMAIL_CONFIRMATION: 'true', PUBLIC_URL: 'http://participer.test' });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  it('keeps a new account closed until its address is confirmed by the link sent in French', async () => {
    const res = await app.request().post('/api/auth/local/register').send({ username: 'ines', email: 'ines@exemple.test', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.jwt).toBeUndefined();
    const refused = await app.request().post('/api/auth/local').send({ identifier: 'ines@exemple.test', password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/Confirmez d’abord votre adresse e-mail/);

    const mail = await smtp.waitFor((m) => m.to.includes('ines@exemple.test'));
    expect(mail.subject).toBe('Confirmez votre adresse e-mail');
    const link = /confirmation=([A-Za-z0-9]+)/.exec(mail.text || mail.raw)![1];
    const confirmed = await app.request().get(`/api/auth/email-confirmation?confirmation=${link}`);
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.location).toBe('http://participer.test/site/#/connexion?confirmation=ok');
    const signedIn = await app.request().post('/api/auth/local').send({ identifier: 'ines@exemple.test', password: PASSWORD });
    expect(signedIn.status).toBe(200);
    expect((await app.request().get(`${api}/me/export`).set('Authorization', `Bearer ${signedIn.body.jwt}`)).body.data.account.confirmed).toBe(true);
  });
});

export type { TestCitizen };

describe('what staff have not published never reaches a citizen', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('keeps a draft title out of /me/contributions and /me/export', async () => {
    const { adminToken } = await import('./helpers/admin');
    const { openConsultation, UID } = await import('./helpers/consultations');
    const agent = await adminToken(app);
    const c = await openConsultation(app, agent, { title: 'Titre publié de la consultation', moderationMode: 'a_posteriori' });
    const jade = await registerCitizen(app, 'jade');
    await app
      .request()
      .post(`${api}/consultations/${c.slug}/contributions`)
      .set(...jade.auth)
      .send({ title: 'Mon idée', body: 'Une idée déposée par Jade.' });
    // Staff save a new title as a draft, not published.
    await app.strapi.documents(UID).update({ documentId: c.documentId, data: { title: 'BROUILLON SECRET pas encore relu' } } as any);

    const mine = await app
      .request()
      .get(`${api}/me/contributions`)
      .set(...jade.auth);
    expect(mine.body.data[0].consultation).toEqual({ slug: c.slug, title: 'Titre publié de la consultation' });
    const exported = await app
      .request()
      .get(`${api}/me/export`)
      .set(...jade.auth);
    expect(JSON.stringify(exported.body)).not.toMatch(/BROUILLON SECRET/);
    expect(exported.body.data.consultations).toEqual([{ slug: c.slug, title: 'Titre publié de la consultation' }]);
  });
});
