import fs from 'fs';
import net from 'net';
import path from 'path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createStrapi, type Core } from '@strapi/strapi';
import { createTestDatabase, ROOT, type TestDatabase } from '../tests/helpers/database';

export const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/**
 * The app as `npm run build && npm start` serves it (admin included), on a fresh database and a free port. `extra`
 * adds settings that may depend on the port (PUBLIC_URL); they are taken back on stop, for the next test file.
 */
export async function startServer(extra: (port: number) => Record<string, string> = () => ({})) {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'))) {
    throw new Error("Pas de build de l'administration : lancez `npm run build` (npm run test:e2e le fait).");
  }
  const database: TestDatabase = await createTestDatabase();
  const port = await freePort();
  Object.assign(process.env, database.env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    DEMO_CONTENT: 'false',
    PARTICIPATION_CRON: 'off',
    PARTICIPATION_ALERTS_CRON: 'off',
    AUTH_RATELIMIT: 'false',
    REPORT_MIN_ACCOUNT_AGE_MINUTES: '0',
  });
  const added = extra(port);
  Object.assign(process.env, added);
  const strapi: Core.Strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist'), autoReload: false, serveAdminPanel: true }).load();
  await strapi.listen();
  return {
    strapi,
    base: `http://127.0.0.1:${port}`,
    stop: async () => {
      await strapi.destroy();
      await database.drop();
      for (const key of Object.keys(added)) delete process.env[key];
    },
  };
}

/** A staff member with one role (by name, or code for the super admin), as an administrator would create them. */
export async function createStaff(strapi: Core.Strapi, role: string, email: string, firstname: string, password: string, lastname = 'Test') {
  const found = await strapi.db.query('admin::role').findOne({ where: { $or: [{ name: role }, { code: role }] } });
  await strapi.service('admin::user').create({ email, firstname, lastname, password, isActive: true, roles: [found.id], preferedLanguage: 'fr' });
  return email;
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium introuvable (${CHROMIUM}) : apt-get install chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser context at 1440 px (the admin menu collapses below), in French. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  return page;
}

export async function login(page: Page, base: string, email: string, password: string) {
  await page.goto(`${base}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.includes('/auth/'));
}

/** Runs a browser step; on failure keeps a screenshot in artifacts/e2e before failing (and after each step with E2E_SCREENSHOTS=1). */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    const result = await fn();
    if (process.env.E2E_SCREENSHOTS) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `${name.replace(/[^\w-]+/g, '-')}.ok.png`) });
    }
    return result;
  } catch (error) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name.replace(/[^\w-]+/g, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw new Error(`${name} : ${(error as Error).message}\nCapture d'écran : ${file}`, { cause: error });
  }
}

/** axe-core (WCAG 2.1 A and AA) on the page's main content: no violation. */
export async function expectAccessible(page: Page, name: string, scope = 'main') {
  // Evaluated rather than added as a <script>: the citizen site's Content-Security-Policy refuses inline scripts.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async (selector) => {
    const axe = (
      window as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run({ include: [[selector]] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.help}) : ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`
    );
  }, scope);
  if (violations.length) {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.axe.png`), fullPage: true });
  }
  expect(violations).toEqual([]);
}

/** English words of Strapi's UI that must not reach an agent's screen. */
const ENGLISH = /\b(Forbidden|Deploy|Close modal|characters|Set up preview|Something went wrong|Save|Publish|Cancel)\b/;

/**
 * Collects react-intl's missing-message reports while the page runs: every message a staff screen asks for exists in
 * French, the Content Manager's field labels and the types' display names included (registered from the same tables
 * the server writes into the views: plugins/participation/shared/content-labels.ts, src/content-labels.ts).
 */
export function watchTranslations(page: Page) {
  const missing: string[] = [];
  page.on('console', (message) => {
    const id = /Missing message: "([^"]+)"/.exec(message.text())?.[1];
    if (id && !missing.includes(id)) missing.push(id);
  });
  return missing;
}

/** The design system's default names of controls, read aloud by screen readers (aria-label, title). */
const ENGLISH_LABELS = /^(Close modal|Clear|Choose date|Choose time|Loading content\.\.\.|Month|Year)$/;

/** The names of controls on the page that a screen reader would read in English. */
export async function englishControlNames(page: Page) {
  const spoken = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[aria-label], [title], [placeholder]')).flatMap((e) =>
      ['aria-label', 'title', 'placeholder'].map((a) => e.getAttribute(a) ?? '')
    )
  );
  return spoken.filter((label) => ENGLISH_LABELS.test(label));
}

export async function expectFrench(page: Page, missing: string[]) {
  const text = (await page.locator('main').allInnerTexts()).join('\n');
  expect(text).not.toMatch(ENGLISH);
  expect(await englishControlNames(page)).toEqual([]);
  expect(missing).toEqual([]);
}

/** Keeps a screenshot of the page as it is, under artifacts/e2e (the journeys' record, kept by CI). */
export async function screenshot(page: Page, name: string, fullPage = true) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

/** Waits until `check` holds (what the browser did reached the database), or fails after 15 s. */
export async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 60; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('Condition jamais atteinte');
}

/** Chooses a commune in a staff form's commune field: types what a person would, then picks the option offered. */
export async function chooseCommune(page: Page, scope: Locator, typed: string, option: RegExp) {
  await scope.getByRole('combobox', { name: 'Commune' }).fill(typed);
  await page.getByRole('option', { name: option }).click();
}
