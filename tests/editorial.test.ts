import { seedDemoContent } from '../src/demo';
import { startApp, type TestApp } from './helpers/strapi';

let app: TestApp;
beforeAll(async () => {
  // The production rule on reports: the demo's community is old enough for its reports to count.
  app = await startApp({ ADMIN_EMAIL: 'agent@loire-atlantique.test', ADMIN_PASSWORD: 'Participer2026!', REPORT_MIN_ACCOUNT_AGE_MINUTES: '1440' });
});
afterAll(async () => {
  await app?.stop();
});

describe('editorial content for communications staff', () => {
  it('has French as the default content locale, English offered', async () => {
    const locales = app.strapi.plugin('i18n').service('locales');
    expect(await locales.getDefaultLocale()).toBe('fr');
    expect((await locales.find()).map((l: { code: string }) => l.code).sort()).toEqual(['en', 'fr']);
  });

  it('loads the demo content once: a second run creates nothing', async () => {
    const first = await seedDemoContent(app.strapi);
    expect(first.created.length).toBeGreaterThan(10);
    const second = await seedDemoContent(app.strapi);
    expect(second.created).toEqual([]);
    const consultations = await app.request().get('/api/participation/consultations').query({ pageSize: 100 });
    expect(consultations.body.data.map((c: { status: string }) => c.status).sort()).toEqual(
      // Six free consultations, and one of each legal procedure: an inquiry and a participation open, a concertation
      // scheduled, an electronic participation closed.
      ['archived', 'closed', 'open', 'open', 'results_published', 'scheduled', 'open', 'open', 'scheduled', 'closed'].sort()
    );
    const inquiry = consultations.body.data.find((c: { slug: string }) => c.slug.startsWith('enquete-publique'));
    const register = await app.request().get(`/api/participation/consultations/${inquiry.slug}/register`);
    expect(register.body.data.map((e: { number: number; channel: string }) => [e.number, e.channel])).toEqual([
      [1, 'web'],
      [2, 'mail'],
      [3, 'web'],
      [4, 'meeting'],
    ]);
    expect(consultations.body.data.find((c: { slug: string }) => c.slug.startsWith('itineraire-velo'))).toMatchObject({
      status: 'open',
      themes: expect.arrayContaining([expect.objectContaining({ slug: 'loire' })]),
    });
    const velo = consultations.body.data.find((c: { slug: string }) => c.slug.startsWith('itineraire-velo'));
    expect(velo.counts.contributions).toBe(13); // 17 ideas: 3 wait for moderation, 1 is hidden
    expect(velo.counts.supports).toBeGreaterThan(20);
    const ideas = await app.request().get(`/api/participation/consultations/${velo.slug}/contributions`).query({ sort: '-supportsCount' });
    expect(ideas.body.data[0].counts.supports).toBeGreaterThan(5);
    const pending = await app.strapi.db.connection('participation_contributions').where({ status: 'pending' }).count({ n: '*' });
    expect(Number(pending[0].n)).toBe(3);
    // Meetings in every state: upcoming with places, full with its waitlist, free entry, cancelled; past and draft apart.
    const meetings = (await app.request().get('/api/participation/meetings')).body.data as { slug: string; state: string; registration: unknown }[];
    expect(meetings.map((m) => m.state).sort()).toEqual(['cancelled', 'upcoming', 'upcoming', 'upcoming']);
    expect(meetings.find((m) => m.slug === 'atelier-bien-vieillir-reze')!.registration).toMatchObject({ places: 4, placesLeft: 0, waiting: 3 });
    const past = (await app.request().get('/api/participation/meetings?past=true')).body.data;
    expect(past.map((m: { state: string }) => m.state)).toEqual(['past']);
    // The past one: its report published with the registrants' remarks, and what was said in the room in its consultation.
    const pastReport = (await app.request().get(`/api/participation/meetings/${past[0].slug}/report`)).body.data;
    expect(pastReport.remarks).toHaveLength(2);
    expect(pastReport.contributionsCount).toBe(2);
    const said = (await app.request().get(`/api/participation/meetings/${past[0].slug}/contributions`)).body.data;
    expect(said.map((c: { provenance: string }) => c.provenance)).toEqual([
      expect.stringMatching(/^Réunion du \d{2}\/\d{2} à Saint-Nazaire$/),
      expect.any(String),
    ]);
    expect(await app.strapi.plugin('participation').service('counters').check()).toEqual([]);
    const rd723 = await app.request().get('/api/participation/consultations/securite-de-la-rd-723-entre-ancenis-et-oudon');
    expect(rd723.body.data.results.keyFigures).toHaveLength(3);
    expect(rd723.body.data.results.updates.map((u: { date: string }) => u.date)).toEqual(['2026-09-15', '2026-06-01']);
    expect(rd723.body.data.results.decisionUrl).toMatch(/^https:\/\/www\.loire-atlantique\.fr\//);
    const petitions = await app.request().get('/api/participation/petitions').query({ pageSize: 100 });
    // The one still under admissibility review is not public.
    expect(petitions.body.data.map((p: { status: string }) => p.status).sort()).toEqual(['answered', 'forwarded', 'inadmissible', 'open', 'open']);
    const schemes = (await app.request().get('/api/participation/petition-schemes')).body.data;
    expect(schemes.map((s: { slug: string }) => s.slug).sort()).toEqual(['droit-interpellation', 'petition-citoyenne']);
    const aleop = petitions.body.data.find((p: { title: string }) => p.title.includes('Aléop'));
    expect(aleop.signaturesCount).toBe(12);
    const progress = (await app.request().get(`/api/participation/petitions/${aleop.slug}`)).body.data.progress;
    expect(progress.map((s: { key: string; state: string }) => `${s.key}:${s.state}`)).toEqual(['dialogue:in_progress', 'assemblee:in_progress']);
    expect(progress[1].required).toBe(14876); // a hundredth of the département's population, rounded up
    const budgets = (await app.request().get('/api/participation/budgets')).body.data;
    expect(budgets.map((b: { stage: string }) => b.stage).sort()).toEqual(['admissibility', 'filing', 'follow_up', 'results', 'vote']);
    const results = await app.request().get('/api/participation/budgets/budget-participatif-2025/results');
    expect(results.body.data.participants.total).toBe(16);
    expect(results.body.data.winners.length).toBeGreaterThan(0);
    const followed = await app.request().get('/api/participation/budgets/budget-participatif-2023/projects').query({ winners: 'true' });
    expect(followed.body.data[0].followUp.status).toEqual(expect.stringMatching(/delivered|in_progress/));
    const themes = await app.request().get('/api/participation/themes');
    expect(themes.body.data.map((t: { slug: string }) => t.slug)).toEqual(
      expect.arrayContaining(['mobilites', 'colleges', 'environnement', 'solidarites', 'culture', 'routes', 'loire'])
    );
  });

  it('lets the public read published pages, news, homepage and site settings', async () => {
    const pages = await app.request().get('/api/pages');
    expect(pages.status).toBe(200);
    expect(pages.body.data.map((p: { slug: string }) => p.slug).sort()).toEqual(['a-propos', 'charte-de-participation', 'mentions-legales']);
    expect(pages.body.data[0].locale).toBe('fr');

    const articles = await app.request().get('/api/articles').query({ sort: 'date:desc' });
    expect(articles.status).toBe(200);
    expect(articles.body.data.map((a: { slug: string }) => a.slug)).toEqual([
      'velo-loire-ateliers',
      'plan-climat-concertation',
      'bilan-budget-participatif-2025',
    ]);

    const homepage = await app.request().get('/api/homepage').query({ populate: '*' });
    expect(homepage.status).toBe(200);
    expect(homepage.body.data.hero.title).toBe('Participer en Loire-Atlantique');

    const global = await app.request().get('/api/global');
    expect(global.status).toBe(200);
    expect(global.body.data.siteName).toMatch(/Loire-Atlantique/);
  });

  it('never shows drafts to the public', async () => {
    await app.strapi.documents('api::page.page').create({
      data: { title: 'Brouillon confidentiel', slug: 'brouillon-confidentiel' },
      locale: 'fr',
    });
    for (const query of [{}, { status: 'draft' }, { status: 'draft', 'filters[slug][$eq]': 'brouillon-confidentiel' }]) {
      const pages = await app.request().get('/api/pages').query(query);
      expect(pages.status).toBe(200);
      expect(pages.body.data.map((p: { slug: string }) => p.slug)).not.toContain('brouillon-confidentiel');
    }
    const draftOnly = await app.strapi.documents('api::page.page').findFirst({ filters: { slug: 'brouillon-confidentiel' }, status: 'draft' });
    const one = await app.request().get(`/api/pages/${draftOnly!.documentId}`).query({ status: 'draft' });
    expect(one.status).toBe(404);
  });

  it('lets the public do nothing else', async () => {
    const create = await app
      .request()
      .post('/api/pages')
      .send({ data: { title: 'Piratage', slug: 'piratage' } });
    expect(create.status).toBe(403);
    const [page] = (await app.request().get('/api/pages')).body.data;
    expect(
      (
        await app
          .request()
          .put(`/api/pages/${page.documentId}`)
          .send({ data: { title: 'x' } })
      ).status
    ).toBe(403);
    expect((await app.request().delete(`/api/pages/${page.documentId}`)).status).toBe(403);
    expect((await app.request().get('/api/users')).status).toBe(403);
    expect((await app.request().put('/api/homepage').send({ data: {} })).status).toBe(403);
  });

  it("refuses in French, private fields included, keeping Strapi's details", async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/pages?filters[createdBy][email][$contains]=@', 400, /^Paramètre inconnu ou non autorisé : createdBy\.$/],
      ['/api/articles?populate[seo][populate][createdBy]=true', 400, /^Paramètre inconnu ou non autorisé : createdBy \(dans seo\)\.$/],
      ['/api/pages?sort=updatedBy', 400, /^Paramètre inconnu ou non autorisé : updatedBy\.$/],
      ['/api/users', 403, /^Accès refusé\.$/],
      ['/api/pages/inconnue', 404, /^Ressource introuvable/],
    ];
    for (const [path, status, message] of cases) {
      const res = await app.request().get(path);
      expect([path, res.status, res.body.data]).toEqual([path, status, null]);
      expect([path, res.body.error.message]).toEqual([path, expect.stringMatching(message)]);
    }
    const filtered = await app.request().get('/api/pages?filters[createdBy][email][$contains]=@');
    expect(filtered.body.error.details).toMatchObject({ key: 'createdBy', param: 'filters' });
  });
});

describe('the Content Manager in French', () => {
  it('labels fields in French, and keeps what staff changed', async () => {
    const types = app.strapi.plugin('content-manager').service('content-types');
    const consultation = await types.findConfiguration(app.strapi.contentType('plugin::participation.consultation'));
    expect(consultation.metadatas.opensAt.edit).toMatchObject({ label: "Date d'ouverture", description: expect.stringContaining('Cycle de vie') });
    expect(consultation.metadatas.title.list.label).toBe('Titre');
    const page = await types.findConfiguration(app.strapi.contentType('api::page.page'));
    expect(page.metadatas.body.edit.label).toBe('Contenu');

    page.metadatas.body.edit.label = 'Texte de la page';
    const { uid, ...rest } = page;
    await types.updateConfiguration(app.strapi.contentType('api::page.page'), rest);
    const { applyEditorialLabels } = await import('../src/bootstrap/labels');
    await applyEditorialLabels(app.strapi);
    expect((await types.findConfiguration(app.strapi.contentType('api::page.page'))).metadatas.body.edit.label).toBe('Texte de la page');
    void uid;
  });
});

describe('the development super admin', () => {
  it('exists after start-up with ADMIN_EMAIL and ADMIN_PASSWORD, and can log in', async () => {
    const login = await app.request().post('/admin/login').send({ email: 'agent@loire-atlantique.test', password: 'Participer2026!' });
    expect(login.status).toBe(200);
    expect(login.body.data.user).toMatchObject({ email: 'agent@loire-atlantique.test', preferedLanguage: 'fr' });
    const user = await app.strapi.db.query('admin::user').findOne({ where: { email: 'agent@loire-atlantique.test' }, populate: ['roles'] });
    expect(user.roles.map((r: { code: string }) => r.code)).toEqual(['strapi-super-admin']);
  });

  it('is not created twice', async () => {
    const { ensureDevelopmentAdmin } = await import('../src/bootstrap/dev-admin');
    await ensureDevelopmentAdmin(app.strapi);
    const count = await app.strapi.db.query('admin::user').count({ where: { email: 'agent@loire-atlantique.test' } });
    expect(count).toBe(1);
  });
});
