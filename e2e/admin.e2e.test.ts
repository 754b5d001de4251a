import type { Browser } from 'playwright-core';
import supertest from 'supertest';
import { createStaff, expectAccessible, launchBrowser, login, newPage, startServer, step, until } from './browser';

let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const PASSWORD = 'Participer2026!';
const fixtures: Record<string, any> = {};

const adminUser = (role: string, email: string, firstname: string) => createStaff(server.strapi, role, email, firstname, PASSWORD);

const api = () => supertest(server.base);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const s = server.strapi;
  fixtures.moderator = await adminUser('Modérateur', 'moderatrice@loire-atlantique.test', 'Maëlle');
  fixtures.agent = await adminUser('Agent participation', 'agent@loire-atlantique.test', 'Agathe');
  fixtures.communication = await adminUser('Communication', 'communication@loire-atlantique.test', 'Coline');
  const superAdmin = await adminUser('strapi-super-admin', 'admin@loire-atlantique.test', 'Admin');

  const lifecycle = s.plugin('participation').service('lifecycle');
  const actor = { type: 'admin' as const, id: null, name: 'Préparation du test' };
  const consultation = await s.documents('plugin::participation.consultation').create({
    data: {
      title: 'Pont de Cheviré à vélo',
      summary: 'Comment traverser la Loire à vélo ?',
      opensAt: new Date(Date.now() + 60_000),
      closesAt: new Date(Date.now() + 30 * 86_400_000),
    },
    status: 'published',
  } as any);
  await lifecycle.transition(consultation.documentId, { to: 'scheduled' }, actor);
  await lifecycle.transition(consultation.documentId, { to: 'open' }, actor);
  fixtures.consultation = consultation;

  const register = async (username: string) => {
    const res = await api()
      .post('/api/auth/local/register')
      .send({ username, email: `${username}@exemple.test`, password: 'MotDePasse2026!' });
    return { id: res.body.user.id, jwt: res.body.jwt, displayName: username };
  };
  const contributions = s.plugin('participation').service('contributions');
  const [lea, tom] = [await register('lea'), await register('tom')];
  fixtures.tom = tom;
  fixtures.good = (
    await contributions.submit(consultation.slug, lea, { title: 'Une passerelle dédiée', body: 'Une passerelle cyclable accrochée au pont.' })
  ).data;
  fixtures.bad = (await contributions.submit(consultation.slug, tom, { title: 'Les impôts', body: 'Parlons plutôt des impôts locaux.' })).data;
  fixtures.batch = [];
  for (let i = 0; i < 10; i += 1) {
    const citizen = await register(`lot${i}`);
    fixtures.batch.push((await contributions.submit(consultation.slug, citizen, { title: `Idée du lot ${i}`, body: `Une idée recevable numéro ${i}.` })).data);
  }
  void superAdmin;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the admin panel', () => {
  it('lets a moderator approve one contribution and reject another with a reason; the public API reflects both', async () => {
    const page = await newPage(browser);
    await step(page, 'moderateur-connexion', () => login(page, server.base, fixtures.moderator, PASSWORD));
    await step(page, 'moderateur-file', async () => {
      await page.goto(`${server.base}/admin/plugins/participation/moderation`);
      await page.getByRole('heading', { name: 'File de modération' }).waitFor();
      await page.locator(`[data-document-id="${fixtures.good.documentId}"]`).waitFor();
    });
    await step(page, 'moderateur-approuver', async () => {
      await page.locator(`[data-document-id="${fixtures.good.documentId}"]`).getByRole('button', { name: 'Approuver' }).click();
      await page.locator(`[data-document-id="${fixtures.good.documentId}"]`).waitFor({ state: 'detached' });
    });
    await step(page, 'moderateur-refuser', async () => {
      await page.locator(`[data-document-id="${fixtures.bad.documentId}"]`).getByRole('button', { name: 'Refuser' }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByRole('combobox').click();
      await page.getByRole('option', { name: 'Hors du sujet de la consultation' }).click();
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await page.locator(`[data-document-id="${fixtures.bad.documentId}"]`).waitFor({ state: 'detached' });
    });

    const good = await api().get(`/api/participation/contributions/${fixtures.good.documentId}`);
    expect(good.status).toBe(200);
    expect((await api().get(`/api/participation/contributions/${fixtures.bad.documentId}`)).status).toBe(404);
    const mine = await api().get('/api/participation/me/contributions').set('Authorization', `Bearer ${fixtures.tom.jwt}`);
    expect(mine.body.data[0].moderation).toEqual({ status: 'rejected', reason: 'Hors du sujet de la consultation' });

    await step(page, 'moderateur-lot', async () => {
      // Ten pending ideas decided at once: select all, approve.
      await page.getByRole('checkbox', { name: 'Tout sélectionner' }).click();
      await page.getByRole('button', { name: /^Approuver \(10\)$/ }).click();
      await page.getByText('Rien à modérer pour ces filtres').waitFor();
    });
    const list = await api().get(`/api/participation/consultations/${fixtures.consultation.slug}/contributions`).query({ pageSize: 50 });
    expect(list.body.meta.pagination.total).toBe(11);
    await page.close();
  });

  it('lets a citizen take part through the reference site', async () => {
    const page = await newPage(browser);
    await step(page, 'citoyen-liste', async () => {
      await page.goto(`${server.base}/site/`);
      await page.getByRole('heading', { name: 'En ce moment' }).waitFor();
      await page.getByRole('link', { name: 'Pont de Cheviré à vélo' }).click();
      await page.getByRole('heading', { name: 'Pont de Cheviré à vélo' }).waitFor();
      await page.getByRole('region', { name: 'Contribuer' }).getByText('Connectez-vous pour participer.').waitFor();
      expect(await page.locator('main').innerText()).not.toMatch(/\bnull\b|undefined/);
    });
    await step(page, 'citoyen-connexion', async () => {
      await page.getByRole('region', { name: 'Contribuer' }).getByRole('link', { name: 'Se connecter' }).click();
      await page.getByLabel('Adresse e-mail ou pseudonyme').fill('tom@exemple.test');
      await page.getByLabel('Mot de passe').fill('MotDePasse2026!');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Pont de Cheviré à vélo' }).waitFor();
    });
    await step(page, 'citoyen-contribution', async () => {
      await page.getByLabel('Titre').fill('Un passage sous le pont');
      await page.getByLabel('Votre contribution').fill('Un passage protégé pour les vélos sous le tablier du pont.');
      await page.getByRole('button', { name: 'Envoyer ma contribution' }).click();
      await page.getByText('Merci ! Votre contribution sera publiée après modération.').waitFor();
    });
    const mine = await api().get('/api/participation/me/contributions').set('Authorization', `Bearer ${fixtures.tom.jwt}`);
    expect(mine.body.data.map((c: any) => [c.title, c.moderation.status])).toContainEqual(['Un passage sous le pont', 'pending']);
    await step(page, 'citoyen-suivre', async () => {
      // The button says what it will do: « Suivre », then « Ne plus suivre » once followed.
      await page.getByRole('button', { name: 'Suivre cette consultation' }).click();
      await page.getByText('Vous suivez cette consultation.').waitFor();
      await page.getByRole('button', { name: 'Ne plus suivre cette consultation' }).waitFor();
      await expectAccessible(page, 'citoyen-suivre');
    });
    await step(page, 'citoyen-notifications', async () => {
      await page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: /^Mon compte/ })
        .click();
      await page.getByRole('main').getByRole('link', { name: 'Mes notifications' }).click();
      await page.getByRole('heading', { name: 'Mes notifications' }).waitFor();
      await page.getByRole('group', { name: 'Une contribution suivie reçoit une réponse officielle' }).getByLabel('Tout de suite').check();
      await page.getByRole('button', { name: 'Enregistrer mes choix' }).click();
      await page.getByText('Vos choix sont enregistrés.').waitFor();
      await page.getByRole('button', { name: 'Ne plus suivre « Pont de Cheviré à vélo »' }).waitFor();
      await expectAccessible(page, 'citoyen-notifications');
    });
    const prefs = await api().get('/api/participation/me/notification-preferences').set('Authorization', `Bearer ${fixtures.tom.jwt}`);
    expect(prefs.body.data.frequencies).toMatchObject({ official_answer: 'immediate', consultation_closed: 'daily' });
    const follows = await api().get('/api/participation/me/follows').set('Authorization', `Bearer ${fixtures.tom.jwt}`);
    expect(follows.body.data.map((f: any) => f.slug)).toEqual([fixtures.consultation.slug]);
    await page.close();
  });

  it('lets an agent close an open consultation from its edit view', async () => {
    const page = await newPage(browser);
    await step(page, 'agent-connexion', () => login(page, server.base, fixtures.agent, PASSWORD));
    await step(page, 'agent-cloturer', async () => {
      await page.goto(`${server.base}/admin/content-manager/collection-types/plugin::participation.consultation/${fixtures.consultation.documentId}`);
      await page.getByText('Cycle de vie').waitFor();
      // Communications staff write the easy-to-read summary the site shows first.
      await page.getByText('Résumé facile à lire (FALC)').waitFor();
      await page.getByTestId('lifecycle-status').filter({ hasText: 'Ouverte' }).waitFor();
      await page.getByRole('button', { name: 'Clôturer maintenant' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Confirmer' }).click();
      await page.getByTestId('lifecycle-status').filter({ hasText: 'Clôturée' }).waitFor();
    });
    const read = await api().get(`/api/participation/consultations/${fixtures.consultation.slug}`);
    expect(read.body.data.status).toBe('closed');
    await page.close();
  });

  it('keeps what an agent typed when a save is refused (the form went back to the saved version)', async () => {
    const page = await newPage(browser);
    await step(page, 'agent-connexion-refus', () => login(page, server.base, fixtures.agent, PASSWORD));
    await step(page, 'agent-refus-garde-la-saisie', async () => {
      await page.goto(`${server.base}/admin/content-manager/collection-types/plugin::participation.consultation/${fixtures.consultation.documentId}`);
      await page.getByText('Cycle de vie').waitFor();
      await page.getByLabel('Résumé facile à lire (FALC)').fill('Un texte long que l’agent ne veut pas perdre.');
      // The address of an opened consultation no longer changes: the server refuses the save.
      await page.getByLabel('Adresse (slug)').fill('une-autre-adresse');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page
        .getByText(/ne change plus une fois ouverte/)
        .first()
        .waitFor();
      await page.waitForTimeout(500);
      expect(await page.getByLabel('Résumé facile à lire (FALC)').inputValue()).toBe('Un texte long que l’agent ne veut pas perdre.');
      expect(await page.getByLabel('Adresse (slug)').inputValue()).toBe('une-autre-adresse');
    });
    const stored = (await server.strapi.documents('plugin::participation.consultation').findOne({ documentId: fixtures.consultation.documentId })) as any;
    expect(stored.easyRead ?? null).not.toBe('Un texte long que l’agent ne veut pas perdre.');
    await page.close();
  });

  it('lets a Communication user find, edit and publish the site’s pages (its role had no locale: « 0 entrées », « Forbidden »)', async () => {
    for (const [title, slug] of [
      ['Mentions légales', 'mentions-legales'],
      ['Accessibilité', 'accessibilite'],
      ['Nous contacter', 'contact'],
    ]) {
      await server.strapi.documents('api::page.page').create({ data: { title, slug, summary: 'À relire.' }, locale: 'fr', status: 'published' } as any);
    }
    const page = await newPage(browser);
    await step(page, 'communication-connexion-pages', () => login(page, server.base, fixtures.communication, PASSWORD));
    await step(page, 'communication-pages', async () => {
      await page.goto(`${server.base}/admin/content-manager/collection-types/api::page.page?plugins[i18n][locale]=fr`);
      await page.getByRole('gridcell', { name: 'Accessibilité' }).waitFor();
      expect(await page.getByText(/0 entrée/).count()).toBe(0);
      await page.getByRole('gridcell', { name: 'Accessibilité' }).click();
      await page.getByLabel('Résumé').fill('Le site vise le niveau AA du RGAA 4.1.');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByRole('button', { name: 'Publier' }).click();
      await page
        .getByText(/Publié/)
        .first()
        .waitFor();
    });
    await until(
      async () => (await api().get('/api/pages?filters[slug][$eq]=accessibilite')).body.data?.[0]?.summary === 'Le site vise le niveau AA du RGAA 4.1.'
    );
    expect(await page.getByText('Forbidden').count()).toBe(0);
    await page.close();
  });

  it('shows a Communication user the calendar and the rules read-only, with the reason, and saves the texts', async () => {
    const page = await newPage(browser);
    await step(page, 'communication-connexion-lecture-seule', () => login(page, server.base, fixtures.communication, PASSWORD));
    await step(page, 'communication-lecture-seule', async () => {
      await page.goto(`${server.base}/admin/content-manager/collection-types/plugin::participation.consultation/${fixtures.consultation.documentId}`);
      await page.getByText('Cycle de vie').waitFor();
      expect(await page.getByRole('button', { name: 'Ajouter une phase' }).isDisabled()).toBe(true);
      await page.getByText(/La consultation se clôt seule à cette date\. Réservé aux agents de la participation\./).waitFor();
      await page.getByLabel('Résumé facile à lire (FALC)').fill('On cherche comment passer la Loire à vélo.');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Sauvegardé').first().waitFor();
    });
    await until(
      async () =>
        ((await server.strapi.documents('plugin::participation.consultation').findOne({ documentId: fixtures.consultation.documentId })) as any)?.easyRead ===
        'On cherche comment passer la Loire à vélo.'
    );
    await page.close();
  });

  it('keeps a Communication user out of the moderation page', async () => {
    const page = await newPage(browser);
    await step(page, 'communication-connexion', () => login(page, server.base, fixtures.communication, PASSWORD));
    await step(page, 'communication-moderation', async () => {
      await page.goto(`${server.base}/admin/plugins/participation/moderation`);
      await page.getByText("Vous n'avez pas les permissions pour accéder à ce contenu").waitFor();
    });
    expect(await page.getByTestId('moderation-row').count()).toBe(0);
    await page.close();
  });
});
