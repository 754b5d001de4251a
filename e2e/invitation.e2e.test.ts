import type { Browser } from 'playwright-core';
import supertest from 'supertest';
import { createStaff, expectFrench, launchBrowser, login, newPage, screenshot, startServer, step, until, watchTranslations } from './browser';

/**
 * A communications officer from the invitation to the published news: an administrator invites her from Settings →
 * Utilisateurs with the role Communication, she registers through the invitation link, and writes and publishes a
 * news article that the public API then serves — in French, as she sees it.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const ADMIN = 'admin-invitation@loire-atlantique.test';
const PASSWORD = 'Participer2026!';
const COLINE = 'coline.invitee@loire-atlantique.test';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await createStaff(server.strapi, 'strapi-super-admin', ADMIN, 'Alix', PASSWORD, 'Admin');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a communications officer invited by an administrator', () => {
  it('registers through the invitation link and publishes a news article the site then shows', async () => {
    const admin = await newPage(browser);
    let invitation = '';
    await step(admin, 'invitation-creer', async () => {
      await login(admin, server.base, ADMIN, PASSWORD);
      await admin.goto(`${server.base}/admin/settings/users`);
      await admin.getByRole('button', { name: 'Créer un nouvel Utilisateur' }).click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByLabel(/^Prénom/).fill('Coline');
      await dialog.getByLabel(/^Nom/).fill('Martin');
      await dialog.getByLabel(/^E-mail|^Email|^Adresse e-mail/).fill(COLINE);
      await dialog.getByRole('combobox', { name: /Rôles/ }).click();
      await admin.getByRole('option', { name: 'Communication' }).click();
      await admin.keyboard.press('Escape');
      await screenshot(admin, 'invitation-formulaire');
      await dialog.getByRole('button', { name: /Inviter l'utilisateur|Inviter l’utilisateur|Créer/ }).click();
      // The link to send her, shown once the invitation is made.
      // (shortened on screen; the copy button gives the whole link, the same as the one stored for her).
      await dialog.getByText(/\/admin\/auth\/register\?registrationToken=/).waitFor();
      const invited = await server.strapi.db.query('admin::user').findOne({ where: { email: COLINE } });
      invitation = `${server.base}/admin/auth/register?registrationToken=${invited.registrationToken}`;
      await screenshot(admin, 'invitation-lien');
      await dialog.getByRole('button', { name: 'Terminer' }).click();
    });
    expect(invitation).toMatch(/\/admin\/auth\/register\?registrationToken=[0-9a-f]{20,}/);

    const coline = await newPage(browser);
    const missing = watchTranslations(coline);
    await step(coline, 'invitation-inscription', async () => {
      await coline.goto(invitation);
      await coline
        .getByLabel(/^Mot de passe/)
        .first()
        .fill(PASSWORD);
      await coline.getByLabel(/Confirm/).fill(PASSWORD);
      await screenshot(coline, 'invitation-inscription');
      await coline.getByRole('button', { name: 'Prêt à commencer' }).click();
      await coline.waitForURL((url) => !url.pathname.includes('/auth/'));
    });

    await step(coline, 'invitation-actualite', async () => {
      await coline.goto(`${server.base}/admin/content-manager/collection-types/api::article.article/create?plugins[i18n][locale]=fr`);
      await coline.getByLabel(/^Titre/).fill('La Loire à vélo rouvre à Oudon');
      const today = new Date().toLocaleDateString('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric' });
      const date = coline.getByRole('combobox', { name: /^Date/ });
      await date.fill(today);
      await date.press('Tab');
      await screenshot(coline, 'invitation-actualite');
      await coline.getByRole('button', { name: 'Publier', exact: true }).click();
      await until(async () =>
        (await supertest(server.base).get('/api/articles').query({ locale: 'fr' })).body.data?.some(
          (a: { title: string }) => a.title === 'La Loire à vélo rouvre à Oudon'
        )
      );
      await expectFrench(coline, missing);
    });
    const user = await server.strapi.db.query('admin::user').findOne({ where: { email: COLINE }, populate: ['roles'] });
    expect(user.roles.map((r: { name: string }) => r.name)).toEqual(['Communication']);
    expect(user.isActive).toBe(true);
  });
});
