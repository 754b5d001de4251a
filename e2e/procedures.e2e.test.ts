import type { Browser } from 'playwright-core';
import supertest from 'supertest';
import { createStaff, expectAccessible, expectFrench, launchBrowser, login, newPage, screenshot, startServer, step, until, watchTranslations } from './browser';

/**
 * A garante (CNDP) follows the concertation she oversees in the admin, as the role that does it: she reads every
 * observation of its register, the withheld one with its reason, sees the legal calendar, and publishes her bilan once
 * the concertation is closed; then the participation agent publishes the Département's response. Every screen is
 * checked with axe (WCAG 2.1 AA) and for missing French.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const PASSWORD = 'Participer2026!';
const DAY = 86_400_000;
const api = () => supertest(server.base);
let concertation: { documentId: string; slug: string };
let inquiry: { documentId: string; slug: string };
const OBSERVATIONS_ADDRESS = 'Par courriel : enquete-rd723@loire-atlantique.test';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const s = server.strapi;
  await createStaff(s, 'Agent participation', 'agent@loire-atlantique.test', 'Agathe', PASSWORD);
  await createStaff(s, 'Garant·e / commissaire enquêteur', 'garante@cndp.test', 'Anne', PASSWORD, 'Rivière');
  const made = await s.documents('plugin::participation.consultation').create({
    data: {
      title: 'Concertation préalable : franchissement de la Loire à l’est',
      summary: 'Faut-il un nouveau franchissement, et où ?',
      procedure: 'concertation_prealable',
      // Opened sixteen days ago: it may close now, past its fifteen days (L121-16).
      procedureNoticeAt: new Date(Date.now() - 40 * DAY),
      overseerName: 'Mme Anne Rivière (CNDP)',
      overseerEmail: 'garante@cndp.test',
      noticeProjectOwner: 'Département de Loire-Atlantique, mission franchissements de Loire',
      noticeDossierPlaces: 'Hôtel du Département, 3 quai Ceineray à Nantes, de 9 h à 17 h',
      noticeObservationAddresses: 'garante@cndp.test ; CNDP, 244 boulevard Saint-Germain, 75007 Paris',
      moderationMode: 'a_priori',
      opensAt: new Date(Date.now() - 16 * DAY),
      closesAt: new Date(Date.now() + 10 * DAY),
    },
    status: 'published',
  } as never);
  concertation = { documentId: made.documentId, slug: made.slug as string };
  const lifecycle = s.plugin('participation').service('lifecycle');
  const actor = { type: 'admin' as const, id: null, name: 'Préparation du test' };
  await lifecycle.transition(made.documentId, { to: 'scheduled' }, actor);
  await lifecycle.transition(made.documentId, { to: 'open' }, actor);
  const citizen = await api().post('/api/auth/local/register').send({ username: 'lou', email: 'lou@exemple.test', password: 'MotDePasse2026!' });
  for (const title of ['Un pont réservé aux vélos', 'Propos injurieux']) {
    const res = await api()
      .post(`/api/participation/consultations/${made.slug}/contributions`)
      .set('Authorization', `Bearer ${citizen.body.jwt}`)
      .send({ title, body: `${title} : le texte de l’observation déposée en ligne.` });
    expect(res.status).toBe(201);
  }
  await s
    .plugin('participation')
    .service('contributions')
    .enter(
      made.documentId,
      { id: 0 },
      { title: 'Courrier de la commune de Thouaré', body: 'La commune demande un franchissement au droit du bourg.', channel: 'mail' }
    );
  const moderation = s.plugin('participation').service('moderation');
  const pending = await s.db.connection('participation_contributions').select('document_id as id', 'title').where({ status: 'pending' });
  for (const row of pending)
    await moderation.decideMany(
      [{ type: 'contribution', id: row.id }],
      row.title === 'Propos injurieux' ? 'reject' : 'approve',
      row.title === 'Propos injurieux' ? 'Injures' : null,
      null,
      actor
    );
  await lifecycle.transition(made.documentId, { to: 'closed' }, actor);

  // An inquiry being prepared: its notice written and dated, its dossier not yet told in brief.
  const draft = await s.documents('plugin::participation.consultation').create({
    data: {
      title: 'Enquête publique : aménagement de la RD 723',
      summary: 'Six kilomètres de route entre Ancenis et Varades.',
      procedure: 'enquete_publique',
      procedureNoticeAt: new Date(Date.now() - 20 * DAY),
      overseerName: 'M. Yves Le Goff',
      noticeProjectOwner: 'Département de Loire-Atlantique, direction des infrastructures',
      noticeDecision: 'Déclaration de projet, par l’Assemblée départementale',
      noticeDossierPlaces: 'Hôtel du Département, 3 quai Ceineray à Nantes, de 9 h à 17 h',
      noticeObservationAddresses: OBSERVATIONS_ADDRESS,
      opensAt: new Date(Date.now() + DAY),
      closesAt: new Date(Date.now() + 35 * DAY),
    },
    status: 'published',
  } as never);
  inquiry = { documentId: draft.documentId, slug: draft.slug as string };
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the garante of a concertation', () => {
  it('reads its whole register and calendar, publishes her bilan; the agent publishes the response; in French and accessibly', async () => {
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    await step(page, 'procedures-connexion-garante', () => login(page, server.base, 'garante@cndp.test', PASSWORD));

    await step(page, 'procedures-liste-garante', async () => {
      await page.goto(`${server.base}/admin/plugins/participation`);
      await page.getByRole('heading', { name: 'Procédures légales', level: 1 }).waitFor();
      await page.getByTestId('procedure-row').first().waitFor();
      expect(await page.getByTestId('procedure-row').count()).toBe(1);
      // Her menu offers no moderation, no consultation list.
      expect(await page.getByRole('link', { name: 'File de modération' }).count()).toBe(0);
      await expectAccessible(page, 'procedures-liste-garante');
      await expectFrench(page, missing);
    });

    await step(page, 'procedures-registre-garante', async () => {
      await page.getByRole('button', { name: /Ouvrir la procédure « Concertation préalable/ }).click();
      await page.getByRole('heading', { name: 'Calendrier légal' }).waitFor();
      await page.getByTestId('observation-row').nth(2).waitFor();
      const rows = await page.getByTestId('observation-row').allInnerTexts();
      expect(rows).toHaveLength(3);
      expect(rows.find((r) => r.includes('Propos injurieux'))).toMatch(/retenue \(refusée\)[\s\S]*Injures/i);
      // She reads; joining a scan is the agents' work.
      expect(await page.getByRole('button', { name: /Joindre une numérisation/ }).count()).toBe(0);
      expect(await page.getByTestId('calendar-row').filter({ hasText: 'Bilan du garant' }).innerText()).toMatch(/L121-16-1/);
      await expectAccessible(page, 'procedures-registre-garante');
      await screenshot(page, 'procedures-registre-garante');
      await expectFrench(page, missing);
    });

    await step(page, 'procedures-bilan', async () => {
      await page.getByRole('button', { name: 'Publier : Bilan du garant' }).click();
      const dialog = page.getByRole('dialog');
      await dialog
        .getByLabel('Texte')
        .fill('Trois observations, dont un courrier de la commune de Thouaré. Le public demande un franchissement réservé aux modes doux.');
      await dialog.getByText('Publié tel quel').waitFor();
      await page.waitForTimeout(400); // the dialog's opening animation
      await expectAccessible(page, 'procedures-bilan-dialogue', '[role="dialog"]');
      await dialog.getByRole('button', { name: 'Publier' }).click();
      await page.getByTestId('procedure-report').waitFor();
      await until(async () => (await api().get(`/api/participation/consultations/${concertation.slug}/procedure`)).body.data.reports.length === 1);
      expect(await page.getByRole('button', { name: /Publier : Réponse/ }).count()).toBe(0);
      await expectFrench(page, missing);
    });

    const agent = await newPage(browser);
    const agentMissing = watchTranslations(agent);
    await step(agent, 'procedures-reponse-agent', async () => {
      await login(agent, server.base, 'agent@loire-atlantique.test', PASSWORD);
      await agent.goto(`${server.base}/admin/plugins/participation/procedures`);
      await agent.getByRole('button', { name: /Ouvrir la procédure « Concertation préalable/ }).click();
      await agent.getByRole('button', { name: 'Publier : Réponse et mesures du maître d’ouvrage' }).click();
      const dialog = agent.getByRole('dialog');
      await dialog.getByLabel('Texte').fill('Le Département retient une étude de franchissement réservé aux modes doux et la soumettra à enquête publique.');
      await dialog.getByRole('button', { name: 'Publier' }).click();
      await until(async () => (await api().get(`/api/participation/consultations/${concertation.slug}/procedure`)).body.data.reports.length === 2);
      await agent.getByTestId('procedure-report').nth(1).waitFor();
      await expectAccessible(agent, 'procedures-reponse-agent');
      await expectFrench(agent, agentMissing);
    });
    await step(agent, 'procedures-numerisation', async () => {
      const letter = agent.getByTestId('observation-row').filter({ hasText: 'Courrier de la commune de Thouaré' });
      await letter.getByRole('button', { name: /Joindre une numérisation/ }).click();
      const dialog = agent.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Joindre' }).click();
      await dialog.getByText('Choisissez le fichier numérisé.').waitFor();
      await dialog.getByLabel('Fichier numérisé').setInputFiles({
        name: 'courrier-thouare.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
      });
      await dialog.getByText('Publiable avec l’observation').click();
      await agent.waitForTimeout(400); // the dialog's opening animation
      await expectAccessible(agent, 'procedures-numerisation-dialogue', '[role="dialog"]');
      await dialog.getByRole('button', { name: 'Joindre' }).click();
      await letter.getByTestId('observation-scan').filter({ hasText: 'publiée avec l’observation' }).waitFor();
      const register = (await api().get(`/api/participation/consultations/${concertation.slug}/register`)).body.data;
      expect(register.find((e: { channel: string }) => e.channel === 'mail').attachments).toEqual([
        expect.objectContaining({ mime: 'application/pdf', name: expect.stringMatching(/^observation-\d+-1\.pdf$/) }),
      ]);
      await expectFrench(agent, agentMissing);
    });
  });
});

describe('the agent preparing a public inquiry', () => {
  it('cannot save a dated notice stripped of a required mention, in the Content Manager; completes it and sees the notice checked, in French and accessibly', async () => {
    const page = await newPage(browser);
    const missing = watchTranslations(page);
    await step(page, 'procedures-connexion-agent', () => login(page, server.base, 'agent@loire-atlantique.test', PASSWORD));
    const editor = `${server.base}/admin/content-manager/collection-types/plugin::participation.consultation/${inquiry.documentId}`;

    await step(page, 'procedures-avis-incomplet', async () => {
      await page.goto(editor);
      const addresses = page.getByLabel('Avis : adresses des observations');
      await addresses.waitFor();
      expect(await addresses.inputValue()).toBe(OBSERVATIONS_ADDRESS);
      await addresses.fill('');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page
        .getByText(/Un avis au public publié mentionne les adresses.*art\. R123-9/)
        .first()
        .waitFor();
      await screenshot(page, 'procedures-avis-incomplet');
      const stored = (await server.strapi.documents('plugin::participation.consultation').findOne({ documentId: inquiry.documentId })) as any;
      expect(stored.noticeObservationAddresses).toBe(OBSERVATIONS_ADDRESS);
      await expectFrench(page, missing);
    });

    await step(page, 'procedures-avis-complet', async () => {
      // What was typed is still there after the refusal: the agent completes it rather than starting again.
      await page.getByLabel('Le dossier en bref').fill('Une voie de dépassement, un giratoire et un passage pour la faune sur six kilomètres.');
      await page
        .getByLabel('Avis : adresses des observations')
        .fill('Par courriel : rd723@loire-atlantique.test ; par courrier : Hôtel du Département, Nantes');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await until(
        async () =>
          (
            (await server.strapi.documents('plugin::participation.consultation').findOne({ documentId: inquiry.documentId })) as any
          )?.noticeObservationAddresses?.startsWith('Par courriel : rd723') === true
      );
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await until(
        async () =>
          !!(
            (await server.strapi
              .documents('plugin::participation.consultation')
              .findOne({ documentId: inquiry.documentId, status: 'published' } as never)) as any
          )?.dossierSummary
      );
    });

    await step(page, 'procedures-avis-agent', async () => {
      await page.goto(`${server.base}/admin/plugins/participation/procedures`);
      await page.getByRole('button', { name: /Ouvrir la procédure « Enquête publique/ }).click();
      await page.getByRole('heading', { name: /Avis au public : mentions exigées \(R123-9\)/ }).waitFor();
      const mentions = await page.getByTestId('notice-mention').allInnerTexts();
      expect(mentions).toHaveLength(4);
      for (const mention of mentions) expect(mention).toMatch(/^renseignée/i);
      await page.getByText('Une voie de dépassement, un giratoire').waitFor();
      await expectAccessible(page, 'procedures-avis-agent');
      await screenshot(page, 'procedures-avis-agent');
      await expectFrench(page, missing);
    });
    // Once scheduled, the public reads the notice as published.
    await server.strapi
      .plugin('participation')
      .service('lifecycle')
      .transition(inquiry.documentId, { to: 'scheduled' }, { type: 'admin', id: null, name: 'Vérification du test' });
    const publicPage = (await api().get(`/api/participation/consultations/${inquiry.slug}/procedure`)).body.data;
    expect(publicPage.procedure.notice.mentions.find((m: { key: string }) => m.key === 'observationAddresses').text).toMatch(/^Par courriel : rd723/);
    await page.close();
  });
});
