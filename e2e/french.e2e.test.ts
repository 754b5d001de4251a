import type { Browser } from 'playwright-core';
import { createStaff, englishControlNames, launchBrowser, login, newPage, startServer, step, watchTranslations } from './browser';

/**
 * Every staff screen, as each role reaches it on the demo: no message is missing in French (react-intl reports
 * none), and none of Strapi's English menu words shows. Content Manager lists and forms of every type, the
 * participation screens, the media library, Settings and the profile.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const PASSWORD = 'Participer2026!';
const ROLES = ['strapi-super-admin', 'Agent participation', 'Modérateur', 'Communication'];
const ENGLISH_MENU = /\b(Marketplace|Admin Tokens|Plugins|USERS & PERMISSIONS PLUGIN|EMAIL PLUGIN|Email plugin|Author|Editor)\b/i;

beforeAll(async () => {
  server = await startServer(() => ({ DEMO_CONTENT: 'true' }));
  browser = await launchBrowser();
  for (const [i, name] of ROLES.entries()) {
    await createStaff(server.strapi, name, `personne${i}@loire-atlantique.test`, 'Personne', PASSWORD, String(i));
  }
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function screens() {
  const consultation = await server.strapi.documents('plugin::participation.consultation').findFirst({ fields: ['documentId'] });
  const contribution = await server.strapi.documents('plugin::participation.contribution').findFirst({ fields: ['documentId'] });
  const page = await server.strapi.documents('api::page.page').findFirst({ fields: ['documentId'], locale: 'fr' });
  const cm = '/admin/content-manager';
  return [
    '/admin',
    `${cm}/collection-types/plugin::participation.consultation`,
    `${cm}/collection-types/plugin::participation.consultation/${consultation?.documentId}`,
    `${cm}/collection-types/plugin::participation.contribution`,
    `${cm}/collection-types/plugin::participation.contribution/${contribution?.documentId}`,
    `${cm}/collection-types/plugin::participation.comment`,
    `${cm}/collection-types/plugin::participation.answer-template`,
    `${cm}/collection-types/plugin::participation.theme`,
    `${cm}/collection-types/plugin::participation.territory`,
    `${cm}/collection-types/api::page.page?plugins[i18n][locale]=fr`,
    `${cm}/collection-types/api::page.page/${page?.documentId}?plugins[i18n][locale]=fr`,
    `${cm}/collection-types/api::article.article?plugins[i18n][locale]=fr`,
    `${cm}/single-types/api::homepage.homepage?plugins[i18n][locale]=fr`,
    `${cm}/single-types/api::global.global?plugins[i18n][locale]=fr`,
    '/admin/plugins/participation/consultations',
    '/admin/plugins/participation/moderation',
    '/admin/plugins/participation/dashboard',
    '/admin/plugins/participation/exports',
    '/admin/plugins/participation/outbox',
    '/admin/plugins/participation/petitions',
    '/admin/plugins/participation/budgets',
    '/admin/plugins/upload',
    '/admin/settings/application-infos',
    '/admin/settings/users',
    '/admin/settings/roles',
    '/admin/settings/webhooks',
    '/admin/settings/users-permissions/roles',
    '/admin/settings/internationalization',
    '/admin/me',
  ];
}

describe('staff screens in French', () => {
  it.each(ROLES.map((role, i) => [role, i] as const))(
    'as %s: no missing message, no English menu word or control name',
    async (role, i) => {
      const page = await newPage(browser);
      const missing = watchTranslations(page);
      await step(page, `francais-connexion-${i}`, () => login(page, server.base, `personne${i}@loire-atlantique.test`, PASSWORD));
      const english: string[] = [];
      for (const path of await screens()) {
        await step(page, `francais-${i}-${path.replace(/\W+/g, '-').slice(0, 60)}`, async () => {
          await page.goto(`${server.base}${path}`);
          await page.waitForLoadState('networkidle');
          const menu = await page.locator('nav').allInnerTexts();
          for (const text of menu) if (ENGLISH_MENU.test(text)) english.push(`${path} : ${ENGLISH_MENU.exec(text)![0]}`);
          // What a screen reader says of the controls (the design system's « Close modal », « Clear »…).
          for (const label of await englishControlNames(page)) english.push(`${path} : ${label}`);
        });
      }
      expect({ role, missing }).toEqual({ role, missing: [] });
      expect({ role, english }).toEqual({ role, english: [] });
      await page.close();
    },
    300_000
  );
});
