import fs from 'fs';
import path from 'path';
import type { Browser } from 'playwright-core';
import supertest from 'supertest';
import ExcelJS from 'exceljs';
import { startReceiver } from '../tests/helpers/webhooks';
import {
  ARTIFACTS,
  chooseCommune,
  createStaff,
  expectAccessible,
  expectFrench,
  launchBrowser,
  login,
  newPage,
  startServer,
  step,
  until,
  watchTranslations,
} from './browser';

/**
 * Agents and communication staff at work in the admin panel, each as the role that does it: the Participation
 * area (consultations, moderation with answers, exports), phases and key figures in the Content Manager, paper
 * contributions, and a Communication user refused on rules. Every plugin screen is checked with axe (WCAG 2.1 AA)
 * and for missing French translations.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const PASSWORD = 'Participer2026!';
const fixtures: Record<string, any> = {};
const api = () => supertest(server.base);

const adminUser = (role: string, email: string, firstname: string) => createStaff(server.strapi, role, email, firstname, PASSWORD);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const s = server.strapi;
  fixtures.agent = await adminUser('Agent participation', 'agent@loire-atlantique.test', 'Agathe');
  fixtures.communication = await adminUser('Communication', 'communication@loire-atlantique.test', 'Coline');

  const lifecycle = s.plugin('participation').service('lifecycle');
  const actor = { type: 'admin' as const, id: null, name: 'Préparation du test' };
  const consultation = await s.documents('plugin::participation.consultation').create({
    data: {
      title: 'Collèges du pays de Retz',
      summary: 'Quels équipements pour les collèges ?',
      opensAt: new Date(Date.now() + 60_000),
      closesAt: new Date(Date.now() + 30 * 86_400_000),
      moderationMode: 'a_posteriori',
    },
    status: 'published',
  } as any);
  await lifecycle.transition(consultation.documentId, { to: 'scheduled' }, actor);
  await lifecycle.transition(consultation.documentId, { to: 'open' }, actor);
  fixtures.consultation = consultation;
  await s
    .documents('plugin::participation.answer-template')
    .create({ data: { name: 'Étude en cours', answerStatus: 'under_study', text: 'Votre proposition est étudiée par le service des collèges.' } } as any);

  const res = await api().post('/api/auth/local/register').send({ username: 'ines', email: 'ines@exemple.test', password: 'MotDePasse2026!' });
  const contributions = s.plugin('participation').service('contributions');
  fixtures.idea = (
    await contributions.submit(
      consultation.slug,
      { id: res.body.user.id, displayName: 'ines' },
      { title: 'Un préau couvert', body: 'Un préau couvert pour attendre le car scolaire.' }
    )
  ).data;
  // Reported once, so that it waits in the moderation queue.
  const other = await api().post('/api/auth/local/register').send({ username: 'paul', email: 'paul@exemple.test', password: 'MotDePasse2026!' });
  await api()
    .post(`/api/participation/contributions/${fixtures.idea.documentId}/reports`)
    .set('Authorization', `Bearer ${other.body.jwt}`)
    .send({ reason: 'off_topic' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a participation agent', () => {
  it('finds the Participation area, answers a contribution, enters a paper one and exports, in French and accessibly', async () => {
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    await step(page, 'agent-connexion', () => login(page, server.base, fixtures.agent, PASSWORD));

    await step(page, 'agent-consultations', async () => {
      await page.goto(`${server.base}/admin/plugins/participation`);
      await page.getByRole('heading', { name: 'Consultations', level: 1 }).waitFor();
      const row = page.locator(`[data-testid="consultation-row"][data-document-id="${fixtures.consultation.documentId}"]`);
      await row.getByText('Ouverte').waitFor();
      await row.getByText('1 contribution').waitFor();
      await expectAccessible(page, 'agent-consultations');
      await expectFrench(page, missing);
    });

    await step(page, 'agent-saisie-papier', async () => {
      const row = page.locator(`[data-testid="consultation-row"][data-document-id="${fixtures.consultation.documentId}"]`);
      await row.getByRole('button', { name: 'Saisir une contribution' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Enregistrer la contribution' }).click();
      await dialog.getByText('Indiquez comment la contribution a été reçue.').waitFor();
      await dialog.getByRole('combobox', { name: 'Reçue par' }).click();
      await page.getByRole('option', { name: 'Courrier' }).click();
      await dialog.getByLabel('Nom à afficher').fill('M. Guérin');
      // The commune by its name, as people say it.
      await chooseCommune(page, dialog, 'st nazaire', /^Saint-Nazaire \(44184\)$/);
      await dialog.getByLabel('Titre').fill('Des casiers pour les élèves');
      await dialog.getByLabel('Texte de la contribution').fill('Des casiers pour ne pas porter des cartables trop lourds.');
      await dialog.getByRole('button', { name: 'Enregistrer la contribution' }).click();
      await dialog.waitFor({ state: 'detached' });
      await row.getByText('2 contributions').waitFor();
    });
    const list = await api().get(`/api/participation/consultations/${fixtures.consultation.slug}/contributions`).query({ pageSize: 10 });
    expect(list.body.data.map((c: any) => [c.title, c.channel, c.author.displayName])).toContainEqual(['Des casiers pour les élèves', 'mail', 'M. Guérin']);

    await step(page, 'agent-reponse', async () => {
      await page.getByRole('link', { name: 'Modération' }).click();
      await page.getByRole('heading', { name: 'File de modération' }).waitFor();
      const row = page.locator(`[data-document-id="${fixtures.idea.documentId}"]`);
      await row.getByRole('button', { name: 'Répondre' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Enregistrer la réponse' }).click();
      await dialog.getByText('Choisissez le statut de la réponse.').waitFor();
      await dialog.getByRole('combobox', { name: 'Modèle de réponse' }).click();
      await page.getByRole('option', { name: 'Étude en cours' }).click();
      await expectAccessible(page, 'agent-reponse');
      await dialog.getByRole('button', { name: 'Enregistrer la réponse' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expectAccessible(page, 'agent-moderation');
      await expectFrench(page, missing);
    });
    const answered = await api().get(`/api/participation/contributions/${fixtures.idea.documentId}`);
    expect(answered.body.data.officialAnswer).toMatchObject({ status: 'under_study', text: 'Votre proposition est étudiée par le service des collèges.' });

    await step(page, 'agent-tableau-de-bord', async () => {
      await page.getByRole('link', { name: 'Tableau de bord' }).click();
      await page.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
      await expectAccessible(page, 'agent-tableau-de-bord');
      await expectFrench(page, missing);
    });

    await step(page, 'agent-export', async () => {
      await page.getByRole('link', { name: 'Exports' }).click();
      await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Exporter « Collèges du pays de Retz » au format XLSX' }).click(),
      ]);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, download.suggestedFilename());
      await download.saveAs(file);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file);
      expect(workbook.getWorksheet('Contributions')!.rowCount).toBe(3);
      await page.getByTestId('export-log-row').first().getByText('Agathe Test').waitFor();
      await expectAccessible(page, 'agent-exports');
      await expectFrench(page, missing);
    });
    await page.close();
  });

  it('writes phases, key figures and « Et ensuite » updates as forms in the Content Manager, and they save', async () => {
    const page = await newPage(browser);
    await step(page, 'agent-connexion-2', () => login(page, server.base, fixtures.agent, PASSWORD));
    await step(page, 'agent-phases', async () => {
      await page.goto(`${server.base}/admin/content-manager/collection-types/plugin::participation.consultation/${fixtures.consultation.documentId}`);
      await page.getByRole('button', { name: 'Ajouter une phase' }).click();
      await page.getByLabel('Nom de la phase').fill('Propositions');
      await page.getByRole('button', { name: 'Ajouter un chiffre clé' }).click();
      await page.getByLabel('Libellé du chiffre 1').fill('Collèges concernés');
      // Typed the French way: stored as the number 3.5, not the text « 3,5 ».
      await page.getByLabel('Valeur du chiffre 1').fill('3,5');
      await page.getByRole('button', { name: 'Ajouter une suite' }).click();
      await page.getByLabel('Titre de la suite 1').fill('Premiers préaux posés');
      await page.getByLabel('Texte de la suite 1').fill('Trois collèges ont leur préau depuis la rentrée.');
      await page.getByLabel('Délibération (lien)').fill('https://www.loire-atlantique.fr/deliberations/2027-02');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await until(
        async () =>
          ((await server.strapi.documents('plugin::participation.consultation').findOne({ documentId: fixtures.consultation.documentId })) as any)?.phases
            ?.length === 1
      );
    });
    const saved = (await server.strapi.documents('plugin::participation.consultation').findOne({ documentId: fixtures.consultation.documentId })) as any;
    expect(saved.phases).toEqual([expect.objectContaining({ kind: 'contribution', title: 'Propositions' })]);
    expect(saved.resultsKeyFigures).toEqual([{ label: 'Collèges concernés', value: 3.5 }]);
    expect(saved.resultsUpdates).toEqual([
      { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), title: 'Premiers préaux posés', text: 'Trois collèges ont leur préau depuis la rentrée.' },
    ]);
    expect(saved.resultsDecisionUrl).toBe('https://www.loire-atlantique.fr/deliberations/2027-02');
    await page.close();
  });
});

describe('an agent handing a contribution to a colleague', () => {
  it('chooses who answers it in the contribution’s side panel, in French and accessibly (the mail it sends is tested in tests/assignments.test.ts)', async () => {
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    await step(page, 'agent-connexion-confier', () => login(page, server.base, fixtures.agent, PASSWORD));
    await step(page, 'agent-confier', async () => {
      await page.goto(`${server.base}/admin/content-manager/collection-types/plugin::participation.contribution/${fixtures.idea.documentId}`);
      await page.getByRole('combobox', { name: 'Confiée à' }).click();
      await page.getByRole('option', { name: 'Agathe Test' }).click();
      await page.getByTestId('assign-message').filter({ hasText: 'Contribution confiée à Agathe Test' }).waitFor();
      await expectFrench(page, missing);
      await expectAccessible(page, 'agent-confier', '[data-testid="moderation-panel"]');
    });
    const row = await server.strapi.db.connection('participation_contributions').where('document_id', fixtures.idea.documentId).first();
    const agathe = await server.strapi.db.query('admin::user').findOne({ where: { email: fixtures.agent } });
    expect(Number(row.assignee_id)).toBe(Number(agathe.id));
    await page.close();
  });
});

describe('an agent running a consultation from its edit view', () => {
  it('publishes it, schedules, opens, extends (checked before sending), closes and publishes results', async () => {
    const s = server.strapi;
    const draft = await s.documents('plugin::participation.consultation').create({
      data: {
        title: 'Aires de covoiturage',
        summary: 'Où créer de nouvelles aires ?',
        opensAt: new Date(Date.now() + 3_600_000),
        closesAt: new Date(Date.now() + 20 * 86_400_000),
        resultsSynthesis: 'Trois aires retenues.',
      },
    } as any);
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    await step(page, 'agent-connexion-3', () => login(page, server.base, fixtures.agent, PASSWORD));
    const status = page.getByTestId('lifecycle-status');
    const act = async (action: string, expected: string) => {
      await page.getByRole('button', { name: action, exact: true }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Confirmer' }).click();
      await status.filter({ hasText: expected }).waitFor();
    };
    await step(page, 'agent-publier', async () => {
      await page.goto(`${server.base}/admin/content-manager/collection-types/plugin::participation.consultation/${draft.documentId}`);
      await page.getByText('Publiez la consultation avant de la programmer.').first().waitFor();
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      // The panel follows the document: once published, scheduling is offered without a reload.
      await page.getByRole('button', { name: 'Programmer', exact: true }).and(page.locator(':enabled')).waitFor();
      await expectFrench(page, missing);
    });
    await step(page, 'agent-programmer', () => act('Programmer', 'Programmée'));
    await step(page, 'agent-ouvrir', () => act('Ouvrir maintenant', 'Ouverte'));
    await step(page, 'agent-prolonger', async () => {
      await page.getByRole('button', { name: 'Prolonger', exact: true }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByText(/clôture passe du/).waitFor();
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await dialog.getByText('Indiquez la nouvelle date de clôture.').waitFor();
      await dialog.getByLabel('Raison').fill('Deux réunions publiques de plus');
      const later = new Date(Date.now() + 40 * 86_400_000);
      const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      await dialog.getByLabel('Nouvelle date de clôture').fill(local);
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await page.getByText(/Ouverte → Ouverte.*Deux réunions publiques de plus/).waitFor();
    });
    await step(page, 'agent-cloturer-2', () => act('Clôturer maintenant', 'Clôturée'));
    await step(page, 'agent-resultats', async () => {
      await act('Publier les résultats', 'Résultats publiés');
      await expectAccessible(page, 'agent-cycle-de-vie', '[data-testid="lifecycle-panel"]');
    });
    const read = await api().get('/api/participation/consultations/aires-de-covoiturage');
    expect(read.body.data).toMatchObject({ status: 'results_published' });
    await page.close();
  });
});

describe('a Communication user', () => {
  it('is shown, in French, that the participation rules are not theirs: read-only, and nothing changes', async () => {
    const page = await newPage(browser);
    await step(page, 'communication-connexion', () => login(page, server.base, fixtures.communication, PASSWORD));
    await step(page, 'communication-regles', async () => {
      await page.goto(`${server.base}/admin/content-manager/collection-types/plugin::participation.consultation/${fixtures.consultation.documentId}`);
      await page.getByText('Votre rôle permet de modifier les textes et les médias ; le calendrier').waitFor();
      expect(await page.getByRole('checkbox', { name: 'Commentaires permis' }).isDisabled()).toBe(true);
      await page.getByText('Règle de participation : réservée aux agents de la participation.').first().waitFor();
    });
    const after = (await server.strapi.documents('plugin::participation.consultation').findOne({ documentId: fixtures.consultation.documentId })) as any;
    expect(after.allowComments).toBe(true);
    await page.close();
  });
});

describe('an administrator wiring the Département’s site to the participation events', () => {
  it('adds a webhook in « Envois et webhooks », sees its signing secret, then the event it received, in French and accessibly', async () => {
    const receiver = await startReceiver();
    const admin = await adminUser('strapi-super-admin', 'admin@loire-atlantique.test', 'Adèle');
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    try {
      await step(page, 'admin-connexion', () => login(page, server.base, admin, PASSWORD));
      await step(page, 'admin-webhook-ajout', async () => {
        await page.goto(`${server.base}/admin/plugins/participation/outbox`);
        await page.getByRole('heading', { name: 'Envois et webhooks', level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Ajouter un webhook' }).click();
        await page.getByLabel('Nom').fill('Site du Département');
        await page.getByLabel('Adresse (URL)').fill('pas-une-adresse');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.getByText('Adresse web invalide (http:// ou https://).').waitFor();
        await page.getByLabel('Adresse (URL)').fill(receiver.url);
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.getByTestId('webhook-row').getByText('Site du Département').waitFor();
        await page.getByRole('button', { name: 'Afficher le secret de signature' }).click();
        await page.getByTestId('signing-secret').waitFor();
        await expectAccessible(page, 'admin-webhooks');
        await expectFrench(page, missing);
      });
      const consultation = await server.strapi.documents('plugin::participation.consultation').create({
        data: {
          title: 'Routes du vignoble',
          summary: 'Quels aménagements pour les routes du vignoble ?',
          opensAt: new Date(Date.now() + 60_000),
          closesAt: new Date(Date.now() + 30 * 86_400_000),
        },
        status: 'published',
      } as any);
      await server.strapi
        .plugin('participation')
        .service('lifecycle')
        .transition(consultation.documentId, { to: 'scheduled' }, { type: 'admin', id: null, name: 'Adèle Test' });
      await until(async () => receiver.received.some((d) => d.body.consultation?.documentId === consultation.documentId));
      await step(page, 'admin-envois', async () => {
        await page.getByRole('link', { name: 'Consultations' }).click();
        await page.getByRole('link', { name: 'Envois et webhooks' }).click();
        const row = page.getByTestId('outbox-row').filter({ hasText: 'routes-du-vignoble' });
        await row.getByText('Envoyé', { exact: true }).waitFor();
        await row.getByText('Site du Département').waitFor();
        await expectAccessible(page, 'admin-envois');
        await expectFrench(page, missing);
      });
    } finally {
      await page.close();
      await receiver.close();
    }
  });
});
