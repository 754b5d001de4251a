import fs from 'fs';
import path from 'path';
import type { Browser, Page } from 'playwright-core';
import supertest from 'supertest';
import { seedDemoContent } from '../src/demo';
import { startSmtp } from '../tests/helpers/smtp';
import { ARTIFACTS, expectAccessible, launchBrowser, newPage, screenshot, startServer, step } from './browser';

/**
 * The reference site as citizens use it, on the demo content: every journey in a real browser, axe (WCAG 2.1 AA)
 * on every page and state, keyboard only, a phone and 200 % zoom, and the weight of the first view.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let browser: Browser;
let velo: string;
let autonomy: string;
const api = () => supertest(server.base);
const SUFFIX = ' — Participer — Loire-Atlantique';

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer((port) => ({ ...smtp.env, ACCOUNT_EMAIL_CONFIRMATION: 'true', PUBLIC_URL: `http://127.0.0.1:${port}` }));
  await seedDemoContent(server.strapi);
  // A page with what a careless paste or a hostile editor could put in rich text.
  await server.strapi.documents('api::page.page').create({
    data: {
      title: 'Page de test du texte riche',
      slug: 'texte-riche',
      body: 'Un [lien sûr](https://www.loire-atlantique.fr/) et un [lien piégé](javascript:window.__xss=1).\n\n<script>window.__xss = 2</script>\n\n<img src="/x.png" onerror="window.__xss = 3">\n\n- premier point\n- second point\n\n# Un titre de niveau un',
    },
    locale: 'fr',
    status: 'published',
  });
  const list = (await api().get('/api/participation/consultations').query({ status: 'open' })).body.data;
  velo = list.find((c: { slug: string }) => c.slug.startsWith('itineraire-velo')).slug;
  autonomy = list.find((c: { slug: string }) => c.slug.startsWith('bien-vieillir')).slug;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

const view = async (page: Page, hash: string, heading: string | RegExp) => {
  await page.goto(`${server.base}/site/#${hash}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
};
/** Signs in from the site's sign-in page; done when the header offers the account. */
async function signIn(page: Page, identifier: string, password: string) {
  await view(page, '/connexion', 'Se connecter');
  await page.getByLabel('Adresse e-mail ou pseudonyme').fill(identifier);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('link', { name: /^Mon compte/ }).waitFor();
}
const mainText = (page: Page) => page.locator('main').innerText();
/** What has focus: its tag and accessible text. */
const focused = (page: Page) =>
  page.evaluate(() => ({
    tag: document.activeElement?.tagName ?? '',
    text: (document.activeElement?.textContent ?? '').trim(),
    id: document.activeElement?.id ?? '',
  }));

describe('a visitor reading the site', () => {
  it('finds consultations from the home page, by search and filters, and reads one with its easy-to-read summary', async () => {
    const page = await newPage(browser);
    await step(page, 'site-accueil', async () => {
      await view(page, '/', 'Participer en Loire-Atlantique');
      expect(await page.title()).toBe(`Accueil${SUFFIX}`);
      // What is open now, whatever its kind: consultations, a budget being filed or voted, petitions collecting signatures.
      await page.getByRole('heading', { name: 'En ce moment' }).waitFor();
      const openNow = page.locator('section[aria-labelledby="en-cours"]');
      await openNow.getByRole('link', { name: /^Itinéraire vélo le long de la Loire : Ancenis/ }).waitFor();
      const budgets = (await api().get('/api/participation/budgets')).body.data as { name: string; stage: string }[];
      for (const b of budgets.filter((x) => x.stage === 'filing' || x.stage === 'vote'))
        await openNow.getByRole('link', { name: b.name, exact: true }).waitFor();
      const petitions = (await api().get('/api/participation/petitions').query({ status: 'open', sort: 'closesAt', pageSize: 6 })).body.data as {
        title: string;
      }[];
      expect(petitions.length).toBeGreaterThan(0);
      for (const p of petitions) await openNow.getByRole('link', { name: p.title, exact: true }).waitFor();
      const cards = await openNow.locator('li.card').count();
      expect(cards).toBeGreaterThanOrEqual(budgets.filter((x) => x.stage === 'filing' || x.stage === 'vote').length + petitions.length + 1);
      await page.getByRole('heading', { name: 'Actualités' }).waitFor();
      // The footer's legal and accessibility links are on every page.
      for (const name of ['Mentions légales', 'Accessibilité : non conforme', 'Schéma pluriannuel d’accessibilité', 'Plan du site']) {
        await page.getByRole('contentinfo').getByRole('link', { name }).waitFor();
      }
      await expectAccessible(page, 'site-accueil', 'body');
      await screenshot(page, 'site-accueil');
    });
    await step(page, 'site-recherche', async () => {
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Consultations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Consultations' }).waitFor();
      await page.getByRole('searchbox', { name: 'Mots-clés' }).fill('vélo');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.getByRole('heading', { name: '1 consultation trouvée' }).waitFor();
      expect(page.url()).toContain('#/consultations?q=v%C3%A9lo');
      expect(await page.title()).toBe(`Consultations : 1 résultat${SUFFIX}`);
      await page.getByRole('searchbox', { name: 'Mots-clés' }).fill('');
      await page.getByLabel('État').selectOption({ label: 'Terminées' });
      await page.getByRole('button', { name: 'Rechercher' }).click();
      // Three free consultations and the electronic participation on the marais de Goulaine.
      await page.getByRole('heading', { name: '4 consultations trouvées' }).waitFor();
      await page.getByRole('link', { name: 'Sécurité de la RD 723 entre Ancenis et Oudon' }).waitFor();
      await page.getByLabel('Thème').selectOption({ label: 'Loire' });
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.getByText('Aucune consultation ne correspond à ces critères.').waitFor();
      await expectAccessible(page, 'site-recherche-vide');
      await page.getByRole('link', { name: 'Voir toutes les consultations' }).click();
      await page.getByRole('heading', { name: /^\d+ consultations$/ }).waitFor();
      await expectAccessible(page, 'site-consultations');
      // By place, as people say it: « nantes » offers the commune, which finds what concerns it (its EPCI's and the
      // département's consultations too), as the API does.
      const expected = (await api().get('/api/participation/consultations').query({ territory: '44109' })).body.meta.pagination.total as number;
      const place = page.getByRole('combobox', { name: 'Lieu' });
      await place.pressSequentially('nantes');
      await page.getByRole('option', { name: /^Nantes \(44109\)/ }).click();
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.waitForFunction(() => location.hash.includes('territoire=44109'));
      await page.getByRole('heading', { name: `${expected} ${expected > 1 ? 'consultations trouvées' : 'consultation trouvée'}` }).waitFor();
      expect(await page.getByRole('combobox', { name: 'Lieu' }).inputValue()).toBe('Nantes (44109)');
      await expectAccessible(page, 'site-recherche-lieu');
      await screenshot(page, 'site-recherche-lieu');
      await view(page, '/consultations', 'Consultations');
    });
    await step(page, 'site-pres-de-chez-moi', async () => {
      // From the home page, one place search finds everything that concerns it: consultations, budget projects, petitions.
      await view(page, '/', 'Participer en Loire-Atlantique');
      const search = page.getByRole('search', { name: 'Près de chez moi' });
      await search.getByRole('combobox', { name: /Votre commune ou intercommunalité/ }).pressSequentially('ancenis st');
      await page.getByRole('option', { name: /^Ancenis-Saint-Géréon \(44003\)/ }).click();
      await search.getByRole('button', { name: 'Voir ce qui la concerne' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ancenis-Saint-Géréon' }).waitFor();
      expect(page.url()).toContain('#/lieu/44003');
      expect(await page.title()).toBe(`Près de chez moi : Ancenis-Saint-Géréon${SUFFIX}`);
      const overview = (await api().get('/api/participation/places/44003')).body.data;
      const consultations = page.getByRole('region', { name: /^Consultations ouvertes ou à venir/ });
      await consultations.getByRole('heading', { name: `Consultations ouvertes ou à venir (${overview.consultations.total})` }).waitFor();
      await consultations.getByRole('link', { name: /^Itinéraire vélo le long de la Loire : Ancenis/ }).waitFor();
      const projects = page.getByRole('region', { name: /^Projets de budget participatif/ });
      expect(overview.budgetProjects.total).toBeGreaterThan(0);
      await projects.getByRole('link', { name: overview.budgetProjects.items[0].title }).first().waitFor();
      await page.getByRole('region', { name: /^Pétitions \(\d+\)$/ }).waitFor();
      await expectAccessible(page, 'site-pres-de-chez-moi');
      await screenshot(page, 'site-pres-de-chez-moi');
      // Up to the intercommunalité, which holds the commune's projects too.
      await page.locator('main .lead').getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: overview.place.parent.name }).waitFor();
      await page
        .getByRole('region', { name: /^Projets de budget participatif/ })
        .getByRole('link', { name: overview.budgetProjects.items[0].title })
        .first()
        .waitFor();
    });
    await step(page, 'site-consultation', async () => {
      await page.getByRole('link', { name: /^Itinéraire vélo le long de la Loire : Ancenis/ }).click();
      await page.getByRole('heading', { level: 1, name: /Itinéraire vélo/ }).waitFor();
      expect(await page.title()).toBe(`Itinéraire vélo le long de la Loire : Ancenis – Nantes${SUFFIX}`);
      const easy = page.getByRole('region', { name: 'En facile à lire' });
      await easy.getByText('Le Département veut faire une piste pour les vélos.').waitFor();
      await page.getByRole('region', { name: 'Étapes' }).getByText('Proposer et soutenir').waitFor();
      await page.getByText('Connectez-vous pour participer.').waitFor();
      // Said once for the whole page, not under every card.
      expect((await mainText(page)).match(/Connectez-vous pour participer/g)).toHaveLength(1);
      expect(
        await page
          .getByRole('region', { name: /^Contributions/ })
          .getByRole('listitem')
          .count()
      ).toBe(10);
      await expectAccessible(page, 'site-consultation');
      await page.getByRole('button', { name: 'Afficher plus de contributions' }).click();
      await page.waitForFunction(() => document.querySelectorAll('#contenu .cards > li').length === 13);
      expect(await page.getByRole('button', { name: 'Afficher plus de contributions' }).isHidden()).toBe(true);
      // Focus goes to the first new contribution, not back to the top.
      expect((await focused(page)).tag).toBe('A');
      expect(await mainText(page)).not.toMatch(/\bnull\b|undefined|NaN/);
      await screenshot(page, 'site-consultation');
    });
    await step(page, 'site-resultats', async () => {
      await view(page, '/consultations?etat=terminees', 'Consultations');
      await page.getByRole('link', { name: 'Sécurité de la RD 723 entre Ancenis et Oudon' }).click();
      const results = page.getByRole('region', { name: 'Résultats' });
      await results.waitFor();
      await results.getByRole('heading', { name: 'Et ensuite ?' }).waitFor();
      await results.getByRole('link', { name: 'Lire la délibération de l’assemblée' }).waitFor();
      expect(await results.locator('.key-figures div').count()).toBe(3);
      await expectAccessible(page, 'site-resultats');
      await screenshot(page, 'site-resultats');
    });
    await page.close();
  });

  it('reads editorial pages and news with their rich text made safe, the accessibility statement, the plan and the site map', async () => {
    const page = await newPage(browser);
    await step(page, 'site-pages', async () => {
      await view(page, '/', 'Participer en Loire-Atlantique');
      await page.getByRole('contentinfo').getByRole('link', { name: 'Charte de participation' }).click();
      await page.getByRole('heading', { level: 1, name: 'Charte de la participation' }).waitFor();
      // Markdown keeps its structure: headings and lists.
      await page.getByRole('heading', { level: 2, name: 'Nos engagements' }).waitFor();
      expect(await page.locator('main .rich li').count()).toBe(6);
      await expectAccessible(page, 'site-page-charte');
      await view(page, '/pages/texte-riche', 'Page de test du texte riche');
      await page.getByRole('link', { name: 'lien sûr' }).waitFor();
      expect(await page.getByRole('link', { name: 'lien sûr' }).getAttribute('href')).toBe('https://www.loire-atlantique.fr/');
      expect(await page.locator('main a', { hasText: 'lien piégé' }).getAttribute('href')).toBeNull();
      expect(await page.locator('main script').count()).toBe(0);
      expect(await page.locator('main [onerror]').count()).toBe(0);
      expect(await page.locator('main h1').count()).toBe(1);
      expect(await page.locator('main .rich li').count()).toBe(2);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      await expectAccessible(page, 'site-page-texte-riche');
    });
    await step(page, 'site-actualites', async () => {
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Actualités' }).click();
      await page.getByRole('heading', { level: 1, name: 'Actualités' }).waitFor();
      const first = page.locator('main .cards h3 a').first();
      const title = (await first.innerText()).trim();
      await first.click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await page.title()).toBe(`${title} — Actualités${SUFFIX}`);
      await expectAccessible(page, 'site-actualite');
    });
    await step(page, 'site-accessibilite', async () => {
      await page.getByRole('link', { name: 'Accessibilité : non conforme' }).click();
      await page.getByRole('heading', { level: 1, name: 'Déclaration d’accessibilité' }).waitFor();
      for (const name of [
        'État de conformité',
        'Résultats des tests',
        'Contenus non accessibles',
        'Établissement de cette déclaration',
        'Retour d’information et contact',
        'Voies de recours',
      ]) {
        await page.getByRole('heading', { level: 2, name }).waitFor();
      }
      await page.getByText('axe-core', { exact: false }).first().waitFor();
      await expectAccessible(page, 'site-declaration-accessibilite');
      await screenshot(page, 'site-declaration-accessibilite');
      await page
        .getByRole('main')
        .getByRole('link', { name: /schéma pluriannuel/ })
        .click();
      await page.getByRole('heading', { level: 1, name: /Schéma pluriannuel de mise en accessibilité/ }).waitFor();
      await page.getByRole('heading', { level: 3, name: '2027' }).waitFor();
      await expectAccessible(page, 'site-schema-pluriannuel');
      await page.getByRole('contentinfo').getByRole('link', { name: 'Plan du site' }).click();
      await page.getByRole('heading', { level: 1, name: 'Plan du site' }).waitFor();
      await page.getByRole('main').getByRole('link', { name: 'Mentions légales et données personnelles' }).waitFor();
      await expectAccessible(page, 'site-plan');
    });
    await step(page, 'site-404', async () => {
      await view(page, '/cette-page-nexiste-pas', 'Page introuvable');
      expect(await page.title()).toBe(`Page introuvable${SUFFIX}`);
      await expectAccessible(page, 'site-404');
      await view(page, '/c/consultation-inconnue', 'Page introuvable');
      await view(page, '/pages/inconnue', 'Page introuvable');
      await screenshot(page, 'site-404');
    });
    await page.close();
  });
});

describe('every other page and state', () => {
  it('passes axe signed out and signed in, in each state: asked to sign in, empty, invalid link, lists', async () => {
    const page = await newPage(browser);
    const budgetSlug = (await api().get('/api/participation/budgets')).body.data.find((b: { stage: string }) => b.stage === 'vote').slug;
    const petitionSlug = (await api().get('/api/participation/petitions').query({ status: 'open' })).body.data[0].slug;
    const check = async (hash: string, heading: string | RegExp, name: string) => {
      await view(page, hash, heading);
      expect(await page.title()).toMatch(new RegExp(`${SUFFIX}$`));
      await expectAccessible(page, name);
    };
    await step(page, 'site-etats-deconnecte', async () => {
      await check('/compte', 'Mon compte', 'site-compte-deconnecte');
      await page.getByText(/^Cette page est réservée aux personnes connectées/).waitFor();
      await check('/nouveau-mot-de-passe', 'Nouveau mot de passe', 'site-lien-incomplet');
      await page.getByRole('alert').getByText('Ce lien est incomplet. Demandez-en un nouveau.').waitFor();
      await check('/desabonnement', 'Désabonnement', 'site-desabonnement-incomplet');
      await check('/petitions', 'Pétitions et interpellations', 'site-petitions');
      await check(`/p/${petitionSlug}`, /./, 'site-petition');
      await check('/budgets', 'Budgets participatifs', 'site-budgets');
      await check(`/b/${budgetSlug}`, /./, 'site-budget-vote');
      await check('/consultations?etat=a-venir', 'Consultations', 'site-consultations-a-venir');
    });
    await step(page, 'site-etats-connecte', async () => {
      await signIn(page, 'yann.reze@exemple.fr', 'Participer2026!');
      await check('/compte', 'Mon compte', 'site-compte');
      await check('/mes-contributions', 'Mes contributions', 'site-mes-contributions-demo');
      await check('/notifications', 'Mes notifications', 'site-notifications');
      await check('/petitions?miennes=1', 'Mes pétitions', 'site-mes-petitions');
      await check('/deposer-petition', 'Déposer une pétition', 'site-deposer-petition');
      await check(`/b/${budgetSlug}`, /./, 'site-budget-bulletin');
      await check(`/c/${velo}`, /Itinéraire vélo/, 'site-consultation-connecte');
      await screenshot(page, 'site-consultation-connecte');
    });
    await page.close();
  });
});

describe('a visitor following a public inquiry', () => {
  it('reads its legal calendar and numbered register, searches it, and verifies a downloaded copy in the browser', async () => {
    const page = await newPage(browser);
    const inquiry = (await api().get('/api/participation/consultations').query({ status: 'open', pageSize: 50 })).body.data.find((c: { slug: string }) =>
      c.slug.startsWith('enquete-publique')
    ).slug;
    // Tonight's run of the daily annexes, as the scheduler does it after midnight.
    await server.strapi
      .plugin('participation')
      .service('register-annexes')
      .writeDaily(new Date(Date.now() + 86_400_000));
    await step(page, 'site-enquete', async () => {
      await view(page, `/c/${inquiry}`, /Enquête publique/);
      await page.getByRole('heading', { name: 'Procédure : Enquête publique dématérialisée' }).waitFor();
      expect(await mainText(page)).toMatch(/Rapport et conclusions du commissaire enquêteur : au plus tard le .*article L123-15 du code de l’environnement/);
      await page.getByRole('heading', { level: 3, name: 'Le dossier en bref' }).waitFor();
      // The notice's mentions, folded: who answers, what will be decided, where to read the dossier and to write.
      await page.getByText('Ce que dit l’avis au public').click();
      await page.getByText(/enquete-rd723@loire-atlantique\.fr/).waitFor();
      expect(await mainText(page)).toMatch(/Mentions exigées par l’article R123-9 du code de l’environnement/);
      await expectAccessible(page, 'site-enquete');
      await page.getByRole('link', { name: /Le registre des observations/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Registre des observations' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Le dossier en bref' }).waitFor();
      expect(await page.getByRole('heading', { level: 3, name: /^Observation n° \d+$/ }).allInnerTexts()).toEqual([
        'Observation n° 1',
        'Observation n° 2',
        'Observation n° 3',
        'Observation n° 4',
      ]);
      expect(await mainText(page)).toMatch(/Reçue par courrier le/);
      await page.getByText(/Annexes quotidiennes du registre papier \(1 jour\)/).click();
      const annex = page.getByRole('link', { name: /^Registre arrêté au .* à minuit$/ });
      expect((await (await fetch((await annex.getAttribute('href')) as string)).arrayBuffer()).byteLength).toBeGreaterThan(1000);
      await expectAccessible(page, 'site-registre');
      await page.getByLabel('Mots-clés').fill('giratoire');
      await page.getByRole('button', { name: 'Rechercher' }).click();
      await page.getByRole('heading', { level: 2, name: '1 observation trouvée' }).waitFor();
    });
    await step(page, 'site-verifier-registre', async () => {
      const exported = (await api().get(`/api/participation/consultations/${inquiry}/register/export`)).body;
      const head = (await api().get(`/api/participation/consultations/${inquiry}/register/head`)).body.data.head;
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const intact = path.join(ARTIFACTS, 'registre.json');
      fs.writeFileSync(intact, JSON.stringify(exported));
      await page.getByRole('link', { name: 'Vérifier un registre téléchargé' }).click();
      await page.getByRole('heading', { level: 1, name: 'Vérifier un registre de procédure' }).waitFor();
      expect(await page.getByLabel(/Dernière empreinte/).inputValue()).toBe(head);
      await page.getByLabel('Registre téléchargé (fichier JSON)').setInputFiles(intact);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await page
        .getByRole('status')
        .getByText(/^Registre intact : 4 observations/)
        .waitFor();
      await expectAccessible(page, 'site-verifier-registre');
      const tampered = path.join(ARTIFACTS, 'registre-modifie.json');
      exported.data.entries[1].body = 'Texte modifié après coup.';
      fs.writeFileSync(tampered, JSON.stringify(exported));
      await page.getByLabel('Registre téléchargé (fichier JSON)').setInputFiles(tampered);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await page
        .getByRole('alert')
        .getByText(/^Registre altéré à l’observation n° 2/)
        .waitFor();
    });
    await page.close();
  });
});

describe('a citizen taking part', () => {
  const email = 'gwen@exemple.test';
  let password = 'Loire-Atlantique 2026 !';

  it('signs up and confirms their e-mail, signs in back where they were, contributes with their commune and edits it while pending', async () => {
    const page = await newPage(browser);
    await step(page, 'site-inscription', async () => {
      await view(page, `/c/${velo}`, /Itinéraire vélo/);
      await page.getByRole('region', { name: 'Contribuer' }).getByRole('link', { name: 'créer un compte' }).click();
      await page.getByRole('heading', { level: 1, name: 'Créer un compte' }).waitFor();
      await page.getByLabel('Pseudonyme').fill('Gwen');
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Mot de passe').fill('court');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByText('Cochez la case pour accepter la charte de participation.').waitFor();
      await page.getByLabel(/J’ai lu la charte de participation/).check();
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      // Each field's error links to its field.
      await page
        .getByRole('alert')
        .getByRole('link', { name: /Mot de passe trop faible/ })
        .waitFor();
      expect(await page.getByLabel('Mot de passe').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'site-inscription-erreurs');
      await screenshot(page, 'site-inscription-erreurs');
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByText(`Presque fini : un e-mail vient d’être envoyé à ${email}.`).waitFor();
      await expectAccessible(page, 'site-inscription-envoyee');
    });
    await step(page, 'site-confirmation', async () => {
      const mail = await smtp.waitFor((m) => m.to.includes(email) && /Confirmez/.test(m.subject));
      const link = /href="([^"]+confirmation=[^"]+)"/.exec(mail.html ?? '')?.[1]?.replace(/&amp;/g, '&');
      expect(link).toBeDefined();
      await page.goto(link!);
      await page.getByText('Votre adresse e-mail est confirmée : vous pouvez vous connecter.').waitFor();
      await expectAccessible(page, 'site-confirmation');
    });
    await step(page, 'site-connexion-retour', async () => {
      await view(page, `/c/${velo}`, /Itinéraire vélo/);
      await page.getByRole('region', { name: 'Contribuer' }).getByRole('link', { name: 'Se connecter' }).click();
      await page.getByLabel('Adresse e-mail ou pseudonyme').fill(email);
      await page.getByLabel('Mot de passe').fill('pas le bon');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('alert').getByText('Identifiant ou mot de passe incorrect.').waitFor();
      await expectAccessible(page, 'site-connexion-erreur');
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      // Back on the consultation they were reading, greeted.
      await page.getByRole('heading', { level: 1, name: /Itinéraire vélo/ }).waitFor();
      await page.getByText('Bonjour Gwen, vous êtes connecté·e.').waitFor();
      await page.getByRole('link', { name: 'Mon compte (Gwen)' }).waitFor();
    });
    await step(page, 'site-contribuer', async () => {
      const form = page.getByRole('region', { name: 'Contribuer' });
      await form.getByRole('button', { name: 'Envoyer ma contribution' }).click();
      await form.getByRole('alert').waitFor();
      await expectAccessible(page, 'site-contribuer-erreurs');
      await form.getByLabel('Titre').fill('Une halte vélo à Oudon');
      await form.getByLabel('Votre contribution').fill('Une aire de repos avec de l’eau potable et un abri, près de la gare d’Oudon.');
      // The commune combobox (ARIA 1.2): suggestions announced, arrows and Enter choose; Enter never sends the form
      // while no commune is chosen.
      const commune = form.getByRole('combobox', { name: /Commune concernée/ });
      await commune.pressSequentially('Zzq');
      await form.getByText('Aucune commune ne correspond.').waitFor({ state: 'attached' });
      await commune.press('Enter');
      await form.getByText('Choisissez une commune dans la liste des suggestions.').waitFor({ state: 'attached' });
      expect(await page.getByText('Merci ! Votre contribution sera publiée après modération.').count()).toBe(0);
      await commune.fill('');
      await commune.pressSequentially('Oud');
      await form.getByRole('option', { name: /^Oudon \(44\d{3}\)$/ }).waitFor();
      expect(await commune.getAttribute('aria-expanded')).toBe('true');
      await form.getByText(/communes? proposées?\./).waitFor({ state: 'attached' });
      await expectAccessible(page, 'site-contribuer-formulaire');
      await commune.press('ArrowDown');
      expect(await commune.getAttribute('aria-activedescendant')).toBe('commune-option-0');
      await commune.press('Enter');
      expect(await commune.inputValue()).toMatch(/^Oudon \(44\d{3}\)$/);
      expect(await commune.getAttribute('aria-expanded')).toBe('false');
      await form.getByRole('button', { name: 'Envoyer ma contribution' }).click();
      const thanks = form.getByText('Merci ! Votre contribution sera publiée après modération.');
      await thanks.waitFor();
      // The focus went to the answer, not to the top of the page.
      expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Merci ! Votre contribution/);
      await screenshot(page, 'site-contribuer');
    });
    await step(page, 'site-modifier', async () => {
      await page.getByRole('link', { name: 'Mon compte (Gwen)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
      await expectAccessible(page, 'site-compte');
      await page.getByRole('main').getByRole('link', { name: 'Mes contributions' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes contributions' }).waitFor();
      await page.getByText('En attente de modération').waitFor();
      await expectAccessible(page, 'site-mes-contributions');
      await page.getByRole('link', { name: 'Modifier « Une halte vélo à Oudon »' }).click();
      await page.getByRole('heading', { level: 1, name: 'Modifier ma contribution' }).waitFor();
      expect(await page.getByLabel(/Commune concernée/).inputValue()).toMatch(/^Oudon \(44\d{3}\)$/);
      await page.getByLabel('Titre').fill('Une halte vélo ombragée à Oudon');
      await expectAccessible(page, 'site-modifier');
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await page.getByText('Votre contribution est modifiée ; elle attend toujours la modération.').waitFor();
      await page.getByRole('heading', { name: 'Une halte vélo ombragée à Oudon' }).waitFor();
    });
    const user = await server.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email } });
    const mine = await server.strapi.db.connection('participation_contributions').where({ title: 'Une halte vélo ombragée à Oudon' });
    expect(mine).toHaveLength(1);
    expect(mine[0].status).toBe('pending');
    expect(user.confirmed).toBe(true);
    await page.close();
  });

  it('supports, comments and replies three levels deep, and reports with a reason', async () => {
    const page = await newPage(browser);
    await step(page, 'site-connexion', () => signIn(page, email, password));
    let title = '';
    await step(page, 'site-soutenir', async () => {
      await view(page, `/c/${autonomy}`, /Bien vieillir en Loire-Atlantique/);
      const card = page.locator('main .cards > li').first();
      title = (await card.locator('h3').innerText()).trim();
      const support = card.getByRole('button', { name: /^Soutenir \(\d+\)$/ });
      const before = Number(/\((\d+)\)/.exec(await support.innerText())![1]);
      await support.click();
      await card.getByRole('button', { name: `Soutenue (${before + 1})` }).waitFor();
      expect(await card.getByRole('button', { name: /^Soutenue/ }).getAttribute('aria-pressed')).toBe('true');
      await card.getByRole('link', { name: title, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
    });
    await step(page, 'site-commenter', async () => {
      await page.getByLabel('Votre commentaire').fill('Bonne idée, il faudrait un abri pour les vélos aussi.');
      await page.getByRole('button', { name: 'Commenter', exact: true }).click();
      await page.getByText('Votre commentaire est publié.').waitFor();
      await page.getByRole('button', { name: 'Répondre à Gwen' }).first().click();
      await page.getByLabel('Votre réponse à Gwen').fill('Et des arceaux en nombre suffisant.');
      await page.getByRole('button', { name: 'Répondre', exact: true }).click();
      await page.getByText('Votre commentaire est publié.').waitFor();
      await page.locator('.comments .comments .comment').first().waitFor();
      await page.locator('.comments .comments .comment').first().getByRole('button', { name: 'Répondre à Gwen' }).click();
      await page.getByLabel('Votre réponse à Gwen').fill('Oui, au moins vingt.');
      await page.getByRole('button', { name: 'Répondre', exact: true }).click();
      await page.getByText('Oui, au moins vingt.').waitFor();
      // Three levels, and no reply offered on the third.
      const third = page.locator('.comments .comments .comments .comment', { hasText: 'Oui, au moins vingt.' });
      await third.waitFor();
      expect(await third.getByRole('button', { name: /^Répondre/ }).count()).toBe(0);
      await expectAccessible(page, 'site-commentaires');
      await screenshot(page, 'site-commentaires');
    });
    await step(page, 'site-mon-activite', async () => {
      // « Mes contributions » also lists what she commented and supported, with the contribution each concerns.
      await view(page, '/mes-contributions', 'Mes contributions');
      await page.getByRole('heading', { name: /^Mes commentaires \([1-9]\d*\)$/ }).waitFor();
      await page.getByText('Bonne idée, il faudrait un abri pour les vélos aussi.').waitFor();
      await page.getByRole('heading', { name: 'Mes soutiens (1)' }).waitFor();
      await page.getByRole('heading', { level: 3, name: title }).waitFor();
      await expectAccessible(page, 'site-mon-activite');
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
    });
    await step(page, 'site-signaler', async () => {
      const actions = page.locator('main > .actions').first();
      await actions.getByRole('button', { name: 'Signaler' }).click();
      expect(await actions.getByRole('button', { name: 'Signaler' }).getAttribute('aria-expanded')).toBe('true');
      await actions.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await actions.getByText('Choisissez une raison.').waitFor();
      await actions.getByLabel('Hors sujet').check();
      await actions.getByLabel(/Précisions/).fill('Cette idée concerne une autre consultation.');
      await expectAccessible(page, 'site-signaler');
      await actions.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await actions.getByText('Merci, votre signalement est transmis aux modérateurs.').waitFor();
    });
    const reports = await server.strapi.db.connection('participation_reports').where({ reason: 'off_topic' });
    expect(reports).toHaveLength(1);
    await page.close();
  });

  it('keeps the session in a new tab and a link opened from a mail, signs out every tab at once, and ends with the last tab', async () => {
    const page = await newPage(browser);
    await step(page, 'session-onglets', async () => {
      await signIn(page, email, password);
      // A link opened in another tab (as from a mail while the site is open): signed in, no new sign-in asked.
      const other = await page.context().newPage();
      await other.goto(`${server.base}/site/#/mes-contributions`);
      await other.getByRole('heading', { level: 1, name: 'Mes contributions' }).waitFor();
      await other.getByRole('link', { name: /^Mon compte/ }).waitFor();
      // Signing out in one tab signs out the other.
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await other.getByRole('link', { name: 'Se connecter' }).first().waitFor();
      await other.close();
    });
    await step(page, 'centre-de-notifications', async () => {
      await signIn(page, email, password);
      // A moderator approves the contribution Gwen sent: the mail's news waits in her notification centre too.
      const mine = (await server.strapi.db.connection('participation_contributions').where({ title: 'Une halte vélo ombragée à Oudon' }).first()) as {
        document_id: string;
      };
      await server.strapi
        .plugin('participation')
        .service('moderation')
        .decideMany([{ type: 'contribution', id: mine.document_id }], 'approve', null, null, { type: 'admin', id: null, name: 'Modération' });
      await view(page, '/notifications', 'Mes notifications');
      await page.getByRole('link', { name: /^Notifications 1 non lue$/ }).waitFor();
      const received = page.getByRole('region', { name: /^Reçues/ });
      await received.getByRole('heading', { name: 'Reçues (1 non lue)' }).waitFor();
      await received.getByRole('listitem').filter({ hasText: 'Une halte vélo ombragée à Oudon' }).waitFor();
      await expectAccessible(page, 'site-notifications');
      await received.getByRole('button', { name: 'Tout marquer comme lu' }).click();
      await page.getByText('Toutes vos notifications sont marquées comme lues.').waitFor();
      await page.getByRole('heading', { name: 'Reçues', exact: true }).waitFor();
      await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
    });
    await step(page, 'session-fin', async () => {
      await signIn(page, email, password);
      const context = page.context();
      await page.close();
      // Once the last tab of the site is closed, the session is over (a shared computer)…
      const later = await context.newPage();
      await later.goto(`${server.base}/site/#/mes-contributions`);
      await later.getByText('Cette page est réservée aux personnes connectées').waitFor();
      // …unless « Rester connecté·e » was ticked.
      await later.goto(`${server.base}/site/#/connexion`);
      await later.getByLabel('Adresse e-mail ou pseudonyme').fill(email);
      await later.getByLabel('Mot de passe').fill(password);
      await later.getByLabel('Rester connecté·e sur cet appareil').check();
      await later.getByRole('button', { name: 'Se connecter' }).click();
      await later.getByRole('link', { name: /^Mon compte/ }).waitFor();
      await later.close();
      const again = await context.newPage();
      await again.goto(`${server.base}/site/#/mes-contributions`);
      await again.getByRole('heading', { level: 1, name: 'Mes contributions' }).waitFor();
      await again.getByRole('button', { name: 'Se déconnecter' }).click();
      await context.close();
    });
  });

  it('exports their data, signs out everywhere, resets a forgotten password and erases their account', async () => {
    const page = await newPage(browser);
    let token = '';
    await step(page, 'site-export', async () => {
      await signIn(page, email, password);
      await page.getByRole('link', { name: 'Mon compte (Gwen)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger mes données (JSON)' }).click()]);
      const file = path.join(ARTIFACTS, 'mes-donnees.json');
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await download.saveAs(file);
      const data = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(data.account).toMatchObject({ username: 'Gwen', email });
      expect(data.contributions.map((c: { title: string }) => c.title)).toContain('Une halte vélo ombragée à Oudon');
      expect(data.comments).toHaveLength(3);
      token = (await page.evaluate(() => sessionStorage.getItem('participer.jwt'))) ?? '';
      expect(token).not.toBe('');
    });
    await step(page, 'site-deconnexion-partout', async () => {
      await page.getByRole('button', { name: 'Me déconnecter partout' }).click();
      await page.getByText('Vous êtes déconnecté·e de tous vos appareils.').waitFor();
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Se connecter' }).waitFor();
    });
    expect((await api().get('/api/participation/me/contributions').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    await step(page, 'site-mot-de-passe-oublie', async () => {
      await view(page, '/connexion', 'Se connecter');
      await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
      await page.getByLabel('Adresse e-mail de votre compte').fill(email);
      await page.getByRole('button', { name: 'Recevoir un lien' }).click();
      await page.getByText(/Si un compte existe avec cette adresse/).waitFor();
      await expectAccessible(page, 'site-mot-de-passe-oublie');
      const mail = await smtp.waitFor((m) => m.to.includes(email) && /Réinitialisez/.test(m.subject));
      const link = /href="([^"]+code=[^"]+)"/.exec(mail.html ?? '')?.[1]?.replace(/&amp;/g, '&');
      expect(link).toContain('/site/#/nouveau-mot-de-passe?code=');
      await page.goto(link!);
      await page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor();
      password = 'Un tout nouveau mot de passe 2027 !';
      await page.getByLabel('Nouveau mot de passe').fill(password);
      await page.getByLabel('Le même, une seconde fois').fill(password);
      await expectAccessible(page, 'site-nouveau-mot-de-passe');
      await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
      await page.getByText('Votre mot de passe est changé.').waitFor();
      await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    });
    await step(page, 'site-effacer', async () => {
      const erase = page.getByRole('region', { name: 'Effacer mon compte' });
      await erase.getByLabel('Votre mot de passe, pour confirmer').fill('pas le bon');
      await erase.getByLabel('Je comprends que mon compte sera effacé définitivement.').check();
      await erase.getByRole('button', { name: 'Effacer mon compte' }).click();
      await erase.getByRole('alert').waitFor();
      await expectAccessible(page, 'site-effacer-erreur');
      await erase.getByLabel('Votre mot de passe, pour confirmer').fill(password);
      await erase.getByRole('button', { name: 'Effacer mon compte' }).click();
      await page.getByText('Votre compte est effacé. Merci d’avoir participé.').waitFor();
      await screenshot(page, 'site-compte-efface');
    });
    expect((await api().post('/api/auth/local').send({ identifier: email, password })).status).toBe(400);
    await page.close();
  });
});

describe('the site without a mouse, on a phone and zoomed', () => {
  /** Presses Tab until the element with focus has this accessible text (at most 80 times). */
  async function tabTo(page: Page, text: RegExp) {
    for (let i = 0; i < 80; i += 1) {
      await page.keyboard.press('Tab');
      if (text.test((await focused(page)).text)) return;
    }
    throw new Error(`Jamais atteint au clavier : ${text}`);
  }

  it('takes a citizen from the home page to a support with the keyboard only', async () => {
    const page = await newPage(browser);
    await step(page, 'clavier', async () => {
      await view(page, '/', 'Participer en Loire-Atlantique');
      await page.keyboard.press('Tab');
      expect((await focused(page)).text).toBe('Aller au contenu');
      await page.keyboard.press('Enter');
      expect((await focused(page)).id).toBe('contenu');
      await tabTo(page, /^Itinéraire vélo le long de la Loire/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: /Itinéraire vélo/ }).waitFor();
      // Focus on the new view's heading, the page at its top: the header stays in view.
      expect(await focused(page)).toMatchObject({ tag: 'H1' });
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      await tabTo(page, /^Se connecter$/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();
      await page.keyboard.press('Tab');
      await page.keyboard.type('jules.blain@exemple.fr');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Participer2026!');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: /Itinéraire vélo/ }).waitFor();
      await tabTo(page, /^Soutenir \(\d+\)$/);
      const label = (await focused(page)).text;
      await page.keyboard.press('Space');
      await page.waitForFunction((before) => document.activeElement?.textContent !== before, label);
      expect((await focused(page)).text).toMatch(/^Soutenue \(\d+\)$/);
      await tabTo(page, /^\d+ commentaires? sur/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: /commentaires?$/ }).waitFor();
      await tabTo(page, /^Signaler$/);
      await page.keyboard.press('Enter');
      // The report form opens with focus on its first reason.
      expect((await focused(page)).tag).toBe('INPUT');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
      await screenshot(page, 'clavier');
    });
    await page.close();
  });

  it('fits a 375 px phone and 200 % zoom without horizontal scrolling', async () => {
    for (const [name, options] of [
      ['telephone-375', { viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
      ['zoom-200', { viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 }],
    ] as const) {
      const context = await browser.newContext({ ...options, locale: 'fr-FR' });
      const page = await context.newPage();
      await step(page, name, async () => {
        for (const [hash, heading] of [
          ['/', 'Participer en Loire-Atlantique'],
          ['/inscription', 'Créer un compte'],
          ['/budgets', 'Budgets participatifs'],
          [`/c/${velo}`, /Itinéraire vélo/],
        ] as const) {
          await view(page, hash, heading);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          await screenshot(page, `${name}${hash.replace(/[^a-z0-9]+/gi, '-')}`);
        }
        // After a navigation from far down the page, the header is back in view.
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        const before = await page.getByRole('heading', { level: 1 }).textContent();
        await page.locator('main a[href^="#/contributions/"]').last().click();
        // The contribution's own heading: the consultation's is still there until the new view renders.
        await page.waitForFunction(
          (previous) => location.hash.startsWith('#/contributions/') && document.querySelector('main h1')?.textContent !== previous,
          before
        );
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        expect(await page.getByRole('banner').isVisible()).toBe(true);
      });
      await context.close();
    }
  });

  it('keeps the first view under 60 kB of JavaScript as transferred, compressed by the server, and without layout shift', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    // Counted from the first paint: every layout shift the page makes while it loads.
    await page.addInitScript(() => {
      (window as unknown as { __shifts: number }).__shifts = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) (window as unknown as { __shifts: number }).__shifts += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const encodings = new Map<string, string>();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      encodings.set(new URL(response.url()).pathname, (await response.allHeaders())['content-encoding'] ?? 'identity');
    });
    await step(page, 'poids-premiere-vue', async () => {
      await view(page, '/', 'Participer en Loire-Atlantique');
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
    });
    // Bytes as the browser received them: each script's body as encoded on the wire (Resource Timing).
    const scripts = (
      await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'))
          .map((r) => ({ url: new URL(r.name).pathname, wireBytes: r.encodedBodySize, decodedBytes: r.decodedBodySize }))
      )
    ).map((s) => ({ ...s, encoding: encodings.get(s.url) ?? 'identity' }));
    const shifts = await page.evaluate(() => (window as unknown as { __shifts: number }).__shifts);
    const wireBytes = scripts.reduce((sum, s) => sum + s.wireBytes, 0);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'site-premiere-vue.json'), JSON.stringify({ wireBytes, scripts, cumulativeLayoutShift: shifts }, null, 2));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((s) => s.url.startsWith('/site/'))).toBe(true);
    // Every script of 1 kB or more came compressed (Brotli, as Chromium asks for it).
    expect(scripts.filter((s) => s.decodedBytes >= 1024).map((s) => [s.url, s.encoding])).toEqual(
      scripts.filter((s) => s.decodedBytes >= 1024).map((s) => [s.url, 'br'])
    );
    expect(wireBytes).toBeLessThan(60 * 1024);
    expect(shifts).toBe(0);
    await context.close();
  });
});
