import type { Browser } from 'playwright-core';
import supertest from 'supertest';
import { chooseCommune, createStaff, expectAccessible, expectFrench, launchBrowser, login, newPage, startServer, step, watchTranslations } from './browser';

/**
 * A participatory budget in the admin and on the reference site: an agent declares a project admissible with a
 * revised cost and enters a paper ballot; a citizen votes in one go and keeps the receipt. Each screen is checked
 * with axe (WCAG 2.1 AA) and, in the admin, for missing French.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const PASSWORD = 'Participer2026!';
const api = () => supertest(server.base);
const DAY = 86_400_000;
let budget: { documentId: string; slug: string };
const projects: { documentId: string; title: string }[] = [];
let communes: string[];

const SETTINGS = {
  envelope: 100_000,
  territoryEnvelopes: [],
  groupingKey: 'epci',
  minProjectCost: 1_000,
  maxProjectCost: 50_000,
  method: 'approval',
  minChoices: 1,
  maxChoices: 2,
  minimumAge: 16,
  eligibilityLinks: ['live', 'work', 'study'],
  oneWinnerPerTerritory: false,
  blankVoteAllowed: true,
  showLiveCounts: false,
  comments: 'a_posteriori',
};
const calendar = (shiftDays: number) => {
  const d = (n: number) => new Date(Date.now() + (n + shiftDays) * DAY).toISOString();
  return { filingOpensAt: d(-1), filingClosesAt: d(1), voteOpensAt: d(2), voteClosesAt: d(10) };
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const s = server.strapi;
  await createStaff(s, 'Agent participation', 'agent@loire-atlantique.test', 'Agathe', PASSWORD);
  const budgets = s.plugin('participation').service('budgets');
  const created = await budgets.saveProcess(null, { name: 'Budget participatif 2027', slug: 'budget-2027', ...calendar(0), settings: SETTINGS });
  budget = { documentId: created.documentId, slug: created.slug };
  communes = (await api().get('/api/participation/territory-groupings/epci')).body.data.flatMap((t: { communes: string[] }) => t.communes);
  const author = await api().post('/api/auth/local/register').send({ username: 'lou', email: 'lou@exemple.test', password: 'MotDePasse2026!' });
  for (const [title, cost] of [
    ['Des bancs le long de la voie verte', 30_000],
    ['Un verger partagé au collège', 40_000],
  ] as const) {
    const res = await api()
      .post('/api/participation/budgets/budget-2027/projects')
      .set('Authorization', `Bearer ${author.body.jwt}`)
      .send({
        title,
        description: `${title} : un projet utile à tous, proposé par des habitant·es du territoire.`,
        estimatedCost: cost,
        communeCode: communes[0],
      });
    projects.push({ documentId: res.body.data.documentId, title });
  }
  await budgets.decideProject(projects[1].documentId, { decision: 'admissible' }, { id: 0, name: 'Préparation du test' });
  await api().post('/api/auth/local/register').send({ username: 'maya', email: 'maya@exemple.test', password: 'MotDePasse2026!' });
  await createStaff(s, 'Modérateur', 'moderation@loire-atlantique.test', 'Modeste', PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a participation agent running a participatory budget', () => {
  it('declares a project admissible with a revised cost, then enters a paper ballot, in French and accessibly', async () => {
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    await step(page, 'budgets-connexion', () => login(page, server.base, 'agent@loire-atlantique.test', PASSWORD));
    await step(page, 'budgets-liste', async () => {
      await page.goto(`${server.base}/admin/plugins/participation/budgets`);
      await page.getByRole('heading', { name: 'Budgets participatifs', level: 1 }).waitFor();
      await page.getByTestId('budget-row').getByText('Dépôt des projets').waitFor();
      await expectAccessible(page, 'budgets-liste');
      await page.getByRole('button', { name: 'Ouvrir le budget « Budget participatif 2027 »' }).click();
      await page.getByRole('heading', { name: 'Budget participatif 2027', level: 2 }).waitFor();
      await expectAccessible(page, 'budgets-fiche');
      await expectFrench(page, missing);
    });
    await step(page, 'budgets-recevabilite', async () => {
      await page.getByRole('button', { name: 'Décider sur le projet « Des bancs le long de la voie verte »' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('combobox', { name: 'Décision' }).click();
      await page.getByRole('option', { name: 'Recevable : soumis au vote' }).click();
      await dialog.getByLabel(/Service chargé de/).fill('Direction des routes');
      await dialog.getByLabel('Coût révisé (€)').fill('35000');
      await expectAccessible(page, 'budgets-decision', '[role="dialog"]');
      await dialog.getByRole('button', { name: 'Enregistrer la décision' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('budget-project-row').filter({ hasText: 'Des bancs le long de la voie verte' }).getByText('35 000 €').waitFor();
    });
    const project = await api().get(`/api/participation/budget-projects/${projects[0].documentId}`);
    expect(project.body.data).toMatchObject({ status: 'admissible', cost: 35_000 });

    await step(page, 'budgets-projet-papier', async () => {
      await page.getByRole('button', { name: 'Saisir un projet papier' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Titre').fill('Un composteur partagé au bourg');
      await dialog.getByLabel('Présentation').fill('Un composteur partagé près de la mairie, entretenu par les voisins.');
      await dialog.getByLabel('Coût estimé (€)').fill('500');
      await chooseCommune(page, dialog, communes[0], new RegExp(`\\(${communes[0]}\\)$`));
      await dialog.getByLabel(/Nom de l'auteur/).fill('Association du bourg');
      await dialog.getByLabel('Provenance').fill('Courrier reçu le 2 mars');
      await dialog.getByRole('button', { name: 'Enregistrer le projet' }).click();
      await dialog.getByText(/entre 1000 € et 50000 €/).waitFor();
      await dialog.getByLabel('Coût estimé (€)').fill('5000');
      await expectAccessible(page, 'budgets-projet-papier', '[role="dialog"]');
      await dialog.getByRole('button', { name: 'Enregistrer le projet' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('budget-project-row').filter({ hasText: 'Un composteur partagé au bourg' }).getByText('À modérer').waitFor();
    });

    // The vote opens.
    await server.strapi
      .plugin('participation')
      .service('budgets')
      .saveProcess(budget.documentId, { name: 'Budget participatif 2027', slug: 'budget-2027', ...calendar(-3), settings: SETTINGS });
    await step(page, 'budgets-bulletin-papier', async () => {
      await page.reload();
      await page.getByRole('button', { name: 'Ouvrir le budget « Budget participatif 2027 »' }).click();
      await page.getByTestId('budget-stage').getByText('Vote').waitFor();
      await page.getByRole('button', { name: 'Saisir un bulletin papier' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Lieu de vote').fill('Maison du Département, Nantes');
      await dialog.getByLabel('Nom et prénom').fill('Yvonne Le Goff');
      await dialog.getByLabel('Date de naissance').fill('1950-02-03');
      await chooseCommune(page, dialog, communes[1], new RegExp(`\\(${communes[1]}\\)$`));
      await dialog.getByRole('checkbox', { name: /Un verger partagé au collège/ }).click();
      await expectAccessible(page, 'budgets-bulletin', '[role="dialog"]');
      await dialog.getByRole('button', { name: 'Enregistrer le bulletin' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Bulletins : 0 en ligne, 1 papier').waitFor();
      await expectFrench(page, missing);
    });
    await page.close();
  });
});

describe('a citizen on the reference site', () => {
  it('reads the rules, votes in one go and keeps the receipt, accessibly', async () => {
    const page = await newPage(browser);
    await step(page, 'site-budgets', async () => {
      await page.goto(`${server.base}/site/#/budgets`);
      await page.getByRole('heading', { name: 'Budgets participatifs', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Budget participatif 2027' }).click();
      await page.getByRole('heading', { name: 'Budget participatif 2027', level: 1 }).waitFor();
      // Signing in and signing up are both offered, each coming back to the budget.
      const notice = page.getByText(/^Pour voter : Se connecter ou créer un compte\.$/);
      await notice.waitFor();
      expect(await notice.getByRole('link', { name: 'créer un compte' }).getAttribute('href')).toMatch(/^#\/inscription\?retour=%2Fb%2F/);
      await expectAccessible(page, 'site-budget');
      await notice.getByRole('link', { name: 'Se connecter' }).click();
      await page.getByLabel('Adresse e-mail ou pseudonyme').fill('maya@exemple.test');
      await page.getByLabel('Mot de passe').fill('MotDePasse2026!');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Budget participatif 2027', level: 1 }).waitFor();
    });
    await step(page, 'site-budget-vote', async () => {
      // The running count, as in a polling booth.
      const tally = page.locator('.tally');
      await tally.getByText(/^0 projet choisi, 0 €/).waitFor();
      await page.getByRole('checkbox', { name: /Des bancs le long de la voie verte/ }).check();
      await tally.getByText(/^1 projet choisi, [\d\s\u202f]+ €/).waitFor();
      await page.getByLabel('Prénom et nom').fill('Maya Durand');
      await page.getByLabel('Date de naissance').fill('2000-06-01');
      const commune = await server.strapi.db.query('plugin::participation.territory').findOne({ where: { inseeCode: communes[0] } });
      await page.getByLabel('Votre commune').fill(`${commune.name} (${commune.inseeCode})`);
      await expectAccessible(page, 'site-budget-bulletin');
      await page.getByRole('button', { name: 'Valider mon vote' }).click();
      await page.getByText(/Merci ! Votre vote est enregistré. Récépissé : [A-Z2-9]{5}-[A-Z2-9]{5}/).waitFor();
      const receipt = page.getByRole('region', { name: 'Votre vote est enregistré' });
      await receipt.waitFor();
      // The receipt lists the projects chosen.
      await receipt.getByRole('listitem').filter({ hasText: 'Des bancs le long de la voie verte' }).waitFor();
      await expectAccessible(page, 'site-budget-vote');
    });
    await step(page, 'site-budget-changer', async () => {
      // Changing the vote asks nothing of the declaration again.
      expect(await page.getByLabel('Prénom et nom').isVisible()).toBe(false);
      await page.getByRole('checkbox', { name: /Des bancs le long de la voie verte/ }).uncheck();
      await page.getByRole('checkbox', { name: /Un verger partagé au collège/ }).check();
      await page.getByRole('button', { name: 'Modifier mon vote' }).click();
      await page.getByText(/Merci ! Votre vote est enregistré/).waitFor();
      await page.getByRole('region', { name: 'Votre vote est enregistré' }).getByRole('listitem').filter({ hasText: 'Un verger partagé au collège' }).waitFor();
    });
    await step(page, 'site-projet', async () => {
      // Each project has its own page.
      await page
        .getByRole('region', { name: /^Projets/ })
        .getByRole('link', { name: 'Un verger partagé au collège' })
        .click();
      await page.getByRole('heading', { name: 'Un verger partagé au collège', level: 1 }).waitFor();
      await page.getByText(/^Proposé par /).waitFor();
      // The budget takes comments on its projects: one is published at once and counted.
      await page.getByRole('heading', { name: '0 commentaire', level: 2 }).waitFor();
      await page.getByLabel('Votre commentaire').fill('Avec des variétés anciennes de pommes nantaises, ce serait parfait.');
      await page.getByRole('button', { name: 'Commenter' }).click();
      await page.getByRole('heading', { name: '1 commentaire', level: 2 }).waitFor();
      await page.getByRole('region', { name: '1 commentaire' }).getByText('Avec des variétés anciennes de pommes nantaises, ce serait parfait.').waitFor();
      await expectAccessible(page, 'site-projet');
      await page.getByRole('link', { name: '← Budget participatif 2027' }).click();
      await page.getByRole('heading', { name: 'Budget participatif 2027', level: 1 }).waitFor();
      // Projects searched by words (in the address, to be shared).
      await page.goto(`${server.base}/site/#/b/budget-2027?q=verger`);
      const found = page.getByRole('region', { name: /^Projets/ });
      await found.getByText('1 projet trouvé').waitFor();
      expect(
        await found
          .getByRole('listitem')
          .filter({ has: page.getByRole('heading', { level: 3 }) })
          .count()
      ).toBe(1);
      await found.getByRole('link', { name: 'Un verger partagé au collège' }).waitFor();
      await expectAccessible(page, 'site-projets-recherche');
    });
    await page.close();
    const admin = await server.strapi.plugin('participation').service('budgets').adminDetail(budget.documentId);
    expect(admin.data.participation).toMatchObject({ web: 1, paper: 1, total: 2 });
  });
});

describe('a moderator', () => {
  it('finds a comment on a project in the moderation queue, under its project and budget, and hides it', async () => {
    const project = projects[1];
    const [comment] = (await api().get(`/api/participation/budget-projects/${project.documentId}/comments`)).body.data;
    expect(comment.body).toMatch(/pommes nantaises/);
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    await step(page, 'moderation-projet-connexion', () => login(page, server.base, 'moderation@loire-atlantique.test', PASSWORD));
    await step(page, 'moderation-projet-file', async () => {
      await page.goto(`${server.base}/admin/plugins/participation/moderation?status=published`);
      const row = page.locator(`[data-document-id="${comment.documentId}"]`);
      await row.getByText(`Commentaire sur le projet « ${project.title} »`).waitFor();
      await row.getByText(/Budget participatif 2027/).waitFor();
      await expectAccessible(page, 'moderation-projet-file');
      await row.getByRole('button', { name: 'Masquer' }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByRole('combobox').click();
      await page.getByRole('option').first().click();
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await row.waitFor({ state: 'detached' });
      await expectFrench(page, missing);
    });
    await page.close();
    const after = await api().get(`/api/participation/budget-projects/${project.documentId}`);
    expect(after.body.data.commentsCount).toBe(0);
    expect((await api().get(`/api/participation/budget-projects/${project.documentId}/comments`)).body.data).toEqual([]);
  });
});

describe('a participation agent building a questionnaire', () => {
  it('builds it with a conditional question, publishes it, enters a paper answer and reads the results, in French and accessibly', async () => {
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    await step(page, 'questionnaires-connexion', () => login(page, server.base, 'agent@loire-atlantique.test', PASSWORD));
    await step(page, 'questionnaires-constructeur', async () => {
      await page.goto(`${server.base}/admin/plugins/participation/questionnaires`);
      await page.getByRole('heading', { name: 'Questionnaires', level: 1 }).waitFor();
      await page.getByText('Aucun questionnaire pour le moment.').waitFor();
      await expectAccessible(page, 'questionnaires-liste');
      await page.getByRole('button', { name: 'Nouveau questionnaire' }).click();
      await page.getByLabel(/^Titre\s*\*?$/).fill('Vos trajets vers le collège');
      await page.getByLabel('Adresse (slug)').fill('trajets-college');
      await page.getByLabel('Ouverture').fill('2026-01-05T09:00');
      await page.getByRole('checkbox', { name: 'Publié' }).click();
      await page.getByRole('button', { name: 'Ajouter une question' }).click();
      const first = page.getByTestId('question-editor').nth(0);
      await first.getByLabel(/^Question\s*\*?$/).fill('Venez-vous à vélo ?');
      await page.getByRole('button', { name: 'Ajouter une question' }).click();
      const second = page.getByTestId('question-editor').nth(1);
      await second.getByLabel(/^Question\s*\*?$/).fill('Qu’est-ce qui vous aiderait ?');
      await second.getByRole('combobox', { name: 'Type' }).click();
      await page.getByRole('option', { name: 'Réponse longue' }).click();
      await second.getByRole('combobox', { name: 'Afficher la question' }).click();
      await page.getByRole('option', { name: 'Venez-vous à vélo ?' }).click();
      await second.getByRole('combobox', { name: 'Si la réponse' }).click();
      await page.getByRole('option', { name: 'est égale à' }).click();
      await second.getByLabel('Valeur').fill('Oui');
      await expectAccessible(page, 'questionnaires-constructeur');
      // The preview shows the questionnaire as a respondent meets it, conditions live, nothing sent.
      await page.getByRole('button', { name: 'Aperçu' }).click();
      const preview = page.getByRole('dialog');
      expect(await preview.getByLabel('Qu’est-ce qui vous aiderait ?').count()).toBe(0);
      await preview.getByRole('combobox', { name: 'Venez-vous à vélo ?' }).click();
      await page.getByRole('option', { name: 'Oui' }).click();
      await preview.getByLabel('Qu’est-ce qui vous aiderait ?').fill('Des arceaux');
      await expectAccessible(page, 'questionnaires-apercu', '[role="dialog"]');
      await preview.getByRole('button', { name: 'Vérifier mes réponses' }).click();
      await preview.getByText('Ces réponses seraient acceptées (rien n’est enregistré).').waitFor();
      await preview.getByRole('button', { name: 'Annuler' }).click();
      await preview.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.getByText('Questionnaire enregistré.').first().waitFor();
      await expectFrench(page, missing);
    });
    const saved = await api().get('/api/participation/questionnaires/trajets-college');
    expect(saved.body.data.definition.pages[0].questions[1]).toMatchObject({
      type: 'long_text',
      condition: { question: 'question_1', op: 'equals', value: 'Oui' },
    });

    await step(page, 'questionnaires-papier', async () => {
      await page.getByRole('button', { name: 'Retour à la liste' }).click();
      await page.getByRole('button', { name: 'Résultats de « Vos trajets vers le collège »' }).click();
      await page.getByText('Aucune réponse (0 en ligne, 0 sur papier)').waitFor();
      await page.getByRole('button', { name: 'Saisir un questionnaire papier' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Lieu où il a été rempli').fill('Collège de Machecoul');
      expect(await dialog.getByLabel('Qu’est-ce qui vous aiderait ?').count()).toBe(0);
      await dialog.getByRole('combobox', { name: 'Venez-vous à vélo ?' }).click();
      await page.getByRole('option', { name: 'Oui' }).click();
      await dialog.getByLabel('Qu’est-ce qui vous aiderait ?').fill('Un garage à vélos couvert');
      await expectAccessible(page, 'questionnaires-papier', '[role="dialog"]');
      await dialog.getByRole('button', { name: 'Enregistrer la réponse' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('1 réponse (0 en ligne, 1 sur papier)').waitFor();
      await page.getByRole('button', { name: 'Lire les réponses libres' }).click();
      await page.getByTestId('texts').getByText('« Un garage à vélos couvert » (Papier)').waitFor();
      await expectAccessible(page, 'questionnaires-resultats');
      await expectFrench(page, missing);
    });
    await page.close();
  });
});

describe('a citizen answering a questionnaire on the reference site', () => {
  it('answers page by page with a question shown by a previous answer, saves a draft, resumes, is told what is missing, and keeps a receipt', async () => {
    await server.strapi
      .plugin('participation')
      .service('questionnaires')
      .save(null, {
        title: 'Le vélo au quotidien',
        slug: 'velo-quotidien',
        definition: {
          pages: [
            {
              key: 'trajets',
              title: 'Vos trajets',
              questions: [
                {
                  key: 'velo',
                  label: 'Venez-vous à vélo ?',
                  type: 'single_choice',
                  required: true,
                  other: false,
                  options: [
                    { key: 'oui', label: 'Oui' },
                    { key: 'non', label: 'Non' },
                  ],
                },
                {
                  key: 'km',
                  label: 'Combien de kilomètres par jour ?',
                  type: 'number',
                  required: true,
                  integer: true,
                  min: 0,
                  max: 200,
                  condition: { question: 'velo', op: 'equals', value: 'oui' },
                },
              ],
            },
            {
              key: 'avis',
              title: 'Votre avis',
              questions: [
                { key: 'note', label: 'Votre note des pistes cyclables', type: 'scale', required: true, min: 0, max: 10 },
                { key: 'photo', label: 'Une photo d’un point noir', type: 'file', required: false, maxFiles: 1 },
              ],
            },
          ],
        },
        audience: 'signed_in',
        editable: false,
        published: true,
        opensAt: new Date(Date.now() - DAY).toISOString(),
        closesAt: new Date(Date.now() + 10 * DAY).toISOString(),
        receiptNote: 'Les résultats seront publiés au printemps.',
      });
    const page = await newPage(browser);
    await step(page, 'site-questionnaire', async () => {
      await page.goto(`${server.base}/site/#/connexion?retour=${encodeURIComponent('/q/velo-quotidien')}`);
      await page.getByLabel('Adresse e-mail ou pseudonyme').fill('maya@exemple.test');
      await page.getByLabel('Mot de passe').fill('MotDePasse2026!');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Le vélo au quotidien', level: 1 }).waitFor();
      await page.getByText('Page 1 sur 2').waitFor();
      expect(await page.getByLabel(/Combien de kilomètres/).isVisible()).toBe(false);
      await page.getByRole('radio', { name: 'Oui' }).check();
      await page.getByLabel(/Combien de kilomètres/).fill('12');
      await expectAccessible(page, 'site-questionnaire-page-1');
      await page.getByRole('button', { name: 'Page suivante' }).click();
      await page.getByText('Page 2 sur 2').waitFor();
      // A file is told by its bytes: a text named .png is refused beside the field; a real PNG is sent and listed.
      await page.getByLabel('Choisir un fichier').setInputFiles({ name: 'faux.png', mimeType: 'image/png', buffer: Buffer.from('pas une image') });
      await page.getByRole('alert').getByText('Joignez un PDF, un JPEG ou un PNG.').waitFor();
      const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3000, 7)]);
      await page.getByLabel('Choisir un fichier').setInputFiles({ name: 'carrefour.png', mimeType: 'image/png', buffer: png });
      await page.getByRole('button', { name: 'Retirer carrefour.png' }).waitFor();
      await expectAccessible(page, 'site-questionnaire-fichier');
      await page.getByRole('button', { name: 'Enregistrer et reprendre plus tard' }).click();
      await page.getByText(/Brouillon enregistré/).waitFor();
    });
    await step(page, 'site-questionnaire-reprise', async () => {
      await page.reload();
      await page.getByText('Vous reprenez votre brouillon.').waitFor();
      expect(await page.getByRole('radio', { name: 'Oui' }).isChecked()).toBe(true);
      await page.getByRole('button', { name: 'Page suivante' }).click();
      await page.getByText(/carrefour\.png \(3 ko\)/).waitFor();
      await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await page.getByRole('alert').getByText('Cette question est obligatoire.').waitFor();
      await expectAccessible(page, 'site-questionnaire-erreur');
      await page.getByRole('radio', { name: '8', exact: true }).check();
      await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await page.getByText(/Votre récépissé : [A-Z2-9]{5}-[A-Z2-9]{5}/).waitFor();
      await page.getByText('Les résultats seront publiés au printemps.').waitFor();
      await expectAccessible(page, 'site-questionnaire-recepisse');
    });
    await page.close();
    const results = await server.strapi
      .plugin('participation')
      .service('questionnaire-reads')
      .adminResults((await api().get('/api/participation/questionnaires/velo-quotidien')).body.data.documentId, {});
    expect(results.data.respondents).toEqual({ online: 1, paper: 0, total: 1 });
    expect(results.data.questions.find((q: { key: string }) => q.key === 'km').stats).toEqual({ mean: 12, min: 12, max: 12 });
    const files = await server.strapi
      .plugin('participation')
      .service('questionnaire-reads')
      .files((await api().get('/api/participation/questionnaires/velo-quotidien')).body.data.documentId, 'photo', 1, 10);
    expect(files.data.map((f: { name: string; bytes: number }) => [f.name, f.bytes])).toEqual([['carrefour.png', 3008]]);
  });
});

describe('a public meeting, from the agent’s form to the door', () => {
  it('is created by an agent, a citizen registers on the site and gets a code and a QR code, and the agent checks the code in once', async () => {
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    await step(page, 'reunions-connexion', () => login(page, server.base, 'agent@loire-atlantique.test', PASSWORD));
    await step(page, 'reunions-formulaire', async () => {
      await page.goto(`${server.base}/admin/plugins/participation/reunions`);
      await page.getByRole('heading', { name: 'Réunions publiques', level: 1 }).waitFor();
      await page.getByText('Aucune réunion pour le moment.').waitFor();
      await expectAccessible(page, 'reunions-liste');
      await page.getByRole('button', { name: 'Nouvelle réunion' }).click();
      await page.getByLabel(/^Titre\s*\*?$/).fill('Atelier : les pistes cyclables du vignoble');
      await page.getByLabel('Adresse (slug)').fill('atelier-pistes-vignoble');
      const start = new Date(Date.now() + 10 * DAY);
      const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      await page.getByLabel(/^Début/).fill(local(start));
      await page.getByLabel(/^Fin/).fill(local(new Date(start.getTime() + 2 * 3_600_000)));
      await chooseCommune(page, page.locator('main'), 'st nazaire', /^Saint-Nazaire \(44184\)$/);
      await page.getByLabel(/^Adresse du lieu/).fill('Maison des associations, 2 bis avenue Albert-de-Mun');
      await page.getByRole('checkbox', { name: 'Accessible en fauteuil roulant' }).click();
      await page.getByLabel('Ordre du jour').fill('18:30 Accueil\n19:00 Ateliers par secteur');
      await page.getByLabel('Nombre de places en tout').fill('30');
      await page.getByRole('checkbox', { name: 'Publiée (visible sur le site)' }).click();
      // A refusal keeps what was typed: the end before the start is said under its field.
      await page.getByLabel(/^Fin/).fill(local(new Date(start.getTime() - 3_600_000)));
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.getByText('La fin doit suivre le début.').waitFor();
      expect(await page.getByLabel('Ordre du jour').inputValue()).toBe('18:30 Accueil\n19:00 Ateliers par secteur');
      await page.getByLabel(/^Fin/).fill(local(new Date(start.getTime() + 2 * 3_600_000)));
      // Not the hovered primary button's colours (Strapi's own): the pointer leaves it before the check.
      await page.mouse.move(0, 0);
      await expectAccessible(page, 'reunions-formulaire');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.getByText('Réunion enregistrée.').first().waitFor();
      await expectFrench(page, missing);
    });
    const published = await api().get('/api/participation/meetings/atelier-pistes-vignoble');
    expect(published.status).toBe(200);
    expect(published.body.data).toMatchObject({
      communeName: 'Saint-Nazaire',
      agenda: [
        { time: '18:30', title: 'Accueil' },
        { time: '19:00', title: 'Ateliers par secteur' },
      ],
      registration: { places: 30, placesLeft: 30 },
    });

    const meetingId = published.body.data.documentId as string;
    const louSession = await api().post('/api/auth/local').send({ identifier: 'lou@exemple.test', password: 'MotDePasse2026!' });
    const louCode = (
      await api().post('/api/participation/meetings/atelier-pistes-vignoble/registrations').set('Authorization', `Bearer ${louSession.body.jwt}`).send({})
    ).body.data.code as string;
    const staff = await api().post('/admin/login').send({ email: 'agent@loire-atlantique.test', password: PASSWORD });
    const adminApi = (path: string) => api().get(path).set('Authorization', `Bearer ${staff.body.data.token}`);

    const citizen = await newPage(browser);
    let code = '';
    await step(citizen, 'site-reunion', async () => {
      await citizen.goto(`${server.base}/site/#/connexion?retour=${encodeURIComponent('/reunions/atelier-pistes-vignoble')}`);
      await citizen.getByLabel('Adresse e-mail ou pseudonyme').fill('maya@exemple.test');
      await citizen.getByLabel('Mot de passe').fill('MotDePasse2026!');
      await citizen.getByRole('button', { name: 'Se connecter' }).click();
      await citizen.getByRole('heading', { name: 'Atelier : les pistes cyclables du vignoble', level: 1 }).waitFor();
      await citizen.getByText('29 places restantes sur 30').waitFor();
      await expectAccessible(citizen, 'site-reunion');
      await citizen.getByLabel('Structure représentée (facultatif)').fill('Vélo Presqu’île');
      await citizen.getByRole('button', { name: 'M’inscrire', exact: true }).click();
      await citizen.getByText('Vous êtes inscrit·e : votre place est confirmée.').waitFor();
      code = ((await citizen.locator('.entry-code .code').textContent()) ?? '').replace(/\s/g, '');
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      await citizen.getByRole('img', { name: `QR code du code d’entrée ${code}` }).waitFor();
      expect(await citizen.locator('[itemtype="https://schema.org/Event"] [itemprop="startDate"]').getAttribute('datetime')).toBe(published.body.data.startsAt);
      await expectAccessible(citizen, 'site-reunion-inscrite');
    });
    await step(citizen, 'site-reunions-filtres', async () => {
      const day = (d: Date) => new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris' }).format(d);
      const startsAt = new Date(published.body.data.startsAt);
      await citizen.goto(`${server.base}/site/#/reunions`);
      await citizen.getByRole('link', { name: 'Atelier : les pistes cyclables du vignoble' }).waitFor();
      await citizen.getByLabel('Du', { exact: true }).fill(day(new Date(startsAt.getTime() + DAY)));
      await citizen.getByRole('button', { name: 'Filtrer' }).click();
      await citizen.getByText('Aucune réunion ne correspond.').waitFor();
      await citizen.getByLabel('Du', { exact: true }).fill(day(startsAt));
      await citizen.getByLabel('Au', { exact: true }).fill(day(startsAt));
      await citizen.getByRole('button', { name: 'Filtrer' }).click();
      await citizen.getByRole('link', { name: 'Atelier : les pistes cyclables du vignoble' }).waitFor();
      await expectAccessible(citizen, 'site-reunions-filtres');
    });
    await citizen.close();

    await step(page, 'reunions-accueil', async () => {
      await page.getByRole('button', { name: 'Retour à la liste' }).click();
      await page.getByRole('button', { name: 'Inscrits et accueil de « Atelier : les pistes cyclables du vignoble »' }).click();
      await page.getByTestId('registrant-row').getByText('maya', { exact: true }).waitFor();
      await page.getByLabel(/^Code d’entrée/).fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
      await page.getByRole('button', { name: 'Pointer l’arrivée' }).click();
      await page.getByText('Bienvenue, maya (Vélo Presqu’île) — 1 arrivée(s) enregistrée(s).').waitFor();
      await page.getByLabel(/^Code d’entrée/).fill(code);
      await page.getByRole('button', { name: 'Pointer l’arrivée' }).click();
      await page.getByText(/^Déjà pointé·e à/).waitFor();
      // The hall's network drops: the door goes on with the list loaded, and sends the arrival once it is back.
      await page.context().setOffline(true);
      await page.getByLabel(/^Code d’entrée/).fill(louCode);
      await page.getByRole('button', { name: 'Pointer l’arrivée' }).click();
      await page.getByText('Hors ligne : bienvenue, lou. L’arrivée sera transmise au retour du réseau.').waitFor();
      await page.getByTestId('pending-arrivals').waitFor();
      await page.getByLabel(/^Code d’entrée/).fill(louCode);
      await page.getByRole('button', { name: 'Pointer l’arrivée' }).click();
      await page.getByText('Hors ligne : cette personne est déjà pointée.').waitFor();
      const offlineAt = Date.now();
      await page.context().setOffline(false);
      await page.getByText('1 arrivée(s) pointée(s) hors ligne transmise(s).').waitFor();
      const lou = (await adminApi(`/participation/meetings/${meetingId}/registrations`)).body.data.find((r: { name: string }) => r.name === 'lou');
      expect(Math.abs(new Date(lou.checkedInAt).getTime() - offlineAt)).toBeLessThan(30_000);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter les inscrit·es (CSV)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^inscrits-atelier-pistes-vignoble-\d{4}-\d{2}-\d{2}\.csv$/);
      await page.mouse.move(0, 0);
      await expectAccessible(page, 'reunions-accueil');
      await expectFrench(page, missing);
    });

    // Held: the meeting, now part of an open consultation, is moved into the past (the test's clock); the agent writes
    // the minutes, enters what was said in the room, and proposes the minutes to the registrants before publishing.
    const hour = 3_600_000;
    const consultation = await server.strapi.documents('plugin::participation.consultation').create({
      data: {
        title: 'Les pistes cyclables du vignoble',
        summary: 'Où relier les communes du vignoble ?',
        opensAt: new Date(Date.now() + 60_000),
        closesAt: new Date(Date.now() + 20 * DAY),
      },
      status: 'published',
    } as never);
    for (const to of ['scheduled', 'open'] as const)
      await server.strapi
        .plugin('participation')
        .service('lifecycle')
        .transition(consultation.documentId, { to, reason: null, closesAt: null }, { id: 0, name: 'Préparation du test' });
    await server.strapi.db
      .connection('participation_meetings')
      .where({ slug: 'atelier-pistes-vignoble' })
      .update({ starts_at: new Date(Date.now() - 3 * hour), ends_at: new Date(Date.now() - hour), consultation_document_id: consultation.documentId });
    await step(page, 'reunions-bilan', async () => {
      await page.getByRole('button', { name: 'Retour à la liste' }).click();
      await page.getByRole('button', { name: 'Inscrits et accueil de « Atelier : les pistes cyclables du vignoble »' }).click();
      await page.getByRole('heading', { name: 'Bilan de la réunion' }).waitFor();
      await page.getByText('2 arrivée(s) pointée(s) à l’entrée').waitFor();
      await page.getByLabel('Structures présentes').fill('Vélo Presqu’île\nCommune de Saint-Nazaire');
      await page.getByLabel('Compte rendu', { exact: true }).fill('Trois secteurs étudiés ; la piste du Brivet arrive en tête.');
      await page.getByLabel('Enregistrement, diaporama, photos').fill('Diaporama | https://exemple.test/diaporama.pdf');
      await page.getByRole('button', { name: 'Enregistrer le bilan' }).click();
      await page.getByText('Bilan enregistré.').first().waitFor();
      await expectFrench(page, missing);
    });
    await step(page, 'reunions-dit-en-salle', async () => {
      await page.getByRole('heading', { name: 'Contributions dites en réunion' }).waitFor();
      await page.getByRole('button', { name: 'Verser une contribution dite en réunion' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Nom à afficher').fill('Un habitant de Clisson');
      await dialog.getByLabel(/^Titre/).fill('Relier Clisson à la gare');
      await dialog.getByLabel(/^Texte de la contribution/).fill('Une piste entre le centre de Clisson et la gare, éclairée, pour les lycéens.');
      await page.mouse.move(0, 0);
      await expectAccessible(page, 'reunions-dit-en-salle');
      await dialog.getByRole('button', { name: 'Enregistrer la contribution' }).click();
      await page.getByTestId('room-contribution').getByText('Relier Clisson à la gare').waitFor();
      await expectFrench(page, missing);
    });
    await step(page, 'reunions-relecture', async () => {
      await page.getByRole('heading', { name: 'Relecture du compte rendu par les inscrit·es' }).waitFor();
      await page.getByLabel(/^Durée de la relecture/).fill('7');
      await page.getByRole('button', { name: 'Proposer le compte rendu aux inscrit·es' }).click();
      await page.getByText('Compte rendu proposé : les inscrit·es sont prévenu·es par e-mail.').first().waitFor();
      await page.getByText(/^Proposé le .* ; remarques jusqu’au .* \(0 reçue\(s\)\)\.$/).waitFor();
      await page.mouse.move(0, 0);
      await expectAccessible(page, 'reunions-relecture');
      await expectFrench(page, missing);
    });
    const said = await api().get('/api/participation/meetings/atelier-pistes-vignoble/contributions');
    expect(said.body.data).toEqual([expect.objectContaining({ title: 'Relier Clisson à la gare', consultationDocumentId: consultation.documentId })]);
    expect(said.body.data[0].provenance).toMatch(/^Réunion du \d{2}\/\d{2} à Saint-Nazaire$/);

    const registrant = await newPage(browser);
    await step(registrant, 'site-reunion-relecture', async () => {
      await registrant.goto(`${server.base}/site/#/connexion?retour=${encodeURIComponent('/reunions/atelier-pistes-vignoble')}`);
      await registrant.getByLabel('Adresse e-mail ou pseudonyme').fill('maya@exemple.test');
      await registrant.getByLabel('Mot de passe').fill('MotDePasse2026!');
      await registrant.getByRole('button', { name: 'Se connecter' }).click();
      await registrant.getByRole('heading', { name: 'Relire le compte rendu', level: 2 }).waitFor();
      await registrant.getByText('Trois secteurs étudiés ; la piste du Brivet arrive en tête.').waitFor();
      await registrant.getByRole('link', { name: /Relier Clisson à la gare/ }).waitFor();
      await registrant.getByLabel(/^Votre remarque/).fill('Le compte rendu oublie la demande d’éclairage.');
      await registrant.getByRole('button', { name: 'Envoyer ma remarque' }).click();
      await registrant.getByText('Remarque enregistrée : elle sera publiée avec le compte rendu, sans votre nom.').waitFor();
      await expectAccessible(registrant, 'site-reunion-relecture');
    });
    await registrant.close();

    // The period ends; the agent sees the remark and publishes the report with it.
    await server.strapi.db
      .connection('participation_meetings')
      .where({ slug: 'atelier-pistes-vignoble' })
      .update({ remarks_until: new Date(Date.now() - 1000) });
    await step(page, 'reunions-publication', async () => {
      await page.getByRole('button', { name: 'Retour à la liste' }).click();
      await page.getByRole('button', { name: 'Inscrits et accueil de « Atelier : les pistes cyclables du vignoble »' }).click();
      await page.getByTestId('remark').getByText('Le compte rendu oublie la demande d’éclairage.').waitFor();
      await page.getByRole('checkbox', { name: 'Publier le bilan sur la page de la réunion' }).click();
      await page.getByRole('button', { name: 'Enregistrer le bilan' }).click();
      await page.getByText('Bilan enregistré.').first().waitFor();
      await page.mouse.move(0, 0);
      await expectAccessible(page, 'reunions-bilan');
      await expectFrench(page, missing);
    });
    await step(page, 'reunions-copie', async () => {
      await page.getByRole('button', { name: 'Retour à la liste' }).click();
      await page.getByRole('button', { name: 'Copier « Atelier : les pistes cyclables du vignoble » en brouillon' }).click();
      await page.getByText('Copie créée en brouillon : réglez sa date, puis publiez-la.').first().waitFor();
      expect(await page.getByLabel('Adresse (slug)').inputValue()).toBe('atelier-pistes-vignoble-copie');
      await expectFrench(page, missing);
    });
    await page.close();
    const report = await api().get('/api/participation/meetings/atelier-pistes-vignoble/report');
    expect(report.body.data).toMatchObject({
      attendees: 2,
      organisations: ['Vélo Presqu’île', 'Commune de Saint-Nazaire'],
      mediaLinks: [{ title: 'Diaporama', url: 'https://exemple.test/diaporama.pdf' }],
    });
    const reader = await newPage(browser);
    await step(reader, 'site-reunion-bilan', async () => {
      await reader.goto(`${server.base}/site/#/reunions/atelier-pistes-vignoble`);
      await reader.getByRole('heading', { name: 'Bilan de la réunion' }).waitFor();
      await reader.getByText('Trois secteurs étudiés ; la piste du Brivet arrive en tête.').waitFor();
      await reader.getByRole('link', { name: 'Diaporama' }).waitFor();
      await reader.getByText('Le compte rendu oublie la demande d’éclairage.').waitFor();
      await reader.getByRole('link', { name: /Relier Clisson à la gare/ }).waitFor();
      await expectAccessible(reader, 'site-reunion-bilan');
    });
    await reader.close();
  });
});
