import type { Browser } from 'playwright-core';
import supertest from 'supertest';
import { chooseCommune, createStaff, expectAccessible, expectFrench, launchBrowser, login, newPage, startServer, step, watchTranslations } from './browser';

/**
 * A participation agent runs petitions in the admin, as the role that does it: sets a scheme and its threshold
 * stages, decides admissibility with reasons, enters a paper signature and checks it, publishes the official answer,
 * imports a grouping of communes. Every screen is checked with axe (WCAG 2.1 AA) and for missing French.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const PASSWORD = 'Participer2026!';
const api = () => supertest(server.base);
let petition: { slug: string; documentId: string };
let communes: string[];
let openPetition: { slug: string };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const s = server.strapi;
  await createStaff(s, 'Agent participation', 'agent@loire-atlantique.test', 'Agathe', PASSWORD);
  const petitions = s.plugin('participation').service('petitions');
  await petitions.saveScheme(null, {
    name: 'Pétition citoyenne',
    slug: 'petition-citoyenne',
    kind: 'petition',
    criteria: 'Relever des compétences du Département.',
    minimumAge: 16,
    groupingKey: 'epci',
    stages: [{ key: 'dialogue', label: 'Rencontre avec les élu·es', signatures: 2, withinDays: 90, triggers: 'dialogue_meeting' }],
    retentionDays: 180,
    acceptsPetitions: true,
  });
  const citizen = await api().post('/api/auth/local/register').send({ username: 'lou', email: 'lou@exemple.test', password: 'MotDePasse2026!' });
  const filed = await api().post('/api/participation/petitions').set('Authorization', `Bearer ${citizen.body.jwt}`).send({
    scheme: 'petition-citoyenne',
    title: 'Un passage piéton devant le collège',
    body: 'Les élèves traversent la route départementale sans passage protégé : nous demandons un passage piéton avec feu.',
    confirmsMinimumAge: true,
  });
  petition = filed.body.data;
  communes = (await api().get('/api/participation/territory-groupings/epci')).body.data.flatMap((t: { communes: string[] }) => t.communes);
  await api().post('/api/auth/local/register').send({ username: 'maya', email: 'maya@exemple.test', password: 'MotDePasse2026!' });
  const second = await petitions.file(
    { id: citizen.body.user.id, displayName: 'lou' },
    {
      scheme: 'petition-citoyenne',
      title: 'Des bancs le long de la voie verte',
      body: 'Des bancs tous les deux kilomètres le long de la voie verte, pour que les personnes âgées puissent faire des pauses.',
      authorKind: 'citizen',
      confirmsMinimumAge: true,
    }
  );
  await petitions.decide(second.documentId, { decision: 'admissible' }, { id: 0, name: 'Préparation du test' });
  openPetition = second;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a participation agent running petitions', () => {
  it('decides admissibility, enters and checks a paper signature, answers, sets a scheme and imports cantons, in French and accessibly', async () => {
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    await step(page, 'petitions-connexion', () => login(page, server.base, 'agent@loire-atlantique.test', PASSWORD));

    await step(page, 'petitions-file', async () => {
      await page.goto(`${server.base}/admin/plugins/participation/petitions`);
      await page.getByRole('heading', { name: 'Pétitions et interpellations', level: 1 }).waitFor();
      await page.getByTestId('petitions-to-review').getByText('1 pétition à examiner').waitFor();
      await expectAccessible(page, 'petitions-file');
      await expectFrench(page, missing);
    });

    await step(page, 'petitions-recevabilite', async () => {
      await page.getByRole('button', { name: 'Ouvrir la pétition « Un passage piéton devant le collège »' }).click();
      await page.getByRole('heading', { name: 'Un passage piéton devant le collège' }).waitFor();
      await page.getByRole('button', { name: 'Décider de la recevabilité' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: 'Décision' }).click();
      await page.getByRole('option', { name: 'Irrecevable' }).click();
      await dialog.getByRole('button', { name: 'Enregistrer la décision' }).click();
      await dialog.getByText('Motivez la décision.').waitFor();
      await dialog.getByRole('combobox', { name: 'Décision' }).click();
      await page.getByRole('option', { name: 'Recevable : ouvrir les signatures' }).click();
      await expectAccessible(page, 'petitions-decision', '[role="dialog"]');
      await dialog.getByRole('button', { name: 'Enregistrer la décision' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('petition-status').getByText('Ouverte aux signatures').waitFor();
    });
    expect((await api().get(`/api/participation/petitions/${petition.slug}`)).body.data.status).toBe('open');

    await step(page, 'petitions-papier', async () => {
      await page.getByRole('button', { name: 'Saisir une signature papier' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Nom et prénom').fill('Jeanne Martin');
      await dialog.getByLabel('Date de naissance').fill('1970-04-02');
      // A place outside the département is not offered.
      await dialog.getByRole('combobox', { name: 'Commune' }).fill('99999');
      await page.getByText('Aucune commune de ce nom dans le département').waitFor();
      await chooseCommune(page, dialog, communes[0], new RegExp(`\\(${communes[0]}\\)$`));
      await dialog.getByLabel('Provenance').fill('Feuillet 1, ligne 3');
      await dialog.getByRole('button', { name: 'Enregistrer la signature' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('paper-signature-row').getByText('Jeanne Martin').waitFor();
      await expectAccessible(page, 'petitions-papier');
      await page.getByRole('button', { name: 'Valider la signature de Jeanne Martin' }).click();
      await page.getByTestId('paper-signature-row').waitFor({ state: 'detached' });
      await page.getByText('Progression : 1 signature vérifiée').waitFor();
    });
    expect((await api().get(`/api/participation/petitions/${petition.slug}`)).body.data.signaturesCount).toBe(1);

    await step(page, 'petitions-reponse', async () => {
      await page.getByRole('button', { name: 'Publier la réponse officielle' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Réponse motivée').fill('Un passage piéton avec feu sera installé avant la rentrée, avec la commune.');
      await dialog.getByRole('button', { name: 'Publier la réponse' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('petition-status').getByText('Réponse publiée').waitFor();
      await expectAccessible(page, 'petitions-reponse');
      await expectFrench(page, missing);
    });
    expect((await api().get(`/api/participation/petitions/${petition.slug}`)).body.data.answer.text).toBe(
      'Un passage piéton avec feu sera installé avant la rentrée, avec la commune.'
    );

    await step(page, 'petitions-dispositif', async () => {
      await page.getByRole('tab', { name: 'Dispositifs et seuils' }).click();
      await page.getByRole('button', { name: 'Nouveau dispositif' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^Nom/).fill("Droit d'interpellation");
      await dialog.getByLabel('Identifiant').fill('droit-interpellation');
      await dialog.getByLabel('Intitulé').fill("Ordre du jour de l'assemblée");
      await dialog.getByLabel('Signatures requises').fill('20000');
      await dialog.getByLabel('En (jours)').fill('365');
      await dialog.getByLabel('Territoires distincts (min.)').fill('10');
      await expectAccessible(page, 'petitions-dispositif', '[role="dialog"]');
      await dialog.getByRole('button', { name: 'Enregistrer le dispositif' }).click();
      await dialog.getByText('Une condition territoriale demande un regroupement.').waitFor();
      await dialog.getByRole('combobox', { name: 'Regroupement territorial' }).click();
      await page.getByRole('option', { name: /Intercommunalités/ }).click();
      await dialog.getByRole('button', { name: 'Enregistrer le dispositif' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('scheme-row').getByText("Droit d'interpellation").waitFor();
      await expectFrench(page, missing);
    });
    const schemes = (await api().get('/api/participation/petition-schemes')).body.data;
    expect(schemes.find((s: { slug: string }) => s.slug === 'droit-interpellation')).toMatchObject({
      groupingKey: 'epci',
      stages: [expect.objectContaining({ signatures: 20000, minTerritories: 10, withinDays: 365 })],
    });

    await step(page, 'petitions-regroupements', async () => {
      await page.getByRole('tab', { name: 'Regroupements territoriaux' }).click();
      await page
        .getByLabel('Contenu du fichier')
        .fill(`COM;CAN;LIBELLE\n${communes[0]};4401;Canton Un\n${communes[1]};4401;Canton Un\n${communes[1]};4402;Canton Deux`);
      await page.getByRole('button', { name: 'Importer', exact: true }).click();
      await page
        .getByRole('status')
        .getByText(/2 territoires, 2 communes \(1 partagées/)
        .waitFor();
      await page.getByTestId('grouping-row').getByText('Cantons (cantons)').waitFor();
      await expectAccessible(page, 'petitions-regroupements');
      await expectFrench(page, missing);
    });
    await page.close();
  });
});

describe('a citizen on the reference site', () => {
  it('finds a petition, signs it with their commune, sees the progress, and withdraws, accessibly', async () => {
    const page = await newPage(browser);
    page.on('dialog', (dialog) => dialog.accept());
    await step(page, 'site-petitions', async () => {
      await page.goto(`${server.base}/site/#/petitions`);
      await page.getByRole('heading', { name: 'Pétitions et interpellations' }).waitFor();
      await expectAccessible(page, 'site-petitions');
      await page.getByRole('link', { name: 'Des bancs le long de la voie verte' }).click();
      await page.getByRole('heading', { name: 'Des bancs le long de la voie verte', level: 1 }).waitFor();
      expect(await page.title()).toBe('Des bancs le long de la voie verte — Pétitions — Participer — Loire-Atlantique');
      await page.getByText('Connectez-vous pour signer.').waitFor();
      await expectAccessible(page, 'site-petition-anonyme');
    });
    await step(page, 'site-petition-connexion', async () => {
      await page.getByRole('region', { name: 'Signer' }).getByRole('link', { name: 'Se connecter' }).click();
      await page.getByLabel('Adresse e-mail ou pseudonyme').fill('maya@exemple.test');
      await page.getByLabel('Mot de passe').fill('MotDePasse2026!');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Des bancs le long de la voie verte', level: 1 }).waitFor();
    });
    await step(page, 'site-petition-signer', async () => {
      await page.getByRole('button', { name: 'Signer la pétition' }).click();
      await page.getByText('Choisissez votre commune dans la liste.').waitFor();
      await page.getByLabel('Votre commune').fill('Nantes (44109)');
      await page.getByRole('button', { name: 'Signer la pétition' }).click();
      await page.getByText('Cochez la case').waitFor();
      await page.getByLabel('J’ai 16 ans ou plus').check();
      await expectAccessible(page, 'site-petition-formulaire');
      await page.getByRole('button', { name: 'Signer la pétition' }).click();
      await page.getByText('Merci ! Votre signature est enregistrée.').waitFor();
      await page.getByText('Progression : 1 signature').waitFor();
      await expectAccessible(page, 'site-petition-signee');
    });
    const signed = await api().get(`/api/participation/petitions/${openPetition.slug}`);
    expect(signed.body.data.signaturesCount).toBe(1);
    await step(page, 'site-petition-retrait', async () => {
      await page.getByRole('button', { name: 'Retirer ma signature' }).click();
      await page.getByText('Votre signature est retirée.').waitFor();
    });
    expect((await api().get(`/api/participation/petitions/${openPetition.slug}`)).body.data.signaturesCount).toBe(0);
    await page.close();
  });
});
