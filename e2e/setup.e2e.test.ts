import type { Browser, Locator, Page } from 'playwright-core';
import supertest from 'supertest';
import {
  createStaff,
  englishControlNames,
  expectAccessible,
  expectFrench,
  launchBrowser,
  login,
  newPage,
  screenshot,
  startServer,
  step,
  until,
  watchTranslations,
} from './browser';

/**
 * An agent sets a consultation up from nothing in the Content Manager, counting every click and every field typed:
 * texts, dates typed as people write them (any minute), phases and rules from a template, publication and
 * scheduling, in at most 20 actions; then « Dupliquer » gives next year's edition in one more.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const PASSWORD = 'Participer2026!';
const AGENT = 'agent-setup@loire-atlantique.test';
const CONSULTATION = 'plugin::participation.consultation';

/** Every action a person does: a click, a field typed, a key pressed. */
function actionCounter() {
  let count = 0;
  return {
    get count() {
      return count;
    },
    click: async (target: Locator) => {
      count += 1;
      await target.click();
    },
    type: async (target: Locator, text: string) => {
      count += 1;
      await target.fill(text);
    },
    press: async (target: Locator, key: string) => {
      count += 1;
      await target.press(key);
    },
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** A date as an agent types it: « 15/01/2027 09:37 ». */
const typed = (date: Date) => `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;

async function consultationTitled(title: string) {
  return (await server.strapi.documents(CONSULTATION).findFirst({ filters: { title }, status: 'draft' } as never)) as Record<string, any> | null;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await createStaff(server.strapi, 'Agent participation', AGENT, 'Aurore', PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('an agent setting up a consultation', () => {
  let page: Page;
  const opens = new Date(Date.now() + 3 * 86_400_000);
  opens.setHours(9, 37, 0, 0);
  const closes = new Date(opens.getTime() + 35 * 86_400_000);
  closes.setHours(17, 5, 0, 0);

  it('does it in at most 20 actions: texts, typed dates, a template, publication and scheduling', async () => {
    page = await newPage(browser);
    const missing = watchTranslations(page);
    await login(page, `${server.base}`, AGENT, PASSWORD);
    const act = actionCounter();

    await step(page, 'setup-textes', async () => {
      await page.goto(`${server.base}/admin/content-manager/collection-types/${CONSULTATION}`);
      await act.click(page.getByRole('link', { name: /Créer une nouvelle entrée/ }).first());
      await act.type(page.getByLabel(/^Titre\*?$/), 'Plan vélo 2027');
      await act.type(page.getByLabel(/^Résumé\*?$/), 'Où faut-il de nouvelles pistes cyclables ?');
      await act.type(page.getByLabel('Résumé facile à lire (FALC)'), 'Le Département veut faire des pistes pour les vélos. Dites-nous où.');
    });

    await step(page, 'setup-territoire', async () => {
      // The place by its name as people say it: the picker lists what the server found (Saint-Nazaire for « st nazaire »).
      const territory = page.getByRole('combobox', { name: 'Territoire' });
      await act.click(territory);
      await act.type(territory, 'st nazaire');
      await act.click(page.getByRole('option', { name: /Saint-Nazaire/ }).first());
    });

    await step(page, 'setup-dates', async () => {
      // Typed as people write dates, at any minute; Enter confirms the date and saves nothing.
      const opening = page.getByLabel("Date d'ouverture");
      await act.type(opening, typed(opens));
      await act.press(opening, 'Enter');
      await act.type(page.getByLabel('Date de clôture'), typed(closes));
      await page
        .getByText(opens.toLocaleDateString('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }) + ` à ${pad(opens.getHours())}:37`)
        .waitFor();
      expect(await consultationTitled('Plan vélo 2027')).toBeNull();
    });

    await step(page, 'setup-modele', async () => {
      await act.click(page.getByRole('combobox', { name: 'Modèle de consultation' }));
      await act.click(page.getByRole('option', { name: /^Concertation/ }));
      await until(async () => (await page.getByLabel('Nom de la phase').count()) === 3);
      await screenshot(page, 'setup-modele');
    });

    await step(page, 'setup-enregistrer-publier', async () => {
      await act.click(page.getByRole('button', { name: 'Enregistrer', exact: true }));
      await until(async () => !!(await consultationTitled('Plan vélo 2027')));
      await act.click(page.getByRole('button', { name: 'Publier', exact: true }));
      await page.getByRole('button', { name: 'Programmer', exact: true }).and(page.locator(':enabled')).waitFor();
    });

    await step(page, 'setup-programmer', async () => {
      await act.click(page.getByRole('button', { name: 'Programmer', exact: true }));
      await act.click(page.getByRole('alertdialog').getByRole('button', { name: 'Confirmer' }));
      await page.getByTestId('lifecycle-status').getByText('Programmée').waitFor();
      await expectAccessible(page, 'setup-consultation');
      await expectFrench(page, missing);
    });

    expect(act.count).toBeLessThanOrEqual(20);
    const saved = await consultationTitled('Plan vélo 2027');
    // The minutes typed are the minutes kept; the phases cover the period, in order, with the template's rules.
    expect(new Date(saved!.opensAt).getTime()).toBe(opens.getTime());
    expect(new Date(saved!.closesAt).getTime()).toBe(closes.getTime());
    expect(saved!.phases.map((p: { kind: string }) => p.kind)).toEqual(['information', 'contribution', 'analysis']);
    expect(saved!.phases[0].startsAt).toBe(opens.toISOString());
    expect(saved!.phases[2].endsAt).toBe(closes.toISOString());
    expect(saved!.allowContributions).toBe(true);
    const withPlace = (await server.strapi.documents(CONSULTATION).findOne({ documentId: saved!.documentId, populate: ['territory'] } as never)) as Record<
      string,
      any
    >;
    expect(withPlace.territory?.name).toBe('Saint-Nazaire');
    const read = await supertest(server.base).get(`/api/participation/consultations/${saved!.slug}`);
    expect(read.body.data).toMatchObject({ status: 'scheduled', title: 'Plan vélo 2027' });
  });

  it('refuses a date it cannot read on its field, in French, and keeps what was typed', async () => {
    const field = page.getByLabel(/^Résumé\*?$/);
    await field.fill('Où faut-il de nouvelles pistes cyclables ? (mise à jour)');
    const closing = page.getByLabel('Date de clôture');
    await closing.fill('31/02/2027 10:00');
    await page.getByText('Date non comprise : écrivez-la JJ/MM/AAAA HH:MM (par exemple 15/01/2027 09:30).').first().waitFor();
    // The server refuses the save (400 on the field); the form comes back with what was typed.
    const refused = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/content-manager/collection-types/${CONSULTATION}/`));
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    expect((await refused).status()).toBe(400);
    await page
      .getByText(/Date non comprise/)
      .first()
      .waitFor();
    await until(
      async () =>
        (await closing.inputValue()) === '31/02/2027 10:00' && (await field.inputValue()) === 'Où faut-il de nouvelles pistes cyclables ? (mise à jour)'
    );
    const saved = await consultationTitled('Plan vélo 2027');
    expect(new Date(saved!.closesAt).getTime()).toBe(closes.getTime());
  });

  it('duplicates it in one action: a new draft with the texts, phases and rules, titled as a copy, no results', async () => {
    await page.reload();
    await page.getByTestId('lifecycle-panel').waitFor();
    await page.getByRole('button', { name: 'Dupliquer cette consultation' }).click();
    await page
      .getByLabel(/^Titre\*?$/)
      .and(page.locator('[value="Copie de Plan vélo 2027"]'))
      .waitFor();
    await page.getByTestId('lifecycle-status').getByText('Brouillon').waitFor();
    const copy = await consultationTitled('Copie de Plan vélo 2027');
    expect(copy).toMatchObject({ summary: 'Où faut-il de nouvelles pistes cyclables ?', slug: 'copie-de-plan-velo-2027', resultsSynthesis: null });
    expect(copy!.phases.map((p: { kind: string }) => p.kind)).toEqual(['information', 'contribution', 'analysis']);
    const lifecycle = await server.strapi.plugin('participation').service('lifecycle').state(copy!.documentId);
    expect(lifecycle.status).toBe('draft');
    await screenshot(page, 'setup-copie');
  });

  it('names the controls of every dialog in French for screen readers (the design system says « Close modal »)', async () => {
    await page.getByText('Cliquer pour ajouter un média ou glisser-déposer dans cette zone').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await englishControlNames(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Fermer la fenêtre' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  });
});
