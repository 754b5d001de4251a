import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { startApp, type TestApp } from './helpers/strapi';
import { deliverOutbox, startReceiver } from './helpers/webhooks';

/**
 * A participatory budget through HTTP, as citizens, agents and an attacker meet it: settings checked, projects filed,
 * moderated and analysed, a ballot in one request (blank allowed, changeable, one per account and per person across
 * channels, exact under concurrency), paper ballots with the documented rule, counts hidden until the vote closes,
 * results computed by the rules and published once with the stage, open data, and the winners' follow-up.
 */
let app: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let agent: string;
let moderator: string;
const citizens: TestCitizen[] = [];
let epci: { code: string; communes: string[] }[];
let budget: { documentId: string; slug: string };
const projects: Record<string, string> = {};

const hour = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();
const as = (token: string) => ({
  get: (path: string) => app.request().get(`/participation${path}`).set('Authorization', `Bearer ${token}`),
  post: (path: string, body: unknown) =>
    app
      .request()
      .post(`/participation${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object),
  put: (path: string, body: unknown) =>
    app
      .request()
      .put(`/participation${path}`)
      .set('Authorization', `Bearer ${token}`)
      .send(body as object),
});
const api = () => app.request();
const SETTINGS = {
  envelope: 100_000,
  groupingKey: 'epci',
  territoryEnvelopes: [],
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
};
const calendar = (stage: 'filing' | 'admissibility' | 'vote' | 'results') => {
  const shift = { filing: 0, admissibility: -2 * hour, vote: -4 * hour, results: -6 * hour }[stage];
  return { filingOpensAt: at(shift - hour), filingClosesAt: at(shift + hour), voteOpensAt: at(shift + 3 * hour), voteClosesAt: at(shift + 5 * hour) };
};
const moveTo = async (stage: 'filing' | 'admissibility' | 'vote' | 'results') => {
  const res = await as(agent).put(`/budgets/${budget.documentId}`, {
    name: 'Budget participatif 2027',
    slug: 'budget-2027',
    ...calendar(stage),
    settings: SETTINGS,
  });
  expect(res.status).toBe(200);
  expect(res.body.data.stage).toBe(stage);
};
/** A declared name per citizen (names carry no digits: `votant3` becomes « Votant Dd Martin »). */
const nameOf = (c: TestCitizen) =>
  `Votant ${String.fromCharCode(65 + Number(c.username.replace(/\D/g, '')))}${String.fromCharCode(97 + Number(c.username.replace(/\D/g, '')))} Martin`;
const declaration = (c: TestCitizen, extra: Record<string, unknown> = {}) => ({
  fullName: nameOf(c),
  birthDate: '1990-05-17',
  communeCode: epci[0].communes[0],
  link: 'live',
  ...extra,
});
const vote = (c: TestCitizen, body: Record<string, unknown>) =>
  api()
    .put('/api/participation/budgets/budget-2027/ballot')
    .set(...c.auth)
    .send({ declaration: declaration(c), ...body });
const file = (c: TestCitizen, title: string, cost: number, commune: string) =>
  api()
    .post('/api/participation/budgets/budget-2027/projects')
    .set(...c.auth)
    .send({
      title,
      description: `${title} : un projet utile à tous les habitants du territoire, porté par ses habitants.`,
      estimatedCost: cost,
      communeCode: commune,
    });

beforeAll(async () => {
  receiver = await startReceiver();
  app = await startApp();
  agent = await adminToken(app, 'Agent participation', 'Agathe');
  moderator = await adminToken(app, 'Modérateur', 'Mo');
  const superAdmin = await adminToken(app);
  await app
    .request()
    .post('/participation/webhooks')
    .set('Authorization', `Bearer ${superAdmin}`)
    .send({ name: 'Budget', url: receiver.url, events: ['participation.budget.stage', 'participation.budget.results'] });
  for (let i = 0; i < 24; i += 1) citizens.push(await registerCitizen(app, `votant${i}`));
  epci = (await api().get('/api/participation/territory-groupings/epci')).body.data.filter((t: { communes: string[] }) => t.communes.length > 0);
});
afterAll(async () => {
  await app?.stop();
  await receiver?.close();
});

describe('a participatory budget', () => {
  it('is set by an agent, its rules checked with field errors', async () => {
    const bad = await as(agent).post('/budgets', {
      name: 'Budget participatif 2027',
      slug: 'budget-2027',
      ...calendar('filing'),
      settings: { ...SETTINGS, minChoices: 3, maxChoices: 2 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['settings', 'minChoices']);
    const envelopes = await as(agent).post('/budgets', {
      name: 'Budget B',
      slug: 'budget-b',
      ...calendar('filing'),
      settings: { ...SETTINGS, territoryEnvelopes: [{ territoryCode: epci[0].code, amount: 200_000 }] },
    });
    expect(envelopes.body.error.details.errors[0].path).toEqual(['settings', 'territoryEnvelopes']);
    const order = await as(agent).post('/budgets', {
      name: 'Budget B',
      slug: 'budget-b',
      ...calendar('filing'),
      voteOpensAt: at(-10 * hour),
      settings: SETTINGS,
    });
    expect(order.body.error.details.errors[0].path).toEqual(['voteOpensAt']);
    expect((await as(moderator).post('/budgets', { name: 'B' })).status).toBe(403);
    const created = await as(agent).post('/budgets', { name: 'Budget participatif 2027', slug: 'budget-2027', ...calendar('filing'), settings: SETTINGS });
    expect(created.status).toBe(201);
    expect(created.body.data.stage).toBe('filing');
    budget = { documentId: created.body.data.documentId, slug: 'budget-2027' };
    const pub = await api().get('/api/participation/budgets/budget-2027');
    expect(pub.body.data).toMatchObject({
      stage: 'filing',
      rules: { envelope: 100_000, method: 'approval', minimumAge: 16, blankVoteAllowed: true },
      participation: null,
      viewer: { canVote: false, reason: 'vote_not_open' },
    });
  });

  it('takes projects from citizens within the cost bounds, private until moderated', async () => {
    expect((await api().post('/api/participation/budgets/budget-2027/projects').send({ title: 'Sans compte' })).status).toBe(401);
    const tooDear = await file(citizens[0], 'Une piscine olympique', 2_000_000, epci[0].communes[0]);
    expect(tooDear.status).toBe(400);
    expect(tooDear.body.error.details.errors[0].path).toEqual(['estimatedCost']);
    const plan: [string, string, number, string][] = [
      ['a', 'Des bancs le long de la voie verte', 30_000, epci[0].communes[0]],
      ['b', 'Un verger partagé au collège', 40_000, epci[1].communes[0]],
      ['c', 'Une boîte à livres par commune', 45_000, epci[2].communes[0]],
      ['d', 'Des abris vélos sécurisés', 20_000, epci[0].communes[0]],
      ['e', 'Des abris vélo aux gares', 20_000, epci[0].communes[0]],
    ];
    for (const [key, title, cost, commune] of plan) {
      const res = await file(citizens[0], title, cost, commune);
      expect(res.status).toBe(201);
      expect(res.body.data.status).toBe('submitted');
      projects[key] = res.body.data.documentId;
    }
    expect((await api().get('/api/participation/budgets/budget-2027/projects')).body.data).toEqual([]);
    expect((await api().get(`/api/participation/budget-projects/${projects.a}`)).status).toBe(404);
  });

  it('is moderated and analysed by an agent: revised cost, reasons, duplicates merged; not after the vote opens', async () => {
    await moveTo('admissibility');
    expect((await file(citizens[1], 'Trop tard', 5_000, epci[0].communes[0])).body.error.details.code).toBe('filing_closed');
    expect((await as(agent).post(`/budget-projects/${projects.a}/decisions`, { decision: 'publish' })).status).toBe(200);
    expect((await api().get('/api/participation/budgets/budget-2027/projects')).body.data.map((p: { title: string }) => p.title)).toEqual([
      'Des bancs le long de la voie verte',
    ]);
    const noReason = await as(agent).post(`/budget-projects/${projects.c}/decisions`, { decision: 'inadmissible' });
    expect(noReason.status).toBe(400);
    expect(
      (
        await as(agent).post(`/budget-projects/${projects.c}/decisions`, {
          decision: 'inadmissible',
          reason: 'Les boîtes à livres relèvent des communes.',
          committee: true,
        })
      ).body.data.status
    ).toBe('inadmissible');
    expect(
      (
        await as(agent).post(`/budget-projects/${projects.a}/decisions`, {
          decision: 'admissible',
          revisedCost: 35_000,
          assignedService: 'Service des routes',
          analysis: 'Devis du service.',
        })
      ).body.data
    ).toMatchObject({ status: 'admissible', cost: 35_000 });
    for (const key of ['b', 'd']) expect((await as(agent).post(`/budget-projects/${projects[key]}/decisions`, { decision: 'admissible' })).status).toBe(200);
    const merged = await as(agent).post(`/budget-projects/${projects.e}/decisions`, {
      decision: 'merge',
      reason: 'Même idée que les abris vélos sécurisés.',
      mergeInto: projects.d,
    });
    expect(merged.body.data.status).toBe('merged');
    expect((await as(moderator).post(`/budget-projects/${projects.b}/decisions`, { decision: 'inadmissible', reason: 'x' })).status).toBe(403);
    const c = await api().get(`/api/participation/budget-projects/${projects.c}`);
    expect(c.body.data).toMatchObject({ status: 'inadmissible', decisionReason: 'Les boîtes à livres relèvent des communes.', votes: null });
    expect(c.body.data.history.map((h: { kind: string }) => h.kind)).toEqual(['filed', 'committee_inadmissible']);
    expect(JSON.stringify(c.body)).not.toMatch(/Devis du service|votant0@|authorId/);
    expect((await vote(citizens[0], { choices: [projects.a] })).body.error.details.code).toBe('vote_not_open');
  });

  describe('the vote', () => {
    beforeAll(async () => {
      await moveTo('vote');
    });

    it('takes one ballot in one request, checked against the rules, with a receipt, changeable until the close', async () => {
      expect((await as(agent).post(`/budget-projects/${projects.b}/decisions`, { decision: 'inadmissible', reason: 'Trop tard' })).status).toBe(409);
      expect((await api().put('/api/participation/budgets/budget-2027/ballot').send({})).status).toBe(401);
      const tooMany = await vote(citizens[0], { choices: [projects.a, projects.b, projects.d] });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.details.errors[0].path).toEqual(['choices']);
      const notOnBallot = await vote(citizens[0], { choices: [projects.c] });
      expect(notOnBallot.status).toBe(400);
      const young = await vote(citizens[0], { choices: [projects.a], declaration: declaration(citizens[0], { birthDate: '2015-01-01' }) });
      expect(young.body.error.details.errors[0].path).toEqual(['declaration', 'birthDate']);
      const blankWithChoices = await vote(citizens[0], { blank: true, choices: [projects.a] });
      expect(blankWithChoices.status).toBe(400);

      const first = await vote(citizens[0], { choices: [projects.a, projects.b] });
      expect(first.status).toBe(200);
      expect(first.body.data).toMatchObject({ blank: false, choices: [projects.a, projects.b], receipt: expect.stringMatching(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/) });
      const changed = await vote(citizens[0], { choices: [projects.d] });
      expect(changed.body.data.receipt).toBe(first.body.data.receipt);
      // A changed vote needs no declaration typed again: the first one's stands.
      const withoutDeclaration = await api()
        .put('/api/participation/budgets/budget-2027/ballot')
        .set(...citizens[0].auth)
        .send({ choices: [projects.d] });
      expect(withoutDeclaration.status).toBe(200);
      expect(withoutDeclaration.body.data.receipt).toBe(first.body.data.receipt);
      const mine = await api()
        .get('/api/participation/budgets/budget-2027/ballot')
        .set(...citizens[0].auth);
      expect(mine.body.data).toMatchObject({ choices: [projects.d], receipt: first.body.data.receipt });
      // A first vote without a declaration is refused on the field, and nothing is recorded.
      const undeclared = await api()
        .put('/api/participation/budgets/budget-2027/ballot')
        .set(...citizens[1].auth)
        .send({ choices: [projects.a] });
      expect(undeclared.status).toBe(400);
      expect(undeclared.body.error.details.errors[0]).toMatchObject({ path: ['declaration'], message: expect.stringMatching(/premier vote/) });
      expect(
        (
          await api()
            .get('/api/participation/budgets/budget-2027/ballot')
            .set(...citizens[1].auth)
        ).body.data
      ).toBeNull();
      const seen = await api()
        .get('/api/participation/budgets/budget-2027')
        .set(...citizens[0].auth);
      expect(seen.body.data.viewer).toMatchObject({ canVote: true, ballot: { choices: [projects.d] } });
      const blank = await vote(citizens[1], { blank: true });
      expect([blank.status, blank.body.error?.details?.code]).toEqual([200, undefined]);
      // Another account declaring the same person.
      const twin = await vote(citizens[2], { choices: [projects.a], declaration: declaration(citizens[0]) });
      expect(twin.status).toBe(409);
      expect(twin.body.error.details.code).toBe('already_voted');
    });

    it('counts exactly under a storm of ballots and changes', async () => {
      const storm = citizens
        .slice(3, 23)
        .map((c, i) =>
          vote(c, { choices: i % 2 ? [projects.a, projects.b] : [projects.b], declaration: declaration(c, { communeCode: epci[i % 3].communes[0] }) })
        );
      const changes = [1, 2, 3, 4, 5].map(() => vote(citizens[23], { choices: [projects.a] }));
      const results = await Promise.all([...storm, ...changes]);
      expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
      const ballots = await app.strapi.db.connection('participation_budget_ballots').where({ voter_key: `user:${citizens[23].id}` });
      expect(ballots).toHaveLength(1);
      // Only the version in force counts: exactly the one project of the last change.
      const choices = await app.strapi.db.connection('participation_budget_choices').where({ ballot_id: ballots[0].id, version: ballots[0].version });
      expect(choices).toHaveLength(1);
      expect(Number(ballots[0].version)).toBe(5);
    });

    it('takes paper ballots by polling place, with the rule for someone who voted online, and rejected ballots with their reason', async () => {
      const paper = (name: string, body: Record<string, unknown> = {}) =>
        as(agent).post(`/budgets/${budget.documentId}/paper-ballots`, {
          pollingPlace: 'Maison du Département, Nantes',
          choices: [projects.a],
          declaration: { fullName: name, birthDate: '1950-02-03', communeCode: epci[1].communes[0], link: 'live' },
          ...body,
        });
      const counted = await paper('Yvonne Le Goff');
      expect(counted.status).toBe(201);
      expect(counted.body.data).toEqual({ outcome: 'counted', reason: null });
      expect((await paper('YVONNE le goff')).status).toBe(409);
      const online = await as(agent).post(`/budgets/${budget.documentId}/paper-ballots`, {
        pollingPlace: 'Mairie',
        choices: [projects.b],
        declaration: declaration(citizens[0]),
      });
      expect(online.body.data.outcome).toBe('already_voted_online');
      const spoiled = await paper('Jean Dupont', { rejectionReason: 'Bulletin raturé, choix illisibles' });
      expect(spoiled.body.data.outcome).toBe('rejected');
      // The person whose paper ballot is recorded cannot vote online too.
      const late = await vote(citizens[2], {
        choices: [projects.a],
        declaration: { fullName: 'Yvonne Le Goff', birthDate: '1950-02-03', communeCode: epci[1].communes[0], link: 'live' },
      });
      expect(late.body.error.details.code).toBe('voted_on_paper');
    });

    it('keeps the counts hidden until the vote closes', async () => {
      const list = await api().get('/api/participation/budgets/budget-2027/projects').query({ sort: '-votes' });
      expect(list.body.data.every((p: { votes: unknown }) => p.votes === null)).toBe(true);
      expect((await api().get('/api/participation/budgets/budget-2027')).body.data.participation).toBeNull();
      expect((await api().get('/api/participation/budgets/budget-2027/results')).status).toBe(404);
      const admin = await as(agent).get(`/budgets/${budget.documentId}`);
      expect(admin.body.data).toMatchObject({ countsVisible: false, participation: { web: 23, paper: 1, blank: 1, total: 24, rejectedPaperBallots: 2 } });
      expect(admin.body.data.projects.every((p: { votes: unknown }) => p.votes === null)).toBe(true);
    });
  });

  describe('results', () => {
    beforeAll(async () => {
      await moveTo('results');
    });

    it('are computed from the rules once, published with the stage, and reproducible from the open data', async () => {
      // Votes: a = 10 (odd voters) + 1 (changer) + 1 (paper) = 12 ; b = 20 ; d = 1.
      const res = await api().get('/api/participation/budgets/budget-2027/results');
      expect(res.status).toBe(200);
      expect(res.body.data.participants).toEqual({ web: 23, paper: 1, blank: 1, total: 24 });
      expect(res.body.data.winners.map((w: { title: string; votes: number; cost: number }) => [w.title, w.votes, w.cost])).toEqual([
        ['Un verger partagé au collège', 20, 40_000],
        ['Des bancs le long de la voie verte', 12, 35_000],
        ['Des abris vélos sécurisés', 1, 20_000],
      ]);
      expect(res.body.data).toMatchObject({ spent: 95_000, remaining: 5_000, rejectedPaperBallots: 2 });
      const a = res.body.data.projects.find((p: { documentId: string }) => p.documentId === projects.a);
      expect(a).toMatchObject({ votes: 12, web: 11, paper: 1 });
      const csv = await api().get('/api/participation/budgets/budget-2027/open-data.csv');
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text).toContain('voix_en_ligne');
      expect(csv.text).not.toMatch(/Martin|Votant|1990-05-17/);
      const totals = csv.text.split('\n').filter((l) => l.includes(',total,'));
      expect(totals).toHaveLength(3);

      const service = app.strapi.plugin('participation').service('budgets');
      expect((await service.runDue(new Date())).moved).toBe(0);
      const stages = await app.strapi.db.connection('participation_budget_events').where('kind', 'like', 'stage_%');
      expect(stages.map((s: { kind: string }) => s.kind).sort()).toEqual(['stage_admissibility', 'stage_filing', 'stage_results', 'stage_vote']);
      await deliverOutbox(app);
      expect(receiver.received.filter((r) => r.body.event === 'participation.budget.results')).toHaveLength(1);
      expect((await vote(citizens[0], { choices: [projects.a] })).body.error.details.code).toBe('vote_closed');
      const list = await api().get('/api/participation/budgets/budget-2027/projects').query({ sort: '-votes' });
      expect(list.body.data.map((p: { votes: { total: number } | null }) => p.votes?.total)).toEqual([20, 12, 1, 0, 0]);
    });

    it('follows each winner to its delivery', async () => {
      expect((await as(agent).put(`/budget-projects/${projects.c}/follow-up`, { status: 'planned', milestones: [] })).status).toBe(409);
      const ok = await as(agent).put(`/budget-projects/${projects.b}/follow-up`, {
        status: 'delivered',
        milestones: [{ date: '2027-09-01', label: 'Plantation des arbres', done: true }],
      });
      expect(ok.status).toBe(200);
      const pub = await api().get(`/api/participation/budget-projects/${projects.b}`);
      expect(pub.body.data).toMatchObject({
        isWinner: true,
        followUp: { status: 'delivered', statusLabel: 'Réalisé', milestones: [{ label: 'Plantation des arbres' }], deliveredAt: expect.any(String) },
      });
      const winners = await api().get('/api/participation/budgets/budget-2027/projects').query({ winners: 'true' });
      expect(winners.body.data).toHaveLength(3);
      // By place: a project's own commune finds it, as its voting territory does; another commune does not.
      const verger = pub.body.data as { commune: { code: string }; territoryCode: string };
      const byPlace = async (territory: string) =>
        ((await api().get('/api/participation/budgets/budget-2027/projects').query({ territory })).body.data as { documentId: string }[]).map(
          (p) => p.documentId
        );
      expect(await byPlace(verger.commune.code)).toContain(projects.b);
      expect(await byPlace(verger.territoryCode)).toContain(projects.b);
      expect(await byPlace('44999')).toEqual([]);
      const exported = await as(agent).get(`/budgets/${budget.documentId}/results.csv`);
      expect(exported.status).toBe(200);
      expect(exported.text).toContain('Un verger partagé au collège');
    });
  });

  it('is in the citizen’s export, and erasing the account keeps a closed vote counted without the declaration', async () => {
    const exported = await api()
      .get('/api/participation/me/export')
      .set(...citizens[5].auth);
    expect(exported.body.data.budgetBallots).toEqual([expect.objectContaining({ declaration: expect.objectContaining({ fullName: nameOf(citizens[5]) }) })]);
    expect(
      (
        await api()
          .delete('/api/participation/me')
          .set(...citizens[5].auth)
          .send({ password: 'MotDePasse2026!' })
      ).status
    ).toBe(200);
    const rows = await app.strapi.db.connection('participation_budget_ballots').where({ declared_name: nameOf(citizens[5]) });
    expect(rows).toHaveLength(0);
    expect((await api().get('/api/participation/budgets/budget-2027/results')).body.data.participants.total).toBe(24);
  });
});

describe('comments on projects', () => {
  const avis = { documentId: '', project: '', other: '' };
  const save = (stage: 'filing' | 'admissibility' | 'vote' | 'results', comments: string) =>
    as(agent).put(`/budgets/${avis.documentId}`, { name: 'Budget des avis', slug: 'budget-avis', ...calendar(stage), settings: { ...SETTINGS, comments } });
  const comment = (c: TestCitizen | null, body: string, parent?: string, project = avis.project) => {
    const req = api().post(`/api/participation/budget-projects/${project}/comments`);
    return (c ? req.set(...c.auth) : req).send({ body, ...(parent ? { parent } : {}) });
  };
  const thread = (c?: TestCitizen) => {
    const req = api().get(`/api/participation/budget-projects/${avis.project}/comments`);
    return c ? req.set(...c.auth) : req;
  };
  const projectPage = () => api().get(`/api/participation/budget-projects/${avis.project}`);
  const queue = () => as(moderator).get('/moderation/queue?type=comment');
  const decide = (id: string, decision: string, reason?: string) =>
    as(moderator).post('/moderation/decisions', { items: [{ type: 'comment', id }], decision, ...(reason ? { reason } : {}) });
  const [alice, bruno, chloe] = [10, 11, 12].map((i) => () => citizens[i]);

  it('are closed unless the budget takes them', async () => {
    const created = await as(agent).post('/budgets', { name: 'Budget des avis', slug: 'budget-avis', ...calendar('filing'), settings: SETTINGS });
    expect(created.status).toBe(201);
    avis.documentId = created.body.data.documentId;
    for (const [key, title] of [
      ['project', 'Une aire de jeux inclusive'],
      ['other', 'Un jardin partagé'],
    ] as const) {
      const filed = await api()
        .post('/api/participation/budgets/budget-avis/projects')
        .set(...alice().auth)
        .send({
          title,
          description: `${title} : un projet utile à tous les habitants du territoire.`,
          estimatedCost: 10_000,
          communeCode: epci[0].communes[0],
        });
      avis[key] = filed.body.data.documentId;
      expect((await as(agent).post(`/budget-projects/${avis[key]}/decisions`, { decision: 'publish' })).status).toBe(200);
    }
    expect((await projectPage()).body.data).toMatchObject({ commentsCount: 0, comments: { mode: 'closed', open: false, reason: 'project_comments_disabled' } });
    // The admin is told which decisions the rules allow on each project now, and which need written reasons.
    const decisionsOf = async () =>
      (await as(agent).get(`/budgets/${avis.documentId}`)).body.data.projects.find((p: { documentId: string }) => p.documentId === avis.project).decisions;
    expect(await decisionsOf()).toEqual([
      { decision: 'admissible', reasonRequired: false },
      { decision: 'inadmissible', reasonRequired: true },
      { decision: 'merge', reasonRequired: true },
    ]);
    expect((await api().get('/api/participation/budgets/budget-avis')).body.data.rules.comments).toBe('closed');
    const refused = await comment(bruno(), 'Bonne idée pour les enfants du quartier.');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      message: "Ce budget participatif n'accepte pas de commentaires sur ses projets.",
      details: { code: 'project_comments_disabled' },
    });
    expect((await comment(null, 'Sans compte, pas de commentaire.')).status).toBe(401);
  });

  it('held for moderation (a priori) are public once approved, in the same queue as the consultations’ comments', async () => {
    expect((await save('filing', 'a_priori')).status).toBe(200);
    expect((await projectPage()).body.data.comments).toEqual({ mode: 'a_priori', open: true, reason: null });
    const bad = await comment(bruno(), 'x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['body']);
    const sent = await comment(bruno(), 'Bonne idée : pensez aux enfants en fauteuil.');
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ status: 'pending', depth: 0, parent: null, author: { displayName: expect.any(String) } });
    expect((await thread()).body.data).toEqual([]);
    const held = (await queue()).body.data.find((i: { documentId: string }) => i.documentId === sent.body.data.documentId);
    expect(held).toMatchObject({
      type: 'comment',
      status: 'pending',
      consultation: null,
      contribution: null,
      project: { documentId: avis.project, title: 'Une aire de jeux inclusive', budget: { slug: 'budget-avis', name: 'Budget des avis' } },
    });
    expect((await decide(sent.body.data.documentId, 'approve')).body.data[0]).toMatchObject({ ok: true, status: 'published' });
    const shown = await thread();
    expect(shown.body.data).toEqual([
      expect.objectContaining({ documentId: sent.body.data.documentId, body: 'Bonne idée : pensez aux enfants en fauteuil.', removed: false, replies: [] }),
    ]);
    expect(JSON.stringify(shown.body)).not.toMatch(/authorId|email/);
    expect((await projectPage()).body.data.commentsCount).toBe(1);
    // The same text twice is one comment; a parent from another project is a field error.
    expect((await comment(bruno(), 'Bonne idée : pensez aux enfants en fauteuil.')).body.error.details.code).toBe('duplicate_comment');
    const elsewhere = await comment(chloe(), 'Une réponse égarée sur un autre projet.', sent.body.data.documentId, avis.other);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.details.errors[0].path).toEqual(['parent']);
  });

  it('published at once (a posteriori) tell the parent’s author of a reply, and can be reported and hidden', async () => {
    expect((await save('admissibility', 'a_posteriori')).status).toBe(200);
    const [root] = (await thread()).body.data;
    const reply = await comment(chloe(), 'Et des jeux pour les tout-petits aussi !', root.documentId);
    expect(reply.body.data).toMatchObject({ status: 'published', depth: 1, parent: root.documentId });
    expect((await thread(bruno())).body.data[0].replies).toEqual([
      expect.objectContaining({ body: 'Et des jeux pour les tout-petits aussi !', viewer: { canReport: true, hasReported: false } }),
    ]);
    expect((await thread(chloe())).body.data[0].replies[0].viewer.canReport).toBe(false);
    const inbox = await api()
      .get('/api/participation/me/notifications')
      .set(...bruno().auth);
    expect(inbox.body.data).toContainEqual(
      expect.objectContaining({
        kind: 'comment_reply',
        subject: expect.stringContaining('« Une aire de jeux inclusive »'),
        link: expect.stringContaining(`#/projets/${avis.project}`),
      })
    );
    expect((await projectPage()).body.data.commentsCount).toBe(2);

    expect(
      (
        await api()
          .post(`/api/participation/comments/${reply.body.data.documentId}/reports`)
          .set(...chloe().auth)
          .send({ reason: 'spam' })
      ).body.error.details.code
    ).toBe('own_item');
    expect(
      (
        await api()
          .post(`/api/participation/comments/${reply.body.data.documentId}/reports`)
          .set(...bruno().auth)
          .send({ reason: 'off_topic' })
      ).status
    ).toBe(201);
    const reported = (await queue()).body.data.find((i: { documentId: string }) => i.documentId === reply.body.data.documentId);
    expect(reported).toMatchObject({ status: 'published', reportsCount: 1, project: { documentId: avis.project } });
    expect((await decide(reply.body.data.documentId, 'hide', 'Hors sujet')).body.data[0]).toMatchObject({ ok: true, status: 'hidden' });
    expect((await projectPage()).body.data.commentsCount).toBe(1);
    expect((await thread()).body.data[0].replies).toEqual([]);
  });

  it('are the author’s to see in « Mes commentaires » and their export', async () => {
    const mine = await api()
      .get('/api/participation/me/comments')
      .set(...chloe().auth);
    expect(mine.body.data[0]).toMatchObject({
      status: 'hidden',
      moderationReason: 'Hors sujet',
      contribution: null,
      project: { documentId: avis.project, title: 'Une aire de jeux inclusive', budget: { slug: 'budget-avis', name: 'Budget des avis' } },
    });
    const exported = await api()
      .get('/api/participation/me/export')
      .set(...chloe().auth);
    expect(exported.body.data.comments).toEqual([expect.objectContaining({ budgetProject: avis.project, contribution: null })]);
  });

  it('stay open while the vote runs (the setting is not a voting rule) and close with it, threads kept readable', async () => {
    expect((await save('vote', 'a_posteriori')).status).toBe(200);
    expect((await comment(alice(), 'Merci pour vos idées, je les ajoute au projet.')).status).toBe(201);
    expect((await save('vote', 'a_priori')).status).toBe(200);
    expect((await save('results', 'a_priori')).status).toBe(200);
    expect((await projectPage()).body.data.comments).toEqual({ mode: 'a_priori', open: false, reason: 'project_comments_closed' });
    // Once the vote has opened, admissibility is settled: nothing left to decide on a published project.
    expect(
      (await as(agent).get(`/budgets/${avis.documentId}`)).body.data.projects.find((p: { documentId: string }) => p.documentId === avis.project).decisions
    ).toEqual([]);
    const late = await comment(bruno(), 'Un commentaire après la clôture du vote.');
    expect(late.status).toBe(409);
    expect(late.body.error.details.code).toBe('project_comments_closed');
    expect((await thread()).body.data).toHaveLength(2);
  });
});
