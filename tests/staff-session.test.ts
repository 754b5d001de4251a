import jwt from 'jsonwebtoken';
import { adminToken } from './helpers/admin';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * The admin session on the plugin's admin routes, checked by the plugin's own strategy (one statement): every
 * check Strapi's admin strategy makes still holds, at the very next request, with nothing cached — a forged,
 * expired or refresh token, a signed-out session, a deactivated or blocked user, a permission taken from a role.
 */
let app: TestApp;

const QUEUE = '/participation/moderation/queue';
const get = (path: string, token?: string) => {
  const req = app.request().get(path);
  return token ? req.set('Authorization', `Bearer ${token}`) : req;
};
const secret = () => String(app.strapi.config.get('admin.auth.secret'));
const payloadOf = (token: string) => jwt.decode(token) as { userId: string; sessionId: string; type: string; exp: number };
const userOf = async (token: string) => Number(payloadOf(token).userId);

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

describe('an admin session on the plugin routes', () => {
  it('lets in the super admin and a moderator', async () => {
    expect((await get(QUEUE, await adminToken(app))).status).toBe(200);
    const moderator = await adminToken(app, 'Modérateur', 'Maëlle');
    const res = await get(QUEUE, moderator);
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toMatchObject({ page: 1 });
  });

  it.each([
    ['no token', undefined],
    ['garbage', 'pas-un-jeton'],
    ['basic auth', null],
  ])('refuses %s with 401 and changes nothing', async (_what, token) => {
    const req = token === null ? app.request().get(QUEUE).set('Authorization', 'Basic YWxpY2U6cGFzcw==') : get(QUEUE, token);
    const res = await req;
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      status: 401,
      name: 'UnauthorizedError',
      message: 'Session d’administration absente, expirée ou fermée : reconnectez-vous.',
    });
    expect(res.body.data).toBeFalsy();
  });

  it('refuses a token signed with another secret, with alg none, expired, or a refresh token used as an access token', async () => {
    const token = await adminToken(app, 'Modérateur', 'Hugo');
    const { userId, sessionId } = payloadOf(token);
    const now = Math.floor(Date.now() / 1000);
    const forged = [
      jwt.sign({ userId, sessionId, type: 'access' }, 'un-autre-secret', { expiresIn: 600 }),
      jwt.sign({ userId, sessionId, type: 'access', exp: now + 600 }, '', { algorithm: 'none' }),
      jwt.sign({ userId, sessionId, type: 'access', iat: now - 7200, exp: now - 3600 }, secret()),
      jwt.sign({ userId, sessionId, type: 'refresh' }, secret(), { expiresIn: 600 }),
      jwt.sign({ userId: `${userId}.0`, sessionId, type: 'access' }, secret(), { expiresIn: 600 }),
    ];
    for (const bad of forged) {
      const res = await get(QUEUE, bad);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toBe('Session d’administration absente, expirée ou fermée : reconnectez-vous.');
    }
    // The genuine one still works: the refusals above are the token's, not the user's.
    expect((await get(QUEUE, token)).status).toBe(200);
  });

  it("refuses a token carrying another user's session, or a session that does not exist", async () => {
    const mine = await adminToken(app, 'Modérateur', 'Inès');
    const theirs = await adminToken(app, 'Modérateur', 'Jules');
    const stolen = jwt.sign({ userId: payloadOf(mine).userId, sessionId: payloadOf(theirs).sessionId, type: 'access' }, secret(), { expiresIn: 600 });
    expect((await get(QUEUE, stolen)).status).toBe(401);
    const ghost = jwt.sign({ userId: payloadOf(mine).userId, sessionId: 'f'.repeat(32), type: 'access' }, secret(), { expiresIn: 600 });
    expect((await get(QUEUE, ghost)).status).toBe(401);
  });

  it('ends with sign-out: the access token, still within its lifetime, is refused at once', async () => {
    const token = await adminToken(app, 'Modérateur', 'Katia');
    expect((await get(QUEUE, token)).status).toBe(200);
    expect((await app.request().post('/admin/logout').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await get(QUEUE, token)).status).toBe(401);
  });

  it('ends when the session expires, even if the token has not', async () => {
    const token = await adminToken(app, 'Modérateur', 'Léon');
    await app.strapi.db.query('admin::session').update({ where: { sessionId: payloadOf(token).sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await get(QUEUE, token)).status).toBe(401);
  });

  it.each([
    ['deactivated', { isActive: false }],
    ['blocked', { blocked: true }],
  ])('refuses a %s user at the next request, and lets them back in when restored', async (_what, change) => {
    const token = await adminToken(app, 'Modérateur', 'Mona');
    const id = await userOf(token);
    // Written straight to the table, so that only the check of each request can see it (no session is revoked).
    await app.strapi.db.query('admin::user').update({ where: { id }, data: change });
    expect((await get(QUEUE, token)).status).toBe(401);
    await app.strapi.db.query('admin::user').update({ where: { id }, data: { isActive: true, blocked: false } });
    expect((await get(QUEUE, token)).status).toBe(200);
  });

  it("follows the role's permissions at the next request: none, granted, taken back", async () => {
    const role = await app.strapi.service('admin::role').create({ name: 'Stagiaire', description: 'Sans droit sur la participation' });
    const token = await adminToken(app, 'Stagiaire', 'Nina');
    const refused = await get(QUEUE, token);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      data: null,
      error: { status: 403, name: 'ForbiddenError', details: { code: 'permission_required', permission: 'plugin::participation.moderate' } },
    });
    expect(refused.body.error.message).toMatch(/^Votre rôle ne donne pas ce droit \(« Modérer les contributions/);

    await app.strapi.service('admin::role').assignPermissions(role.id, [{ action: 'plugin::participation.moderate' }]);
    expect((await get(QUEUE, token)).status).toBe(200);
    // Another permission of the plugin is not implied by this one.
    expect((await get('/participation/exports/log', token)).status).toBe(403);

    await app.strapi.service('admin::role').assignPermissions(role.id, []);
    expect((await get(QUEUE, token)).status).toBe(403);
  });

  it('keeps the rights of several roles together, and no more', async () => {
    const exporter = await app.strapi.service('admin::role').create({ name: 'Export seul', description: 'Exports' });
    await app.strapi.service('admin::role').assignPermissions(exporter.id, [{ action: 'plugin::participation.export' }]);
    const token = await adminToken(app, 'Modérateur', 'Oscar');
    const id = await userOf(token);
    const moderatorRole = await app.strapi.db.query('admin::role').findOne({ where: { name: 'Modérateur' } });
    expect((await get('/participation/exports/log', token)).status).toBe(403);
    await app.strapi.db.query('admin::user').update({ where: { id }, data: { roles: [moderatorRole.id, exporter.id] } });
    expect((await get('/participation/exports/log', token)).status).toBe(200);
    expect((await get(QUEUE, token)).status).toBe(200);
    expect((await get('/participation/webhooks', token)).status).toBe(403);
  });
});

describe('the admin sign-in page', () => {
  it('refuses too many attempts in French (Strapi answered « Too many requests » in English)', async () => {
    const attempts = [];
    for (let i = 0; i < 12; i += 1)
      attempts.push(await app.request().post('/admin/login').send({ email: 'quelquun@loire-atlantique.test', password: 'PasLeBon2026!' }));
    const limited = attempts.find((res) => res.status === 429);
    expect(limited).toBeDefined();
    expect(limited!.body.error.message).toBe('Trop de tentatives : réessayez dans quelques minutes.');
    expect(attempts.every((res) => res.status === 400 || res.status === 429)).toBe(true);
  });
});

describe('Strapi’s AI features, off', () => {
  it('are answered « off » to a signed-in admin (Strapi said 404 on every Content Manager screen), and still refused to anyone else', async () => {
    const token = await adminToken(app, 'Communication', 'Coline');
    const config = await get('/admin/ai-feature-config', token);
    expect([config.status, config.body]).toEqual([200, { data: { isAiI18nConfigured: false, isAiMediaLibraryConfigured: false } }]);
    const jobs = await get('/i18n/ai-localization-jobs/collection-types/api::page.page/abc123', token);
    expect([jobs.status, jobs.body]).toEqual([200, { data: null }]);
    expect((await get('/admin/ai-feature-config')).status).toBe(401);
    expect((await get('/i18n/ai-localization-jobs/collection-types/api::page.page/abc123')).status).toBe(401);
  });
});
