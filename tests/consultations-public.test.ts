import { adminToken } from './helpers/admin';
import { registerCitizen } from './helpers/citizens';
import { createConsultation, minutes } from './helpers/consultations';
import { BUDGET_SETTINGS, BUDGET_STAGE, budgetCalendar, petitionScheme } from './helpers/fixtures';
import { startApp, type TestApp } from './helpers/strapi';

let app: TestApp;
let token: string;
const slugs: Record<string, string> = {};

const move = (documentId: string, body: Record<string, unknown>) =>
  app.request().post(`/participation/consultations/${documentId}/transitions`).set('Authorization', `Bearer ${token}`).send(body).expect(200);
const list = (query: Record<string, unknown> = {}) => app.request().get('/api/participation/consultations').query(query);
const api = (path: string) => app.request().get(`/api/participation${path}`);
const one = (slug: string) => app.request().get(`/api/participation/consultations/${slug}`);

beforeAll(async () => {
  app = await startApp();
  token = await adminToken(app);
  const themes = app.strapi.documents('plugin::participation.theme');
  const mobilites = await themes.create({ data: { name: 'Mobilités', slug: 'mobilites', color: '#0072bc' } });
  const colleges = await themes.create({ data: { name: 'Collèges', slug: 'colleges' } });
  const territories = await app.request().get('/api/participation/territories').query({ q: 'Ancenis', kind: 'commune' });
  const ancenis = territories.body.data[0];

  const velo = await createConsultation(app, {
    title: 'Itinéraire vélo Loire',
    summary: 'Le futur tracé cyclable entre Ancenis et Nantes.',
    easyRead: 'Le Département veut faire une piste pour les vélos.\nVous pouvez donner votre avis.',
    themes: [mobilites.documentId],
    territory: ancenis.documentId,
    textUpcoming: 'Ouverture bientôt.',
    textOpen: 'Proposez vos idées de tracé.',
    textClosed: 'Merci ! Analyse en cours.',
    allowComments: false,
    phases: [
      { kind: 'information', title: 'Découvrir le projet', startsAt: minutes(-60).toISOString(), endsAt: minutes(-30).toISOString() },
      { kind: 'contribution', title: 'Proposer', startsAt: minutes(-30).toISOString(), endsAt: minutes(60 * 24).toISOString(), allowSupports: false },
    ],
    opensAt: minutes(10),
    closesAt: minutes(60 * 24 * 10),
  });
  const college = await createConsultation(app, {
    title: 'Nouveau collège de Nort-sur-Erdre',
    summary: 'Choisir le nom et les équipements du collège.',
    themes: [colleges.documentId],
    opensAt: minutes(60 * 24),
    closesAt: minutes(60 * 24 * 40),
    requireAccount: false,
  });
  const climat = await createConsultation(app, {
    title: 'Plan climat',
    summary: 'Les actions du Département pour le climat.',
    textClosed: 'Consultation terminée.',
    textResults: 'Voici ce que nous retenons.',
    resultsSynthesis: '2 300 contributions, 14 actions retenues.',
    resultsKeyFigures: [{ label: 'contributions', value: 2300 }],
    resultsDecisions: 'Le plan est adopté en session de juin.',
    closesAt: minutes(60 * 24 * 5),
  });
  const brouillon = await createConsultation(app, { title: 'Budget participatif 2028' });
  Object.assign(slugs, { velo: velo.slug, college: college.slug, climat: climat.slug, brouillon: brouillon.slug });

  await move(velo.documentId, { to: 'scheduled' });
  await move(velo.documentId, { to: 'open' });
  await move(college.documentId, { to: 'scheduled' });
  await move(climat.documentId, { to: 'scheduled' });
  await move(climat.documentId, { to: 'open' });
  await move(climat.documentId, { to: 'closed' });
  await move(climat.documentId, { to: 'results_published' });
});
afterAll(async () => {
  await app?.stop();
});

describe('GET /api/participation/consultations', () => {
  it('lists public consultations only, latest opening first, with pagination', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 20, pageCount: 1, total: 3 });
    expect(res.body.data.map((c: any) => c.slug).sort()).toEqual([slugs.college, slugs.climat, slugs.velo].sort());
    const opens = res.body.data.map((c: any) => new Date(c.opensAt).getTime());
    expect([...opens].sort((a, b) => b - a)).toEqual(opens);
    const velo = res.body.data.find((c: any) => c.slug === slugs.velo);
    expect(velo).toEqual({
      documentId: expect.any(String),
      slug: slugs.velo,
      title: 'Itinéraire vélo Loire',
      summary: 'Le futur tracé cyclable entre Ancenis et Nantes.',
      status: 'open',
      opensAt: expect.any(String),
      closesAt: expect.any(String),
      cover: null,
      themes: [{ slug: 'mobilites', name: 'Mobilités', color: '#0072bc' }],
      territory: { inseeCode: '44003', name: 'Ancenis-Saint-Géréon', kind: 'commune' },
      origin: null,
      counts: { contributions: 0, participants: 0, supports: 0 },
    });
  });

  it('filters by one or several states, theme, territory and text', async () => {
    const slugsOf = async (query: Record<string, unknown>) => (await list(query)).body.data.map((c: any) => c.slug).sort();
    expect(await slugsOf({ status: 'open' })).toEqual([slugs.velo]);
    expect(await slugsOf({ status: 'open,scheduled' })).toEqual([slugs.college, slugs.velo].sort());
    expect(await slugsOf({ status: ['open', 'results_published'] })).toEqual([slugs.climat, slugs.velo].sort());
    expect(await slugsOf({ theme: 'colleges' })).toEqual([slugs.college]);
    expect(await slugsOf({ territory: '44003' })).toEqual([slugs.velo]);
    expect(await slugsOf({ territory: '44109' })).toEqual([]);
    // A place finds what concerns it: the commune's consultation from its EPCI and from the département.
    const commune = await app.strapi.db.query('plugin::participation.territory').findOne({ where: { inseeCode: '44003' } });
    expect(await slugsOf({ territory: commune.parentCode })).toEqual([slugs.velo]);
    expect(await slugsOf({ territory: '44' })).toEqual([slugs.velo]);
    expect(await slugsOf({ q: 'CLIMAT' })).toEqual([slugs.climat]);
    expect(await slugsOf({ q: 'trace cyclable' })).toEqual([slugs.velo]);
    expect(await slugsOf({ q: '%' })).toEqual([]);
  });

  it('sorts by closing date and pages', async () => {
    const byClosing = (await list({ sort: 'closesAt' })).body.data.map((c: any) => c.slug);
    expect(byClosing[0]).toBe(slugs.climat);
    const page2 = await list({ pageSize: 2, page: 2, sort: 'closesAt' });
    expect(page2.body.data.map((c: any) => c.slug)).toEqual([byClosing[2]]);
    expect(page2.body.meta.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
  });

  it.each([
    [{ status: 'draft' }, 'status'],
    [{ status: 'ouverte' }, 'status'],
    [{ sort: 'title' }, 'sort'],
    [{ sort: '-supportsCount' }, 'sort'],
    [{ theme: 'Mobilités' }, 'theme'],
    [{ territory: 'Nantes' }, 'territory'],
    [{ pageSize: 1000 }, 'pageSize'],
    [{ q: '' }, 'q'],
    [{ 'filters[createdBy][id]': 1 }, null],
    [{ populate: '*' }, null],
  ])('refuses %j with 400', async (query, field) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.error.details.code).toBe('validation_failed');
    if (field) expect(res.body.error.details.errors.map((e: any) => e.path[0])).toContain(field);
  });
});

describe('GET /api/participation/consultations/:slug', () => {
  it('gives the text of the current stage, phases, the current phase, rules and viewer flags', async () => {
    const res = await one(slugs.velo);
    expect(res.status).toBe(200);
    const c = res.body.data;
    expect(c).toMatchObject({
      slug: slugs.velo,
      status: 'open',
      easyRead: 'Le Département veut faire une piste pour les vélos.\nVous pouvez donner votre avis.',
      stage: { status: 'open', text: 'Proposez vos idées de tracé.' },
      rules: {
        allowContributions: true,
        allowSupports: true,
        allowComments: false,
        requireAccount: true,
        moderationMode: 'a_priori',
        maxContributionsPerUser: null,
      },
      themes: [{ slug: 'mobilites', name: 'Mobilités', color: '#0072bc' }],
      counts: { contributions: 0, participants: 0, supports: 0 },
      results: null,
    });
    expect(c.phases.map((p: any) => [p.kind, p.current])).toEqual([
      ['information', false],
      ['contribution', true],
    ]);
    expect(c.currentPhase).toMatchObject({ kind: 'contribution', allowContributions: true, allowSupports: false });
    expect(c.viewer).toEqual({
      signedIn: false,
      canContribute: false,
      canSupport: false,
      canComment: false,
      reason: 'authentication_required',
      reasons: { contribute: 'authentication_required', support: 'phase_does_not_allow', comment: 'comments_disabled' },
    });
  });

  it('tells a visitor why not before opening', async () => {
    const upcoming = (await one(slugs.college)).body.data;
    expect(upcoming).toMatchObject({ status: 'scheduled', stage: { status: 'scheduled', text: null } });
    expect(upcoming.viewer).toMatchObject({ canContribute: false, reason: 'consultation_not_open' });
  });

  it('shows results once published, with the results text for the stage', async () => {
    const c = (await one(slugs.climat)).body.data;
    expect(c.stage).toEqual({ status: 'results_published', text: 'Voici ce que nous retenons.' });
    // No easy-to-read summary written: null, and the site shows none.
    expect(c.easyRead).toBeNull();
    expect(c.results).toEqual({
      synthesis: '2 300 contributions, 14 actions retenues.',
      keyFigures: [{ label: 'contributions', value: 2300 }],
      decisions: 'Le plan est adopté en session de juin.',
      decisionUrl: null,
      attachments: [],
      updates: [],
    });
    expect(c.viewer).toMatchObject({ canContribute: false, reason: 'consultation_closed' });
  });

  it('hides results until they are published', async () => {
    expect((await one(slugs.velo)).body.data.results).toBeNull();
  });

  it('answers 404 for a draft and for an unknown slug alike, 400 for a malformed slug or query', async () => {
    expect((await one(slugs.brouillon)).status).toBe(404);
    expect((await one('inconnue')).status).toBe(404);
    expect((await one('Pas_Un_Slug')).status).toBe(400);
    expect((await app.request().get(`/api/participation/consultations/${slugs.velo}`).query({ populate: '*' })).status).toBe(400);
  });

  it('answers 401 to an invalid token rather than treating it as anonymous', async () => {
    const res = await app.request().get(`/api/participation/consultations/${slugs.velo}`).set('Authorization', 'Bearer nimporte.quoi.ici');
    expect(res.status).toBe(401);
    expect(res.body.error.details.code).toBe('invalid_token');
  });

  it('knows a signed-in citizen', async () => {
    const register = await app
      .request()
      .post('/api/auth/local/register')
      .send({ username: 'camille', email: 'camille@example.test', password: 'MotDePasse2026!' });
    expect(register.status).toBe(200);
    const res = await app.request().get(`/api/participation/consultations/${slugs.velo}`).set('Authorization', `Bearer ${register.body.jwt}`);
    expect(res.body.data.viewer).toMatchObject({ signedIn: true, canContribute: true, canSupport: false });
    expect(res.body.data.viewer.reason).toBeUndefined();
  });

  it('contains no staff data', async () => {
    for (const slug of [slugs.velo, slugs.climat]) {
      const body = JSON.stringify((await one(slug)).body);
      expect(body).not.toMatch(/createdBy|updatedBy|@loire-atlantique|"id":/);
    }
  });
});

// Last: it adds consultations the tests above do not expect.
describe('searching by place', () => {
  it('finds, from a commune, the consultations on its EPCI and on the département', async () => {
    const commune = await app.strapi.db.query('plugin::participation.territory').findOne({ where: { inseeCode: '44003' } });
    const epci = await app.strapi.db.query('plugin::participation.territory').findOne({ where: { inseeCode: commune.parentCode } });
    const departement = await app.strapi.db.query('plugin::participation.territory').findOne({ where: { inseeCode: epci.parentCode } });
    const onEpci = await createConsultation(app, {
      title: 'Transports du pays d’Ancenis',
      summary: 'Les lignes de car du pays d’Ancenis.',
      territory: epci.documentId,
      opensAt: minutes(60),
      closesAt: minutes(60 * 24 * 60),
    });
    const onDepartement = await createConsultation(app, {
      title: 'Schéma des routes',
      summary: 'Les routes départementales.',
      territory: departement.documentId,
      opensAt: minutes(60),
      closesAt: minutes(60 * 24 * 60),
    });
    for (const c of [onEpci, onDepartement]) await move(c.documentId, { to: 'scheduled' });
    const slugsOf = async (query: Record<string, unknown>) => (await list(query)).body.data.map((c: any) => c.slug).sort();
    expect(await slugsOf({ territory: '44003' })).toEqual([slugs.velo, onEpci.slug, onDepartement.slug].sort());
    // Nantes is in another EPCI: only the département's consultation concerns it.
    expect(await slugsOf({ territory: '44109' })).toEqual([onDepartement.slug]);
  });
});

describe('a place’s page', () => {
  it('gathers what concerns a commune, an EPCI or the département: consultations, budget projects, petitions', async () => {
    const s = app.strapi;
    const actor = { id: 0, name: 'Préparation du test' };
    const citizen = await registerCitizen(app, 'habitante');
    const account = { id: citizen.id, displayName: 'Habitante' };
    // A budget with a project in Ancenis-Saint-Géréon (44003) and one in Nantes (44109).
    const budgets = s.plugin('participation').service('budgets');
    const budget = await budgets.saveProcess(null, {
      name: 'Budget des lieux',
      slug: 'budget-des-lieux',
      ...budgetCalendar(BUDGET_STAGE.filing),
      settings: BUDGET_SETTINGS,
    });
    const projects: Record<string, string> = {};
    for (const [code, title] of [
      ['44003', 'Un abri vélo à la gare d’Ancenis'],
      ['44109', 'Des bancs sur l’île de Nantes'],
    ] as const) {
      const filed = await budgets.fileProject(budget.slug, account, {
        title,
        description: `${title} : un projet utile à tous les habitants.`,
        estimatedCost: 5_000,
        communeCode: code,
      });
      await budgets.decideProject(filed.documentId, { decision: 'publish' }, actor);
      projects[code] = filed.documentId;
    }
    const hidden = await budgets.fileProject(budget.slug, account, {
      title: 'Un projet pas encore modéré',
      description: 'Un projet qui attend la modération, invisible de tous.',
      estimatedCost: 5_000,
      communeCode: '44003',
    });
    // A petition filed from Ancenis-Saint-Géréon, open to signatures; another from Nantes.
    const petitions = s.plugin('participation').service('petitions');
    await petitions.saveScheme(null, petitionScheme('lieux'));
    const petitionSlugs: Record<string, string> = {};
    for (const [code, title] of [
      ['44003', 'Rouvrir le guichet de la gare d’Ancenis'],
      ['44109', 'Plus de cars le dimanche à Nantes'],
    ] as const) {
      const filed = await petitions.file(account, {
        scheme: 'lieux',
        title,
        body: `${title} : nous demandons au Département d’agir, pour tous les habitants concernés.`,
        authorKind: 'citizen',
        communeCode: code,
        confirmsMinimumAge: true,
      });
      await petitions.decide(filed.documentId, { decision: 'admissible' }, actor);
      petitionSlugs[code] = filed.slug;
    }

    const commune = await api('/places/44003');
    expect(commune.status).toBe(200);
    const epciCode = commune.body.data.place.parent.code;
    expect(commune.body.data.place).toEqual({
      code: '44003',
      name: 'Ancenis-Saint-Géréon',
      kind: 'commune',
      parent: { code: epciCode, name: expect.any(String) },
    });
    // The consultations on the commune, its EPCI and the département (open or upcoming), as the list filter finds them.
    const listed = (await list({ territory: '44003', status: 'open,scheduled' })).body;
    expect(commune.body.data.consultations.total).toBe(listed.meta.pagination.total);
    expect(commune.body.data.consultations.items.map((c: any) => c.slug).sort()).toEqual(listed.data.map((c: any) => c.slug).sort());
    expect(commune.body.data.budgetProjects).toMatchObject({
      total: 1,
      items: [
        { documentId: projects['44003'], commune: { code: '44003' }, budget: { slug: 'budget-des-lieux', stage: 'filing', stageLabel: expect.any(String) } },
      ],
    });
    expect(JSON.stringify(commune.body)).not.toContain(hidden.documentId);
    expect(commune.body.data.petitions).toMatchObject({ total: 1, items: [{ slug: petitionSlugs['44003'] }] });

    // The EPCI holds the commune's project and petition; the département holds both communes'.
    const epci = await api(`/places/${epciCode}`);
    expect(epci.body.data.place.kind).toBe('epci');
    expect(epci.body.data.budgetProjects.items.map((p: any) => p.documentId)).toEqual([projects['44003']]);
    const departement = await api('/places/44');
    expect(departement.body.data.place).toMatchObject({ kind: 'departement', parent: null });
    expect(departement.body.data.budgetProjects.items.map((p: any) => p.documentId).sort()).toEqual(Object.values(projects).sort());
    expect(departement.body.data.petitions.items.map((p: any) => p.slug).sort()).toEqual(Object.values(petitionSlugs).sort());
    // The petitions list filters by place too.
    expect((await api('/petitions?territory=44109')).body.data.map((p: any) => p.slug)).toEqual([petitionSlugs['44109']]);

    expect((await api('/places/99999')).status).toBe(404);
    const bad = await api('/places/Nantes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0]).toMatchObject({ path: ['code'], message: 'Code de lieu invalide.' });
    expect((await api('/places/44003?private=1')).status).toBe(400);
  });
});
