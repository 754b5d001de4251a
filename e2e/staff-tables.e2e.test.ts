import type { Browser, Page } from 'playwright-core';
import { createStaff, launchBrowser, login, screenshot, startServer, step } from './browser';

/**
 * The two busiest staff screens on the demo, at the widths agents' screens have: the consultations list and the
 * moderation queue fit without horizontal scrolling, every row's actions on screen; the queue offers a bulk decision
 * only for the selected items that allow it.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const PASSWORD = 'Participer2026!';

beforeAll(async () => {
  server = await startServer(() => ({ DEMO_CONTENT: 'true' }));
  browser = await launchBrowser();
  await createStaff(server.strapi, 'Agent participation', 'agathe@loire-atlantique.test', 'Agathe', PASSWORD);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The table fits its container, and each row's last button is inside the window. */
async function expectFits(page: Page) {
  const layout = await page.evaluate(() => {
    const table = document.querySelector('table')!;
    const buttons = Array.from(table.querySelectorAll('tbody tr')).map(
      (row) => Array.from(row.querySelectorAll('button, a[role="button"], a')).pop()?.getBoundingClientRect().right ?? 0
    );
    return {
      table: table.scrollWidth,
      container: table.parentElement!.clientWidth,
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
      rightmost: Math.max(...buttons),
    };
  });
  expect(layout.table).toBeLessThanOrEqual(layout.container);
  expect(layout.page).toBeLessThanOrEqual(layout.window);
  expect(layout.rightmost).toBeLessThanOrEqual(layout.window);
}

describe('staff tables', () => {
  it.each([1280, 1440])('fit at %i px: consultations and the moderation queue, actions on screen', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await step(page, `tables-connexion-${width}`, () => login(page, server.base, 'agathe@loire-atlantique.test', PASSWORD));
    await step(page, `tables-consultations-${width}`, async () => {
      await page.goto(`${server.base}/admin/plugins/participation/consultations`);
      await page.getByTestId('consultation-row').first().waitFor();
      await expectFits(page);
      await screenshot(page, `agent-consultations-${width}`, false);
    });
    await step(page, `tables-moderation-${width}`, async () => {
      await page.goto(`${server.base}/admin/plugins/participation/moderation`);
      await page.getByTestId('moderation-row').first().waitFor();
      await expectFits(page);
      await screenshot(page, `agent-moderation-${width}`, false);
    });
    await context.close();
  });

  it('offers a bulk decision only for the selected items that allow it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await step(page, 'tables-connexion-lot', () => login(page, server.base, 'agathe@loire-atlantique.test', PASSWORD));
    await step(page, 'tables-lot', async () => {
      await page.goto(`${server.base}/admin/plugins/participation/moderation`);
      const pendingRow = page.getByTestId('moderation-row').filter({ hasText: 'En attente' }).first();
      await pendingRow.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Approuver (1)' }).waitFor();
      expect(await page.getByRole('button', { name: 'Rétablir (0)' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Approuver (1)' }).isDisabled()).toBe(false);
    });
    await context.close();
  });
});
