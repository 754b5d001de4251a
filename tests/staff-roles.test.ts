import { CONSULTATION_AGENT_FIELDS, ensureAdminRoles } from '../src/bootstrap/roles';
import { RULE_FIELDS, SCHEDULE_FIELDS } from '../plugins/participation/server/src/consultations/domain/editing';
import { adminToken } from './helpers/admin';
import { createConsultation, lifecycle, minutes, UID } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * The admin roles, enforced by the server through the Content Manager's own HTTP API: Communication writes texts
 * and media; the calendar and the participation rules belong to agents; a calendar saved in a draft goes live
 * only when someone allowed to change the state publishes it, and the history names them.
 */
let app: TestApp;
const tokens: Record<string, string> = {};
const cm = `/content-manager/collection-types/${UID}`;

beforeAll(async () => {
  app = await startApp();
  tokens.agent = await adminToken(app, 'Agent participation', 'Agathe');
  tokens.communication = await adminToken(app, 'Communication', 'Coline');
  tokens.moderator = await adminToken(app, 'Modérateur', 'Maëlle');
});
afterAll(async () => {
  await app?.stop();
});

const as = (role: string) => ({
  read: (documentId: string) => app.request().get(`${cm}/${documentId}`).set('Authorization', `Bearer ${tokens[role]}`),
  save: (documentId: string, data: Record<string, unknown>) =>
    app.request().put(`${cm}/${documentId}`).set('Authorization', `Bearer ${tokens[role]}`).send(data),
  publish: (documentId: string, data: Record<string, unknown> = {}) =>
    app.request().post(`${cm}/${documentId}/actions/publish`).set('Authorization', `Bearer ${tokens[role]}`).send(data),
  create: (data: Record<string, unknown>) => app.request().post(cm).set('Authorization', `Bearer ${tokens[role]}`).send(data),
  transition: (documentId: string, body: Record<string, unknown>) =>
    app.request().post(`/participation/consultations/${documentId}/transitions`).set('Authorization', `Bearer ${tokens[role]}`).send(body),
  history: (documentId: string) => app.request().get(`/participation/consultations/${documentId}/transitions`).set('Authorization', `Bearer ${tokens[role]}`),
});

/** Read-only metadata the Content Manager's form does not send back. */
const META = [
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
  'status',
  'themes',
  'territory',
];

/** The whole form, as the Content Manager sends it: every field, the changed ones included. */
async function form(role: string, documentId: string, changes: Record<string, unknown>) {
  const current = await as(role).read(documentId);
  expect(current.status).toBe(200);
  const fields = Object.fromEntries(Object.entries(current.body.data).filter(([key]) => !META.includes(key)));
  return { ...fields, ...changes };
}

async function scheduled() {
  const c = await createConsultation(app, { opensAt: minutes(60 * 24), closesAt: minutes(60 * 24 * 30) });
  expect((await as('agent').transition(c.documentId, { to: 'scheduled' })).status).toBe(200);
  return c;
}

describe('a Communication user', () => {
  it('edits and publishes the texts of a scheduled consultation', async () => {
    const c = await scheduled();
    const saved = await as('communication').save(
      c.documentId,
      await form('communication', c.documentId, { title: 'Le vélo sur la Loire', textUpcoming: 'Bientôt ouverte.' })
    );
    expect(saved.status).toBe(200);
    expect((await as('communication').publish(c.documentId)).status).toBe(200);
    const read = await app.request().get(`/api/participation/consultations/${c.slug}`);
    expect(read.body.data.title).toBe('Le vélo sur la Loire');
  });

  it.each([
    ['opensAt', () => minutes(-1).toISOString(), /date d'ouverture/],
    ['closesAt', () => minutes(60 * 24 * 60).toISOString(), /date de clôture/],
    ['phases', () => [{ kind: 'contribution', title: 'Idées', startsAt: minutes(60 * 25).toISOString(), endsAt: minutes(60 * 48).toISOString() }], /phases/],
    ['moderationMode', () => 'a_posteriori', /mode de modération/],
    ['reportThreshold', () => 100, /seuil de signalements/],
    ['requireAccount', () => false, /compte obligatoire/],
    ['allowContributions', () => false, /contributions permises/],
    ['allowSupports', () => false, /soutiens permis/],
    ['allowComments', () => false, /commentaires permis/],
    ['maxContributionsPerUser', () => 5, /contributions max/],
  ])('sees %s read-only: a change sent anyway is dropped, the texts are saved', async (field, value, _label) => {
    const c = await scheduled();
    const before = await as('agent').read(c.documentId);
    // The role writes texts only: the Content Manager shows the calendar and the rules read-only, and drops them from
    // a request that sends them anyway (the server's own rule, tested below for scripts, stays behind it).
    const saved = await as('communication').save(c.documentId, await form('communication', c.documentId, { title: 'Titre modifié', [field]: value() }));
    expect(saved.status).toBe(200);
    const after = await as('agent').read(c.documentId);
    expect(after.body.data.title).toBe('Titre modifié');
    expect(after.body.data[field]).toEqual(before.body.data[field]);
    expect((await as('communication').publish(c.documentId, await form('communication', c.documentId, { [field]: value() }))).status).toBe(200);
    expect((await lifecycle(app).state(c.documentId)).opensAt).toEqual(minutes(0, new Date(before.body.data.opensAt)));
    const role = await app.strapi.service('admin::role').findOne({ name: 'Communication' });
    const update = await app.strapi.db
      .query('admin::permission')
      .findOne({ where: { role: role.id, subject: UID, action: 'plugin::content-manager.explorer.update' } });
    expect(update.properties.fields).toContain('title');
    expect(update.properties.fields).not.toContain(field);
  });

  it('is still refused a change of the calendar by the server, in French, if an administrator gives the fields back', async () => {
    expect([...CONSULTATION_AGENT_FIELDS].sort()).toEqual([...SCHEDULE_FIELDS, ...RULE_FIELDS].sort());
    const c = await scheduled();
    const before = await as('agent').read(c.documentId);
    const role = await app.strapi.service('admin::role').findOne({ name: 'Communication' });
    const permissions = app.strapi.db.query('admin::permission');
    const update = await permissions.findOne({ where: { role: role.id, subject: UID, action: 'plugin::content-manager.explorer.update' } });
    await permissions.update({ where: { id: update.id }, data: { properties: { ...update.properties, fields: [...update.properties.fields, 'opensAt'] } } });
    try {
      const refused = await as('communication').save(
        c.documentId,
        await form('communication', c.documentId, { title: 'Titre modifié', opensAt: minutes(-1).toISOString() })
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ status: 403, name: 'ForbiddenError', details: { code: 'configuration_forbidden' } });
      expect(refused.body.error.message).toMatch(/date d'ouverture.*agent de la participation/);
      expect((await as('agent').read(c.documentId)).body.data.title).toBe(before.body.data.title);
    } finally {
      await permissions.update({ where: { id: update.id }, data: { properties: update.properties } });
    }
  });

  it('cannot create a consultation, enter contributions or change the state', async () => {
    const c = await scheduled();
    expect((await as('communication').create({ title: 'Nouvelle', summary: 'Résumé' })).status).toBe(403);
    expect((await as('communication').transition(c.documentId, { to: 'open' })).status).toBe(403);
    const entered = await app
      .request()
      .post(`/participation/consultations/${c.documentId}/contributions`)
      .set('Authorization', `Bearer ${tokens.communication}`)
      .send({ title: 'Papier', body: 'Reçu par courrier.', channel: 'mail', authorName: 'M. Martin' });
    expect(entered.status).toBe(403);
  });
});

describe('a date saved in a draft', () => {
  it('changes the live schedule only when an agent who may change the state publishes it; the history names them', async () => {
    const c = await scheduled();
    const oneMinuteAgo = minutes(-1);
    const saved = await as('agent').save(c.documentId, await form('agent', c.documentId, { opensAt: oneMinuteAgo.toISOString() }));
    expect(saved.status).toBe(200);
    // Saved in the draft only: the scheduler still waits for the published date.
    expect((await lifecycle(app).state(c.documentId)).opensAt.getTime()).toBeGreaterThan(Date.now());
    expect(await lifecycle(app).runDue(new Date())).toMatchObject({ performed: 0 });
    expect((await lifecycle(app).state(c.documentId)).status).toBe('scheduled');

    // Communication may publish texts, not a new calendar.
    const refused = await as('communication').publish(c.documentId);
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.code).toBe('schedule_publication_forbidden');
    expect(refused.body.error.message).toMatch(/calendrier/);
    expect((await lifecycle(app).state(c.documentId)).opensAt.getTime()).toBeGreaterThan(Date.now());

    const published = await as('agent').publish(c.documentId);
    expect(published.status).toBe(200);
    expect((await lifecycle(app).state(c.documentId)).opensAt.getTime()).toBe(oneMinuteAgo.getTime());
    expect(await lifecycle(app).runDue(new Date())).toMatchObject({ performed: 1 });

    const log = (await as('agent').history(c.documentId)).body.data;
    expect(log.map((e: { from: string; to: string }) => `${e.from}>${e.to}`)).toEqual(['draft>scheduled', 'scheduled>scheduled', 'scheduled>open']);
    expect(log[1].actor).toEqual({ type: 'admin', name: 'Agathe Test' });
    expect(log[1].reason).toMatch(/calendrier/);
  });
});

describe('a moderator', () => {
  it('cannot edit a consultation at all', async () => {
    const c = await scheduled();
    expect((await as('moderator').save(c.documentId, { title: 'Piraté' })).status).toBe(403);
  });
});

describe('phases and key figures in the Content Manager', () => {
  it('saves them whether the form sends JSON or its text, and answers field errors in French', async () => {
    const c = await createConsultation(app, { opensAt: minutes(60), closesAt: minutes(60 * 24 * 10) });
    const phases = [{ kind: 'contribution', title: 'Propositions', startsAt: minutes(61).toISOString(), endsAt: minutes(60 * 24 * 5).toISOString() }];
    const asText = await as('agent').save(c.documentId, await form('agent', c.documentId, { phases: JSON.stringify(phases), resultsKeyFigures: '[]' }));
    expect(asText.status).toBe(200);
    expect(asText.body.data.phases).toEqual(phases);
    const figures = [
      { label: 'Contributions', value: 1240 },
      { label: 'Budget', value: 2.5, unit: 'M€' },
    ];
    const asJson = await as('agent').save(
      c.documentId,
      await form('agent', c.documentId, { resultsKeyFigures: [figures[0], { ...figures[1], value: '2,5' }] })
    );
    expect(asJson.status).toBe(200);
    expect(asJson.body.data.resultsKeyFigures).toEqual(figures);

    const outside = await as('agent').save(
      c.documentId,
      await form('agent', c.documentId, { phases: [{ ...phases[0], endsAt: minutes(60 * 24 * 20).toISOString() }] })
    );
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.errors[0]).toMatchObject({ path: ['phases', '0', 'endsAt'] });
    expect(outside.body.error.message).toMatch(/clôture/);
    const broken = await as('agent').save(c.documentId, await form('agent', c.documentId, { resultsKeyFigures: '[{"label": ' }));
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/Chiffres clés invalides/);
    expect((await as('agent').read(c.documentId)).body.data.resultsKeyFigures).toEqual(figures);
  });
});

describe('dates typed in the Content Manager', () => {
  it('refuses a date that names no day on its field, in French, and changes nothing', async () => {
    const c = await createConsultation(app, { opensAt: minutes(60), closesAt: minutes(60 * 24 * 10) });
    const before = (await as('agent').read(c.documentId)).body.data;
    for (const typed of ['31/02/2027 10:00', 'demain matin', '2027-13-40']) {
      const refused = await as('agent').save(c.documentId, await form('agent', c.documentId, { closesAt: typed, summary: 'Changé' }));
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.errors).toEqual([
        expect.objectContaining({ path: ['closesAt'], message: expect.stringMatching(/^Date non comprise/) }),
      ]);
    }
    const after = (await as('agent').read(c.documentId)).body.data;
    expect({ closesAt: after.closesAt, summary: after.summary, updatedAt: after.updatedAt }).toEqual({
      closesAt: before.closesAt,
      summary: before.summary,
      updatedAt: before.updatedAt,
    });
    // Any minute is kept as typed.
    const at = new Date('2027-03-15T08:37:00.000Z');
    const saved = await as('agent').save(c.documentId, await form('agent', c.documentId, { closesAt: at.toISOString() }));
    expect(saved.status).toBe(200);
    expect(saved.body.data.closesAt).toBe(at.toISOString());
  });
});

describe("« Dupliquer » (the Content Manager's clone)", () => {
  const duplicate = (role: string, documentId: string) =>
    app.request().post(`/content-manager/collection-types/${UID}/auto-clone/${documentId}`).set('Authorization', `Bearer ${tokens[role]}`).send({});

  it('gives an agent a new draft: texts, phases and rules copied, titled as a copy, calendar a week ahead or more, no results', async () => {
    const [opensAt, closesAt] = [minutes(5), minutes(60 * 24 * 14)];
    const c = await createConsultation(app, { title: 'Routes du littoral', summary: 'Quels aménagements ?', opensAt, closesAt, allowSupports: false });
    const phases = [{ kind: 'contribution', title: 'Propositions', startsAt: opensAt.toISOString(), endsAt: closesAt.toISOString() }];
    expect(
      (
        await as('agent').save(
          c.documentId,
          await form('agent', c.documentId, { phases, resultsSynthesis: 'Synthèse de l’original', resultsKeyFigures: [{ label: 'Avis', value: 12 }] })
        )
      ).status
    ).toBe(200);
    expect((await as('agent').publish(c.documentId)).status).toBe(200);
    for (const to of ['scheduled', 'open']) expect((await as('agent').transition(c.documentId, { to })).status).toBe(200);

    const first = await duplicate('agent', c.documentId);
    expect(first.status).toBe(200);
    const copy = (await as('agent').read(first.body.data.documentId)).body.data;
    expect(copy).toMatchObject({
      title: 'Copie de Routes du littoral',
      slug: 'copie-de-routes-du-littoral',
      summary: 'Quels aménagements ?',
      allowSupports: false,
      resultsSynthesis: null,
      resultsKeyFigures: null,
      publishedAt: null,
    });
    const weekAhead = Date.now() + 7 * 86_400_000 - 60_000;
    expect(new Date(copy.opensAt).getTime()).toBeGreaterThan(weekAhead);
    const original = (await as('agent').read(c.documentId)).body.data;
    expect(new Date(copy.closesAt).getTime() - new Date(copy.opensAt).getTime()).toBe(
      new Date(original.closesAt).getTime() - new Date(original.opensAt).getTime()
    );
    expect(copy.phases).toEqual([expect.objectContaining({ kind: 'contribution', title: 'Propositions', endsAt: copy.closesAt })]);
    expect(await lifecycle(app).state(copy.documentId)).toMatchObject({ status: 'draft', slug: 'copie-de-routes-du-littoral' });

    // A second copy has its own address; the original is untouched and still open.
    const second = await duplicate('agent', c.documentId);
    expect((await as('agent').read(second.body.data.documentId)).body.data.slug).toBe('copie-de-routes-du-littoral-2');
    expect(await lifecycle(app).state(c.documentId)).toMatchObject({ status: 'open', slug: c.slug });
    expect((await as('agent').read(c.documentId)).body.data.resultsSynthesis).toBe('Synthèse de l’original');
    // The copy is a draft: nothing of it is public.
    expect((await app.request().get('/api/participation/consultations/copie-de-routes-du-littoral')).status).toBe(404);
  });

  it('is refused to Communication, which does not create consultations', async () => {
    const c = await createConsultation(app, { title: 'Ports de pêche' });
    expect((await duplicate('communication', c.documentId)).status).toBe(403);
  });
});

describe('closing early', () => {
  it('ends the phases with the consultation, so that the results are saved and published without editing them', async () => {
    const c = await createConsultation(app, { opensAt: minutes(5), closesAt: minutes(60 * 24 * 31) });
    const phases = [
      { kind: 'information', title: 'Découvrir', startsAt: minutes(-60).toISOString(), endsAt: minutes(60 * 24).toISOString() },
      { kind: 'contribution', title: 'Proposer', startsAt: minutes(60 * 24).toISOString(), endsAt: minutes(60 * 24 * 20).toISOString() },
      { kind: 'vote', title: 'Soutenir', startsAt: minutes(60 * 24 * 20).toISOString(), endsAt: minutes(60 * 24 * 30).toISOString() },
    ];
    expect((await as('agent').save(c.documentId, await form('agent', c.documentId, { phases }))).status).toBe(200);
    expect((await as('agent').publish(c.documentId)).status).toBe(200);
    for (const to of ['scheduled', 'open']) expect((await as('agent').transition(c.documentId, { to })).status).toBe(200);
    const closed = await as('agent').transition(c.documentId, { to: 'closed', reason: 'Objectifs atteints plus tôt que prévu' });
    expect(closed.status).toBe(200);
    const closesAt = closed.body.data.closesAt;

    // The agent writes the synthesis and publishes the results: no phase to touch by hand.
    const read = await as('agent').read(c.documentId);
    expect(read.body.data.phases.map((p: { kind: string; endsAt: string }) => [p.kind, p.endsAt])).toEqual([['information', closesAt]]);
    const saved = await as('agent').save(c.documentId, await form('agent', c.documentId, { resultsSynthesis: 'Deux cents propositions, trois retenues.' }));
    expect(saved.status).toBe(200);
    expect((await as('agent').publish(c.documentId)).status).toBe(200);
    expect((await as('agent').transition(c.documentId, { to: 'results_published' })).status).toBe(200);
    const pub = await app.request().get(`/api/participation/consultations/${c.slug}`);
    expect(pub.body.data.phases.map((p: { kind: string }) => p.kind)).toEqual(['information']);
  });
});

describe('a document saved by a script', () => {
  it('is not subject to admin roles', async () => {
    const c = await createConsultation(app);
    await app.strapi.documents(UID).update({ documentId: c.documentId, data: { moderationMode: 'a_posteriori' } } as never);
    expect((await app.strapi.documents(UID).findOne({ documentId: c.documentId })) as unknown).toMatchObject({ moderationMode: 'a_posteriori' });
  });
});

describe('Communication and its own editorial content, in every locale', () => {
  const editorial = (kind: 'collection-types' | 'single-types', uid: string) => `/content-manager/${kind}/${uid}`;
  const com = () => tokens.communication;
  const call = (method: 'get' | 'post' | 'put', path: string, body?: object) => {
    const req = app.request()[method](path).set('Authorization', `Bearer ${com()}`);
    return body ? req.send(body) : req;
  };

  it('lists the pages and news that exist, creates, edits and publishes them in French and English', async () => {
    for (const title of ['Mentions légales', 'Accessibilité', 'Nous contacter']) {
      await app.strapi.documents('api::page.page').create({
        data: {
          title,
          slug: title
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z]+/g, '-'),
        },
        locale: 'fr',
        status: 'published',
      } as any);
    }
    const listed = await call('get', `${editorial('collection-types', 'api::page.page')}?locale=fr`);
    expect(listed.status).toBe(200);
    expect(listed.body.pagination.total).toBe(3);

    for (const [uid, data] of [
      ['api::page.page', { title: 'Participer, mode d’emploi', slug: 'mode-d-emploi', summary: 'Comment donner son avis.' }],
      [
        'api::article.article',
        { title: 'La concertation sur la route de Pornic s’ouvre', slug: 'route-de-pornic', date: '2026-12-01', summary: 'Réunion publique le 10 décembre.' },
      ],
    ] as const) {
      const created = await call('post', `${editorial('collection-types', uid)}?locale=fr`, data);
      expect([uid, created.status]).toEqual([uid, 201]);
      const documentId = created.body.data.documentId;
      const edited = await call('put', `${editorial('collection-types', uid)}/${documentId}?locale=fr`, {
        ...data,
        summary: 'Texte relu par la communication.',
      });
      expect(edited.status).toBe(200);
      expect((await call('post', `${editorial('collection-types', uid)}/${documentId}/actions/publish?locale=fr`, {})).status).toBe(200);
      const english = await call('put', `${editorial('collection-types', uid)}/${documentId}?locale=en`, {
        ...data,
        title: `${data.title} (EN)`,
        summary: 'Reviewed by the communication team.',
      });
      expect(english.status).toBe(200);
      expect((await call('post', `${editorial('collection-types', uid)}/${documentId}/actions/publish?locale=en`, {})).status).toBe(200);
    }
    const pages = await app.request().get('/api/pages?locale=en');
    expect(pages.body.data.map((p: { title: string }) => p.title)).toContain('Participer, mode d’emploi (EN)');
  });

  it('edits and publishes the homepage and the site settings', async () => {
    const home = await call('put', `${editorial('single-types', 'api::homepage.homepage')}?locale=fr`, { highlightedConsultationSlugs: [] });
    expect(home.status).toBe(200);
    expect((await call('post', `${editorial('single-types', 'api::homepage.homepage')}/actions/publish?locale=fr`, {})).status).toBe(200);
    const global = await call('put', `${editorial('single-types', 'api::global.global')}?locale=fr`, {
      siteName: 'Participer en Loire-Atlantique',
      contactEmail: 'participation@loire-atlantique.fr',
    });
    expect(global.status).toBe(200);
    expect((await call('post', `${editorial('single-types', 'api::global.global')}/actions/publish?locale=fr`, {})).status).toBe(200);
    expect((await app.request().get('/api/global?locale=fr')).body.data.siteName).toBe('Participer en Loire-Atlantique');
  });

  it('gives roles created before this fix every locale, once, and keeps an administrator’s choice', async () => {
    const role = await app.strapi.service('admin::role').findOne({ name: 'Communication' });
    const permissions = app.strapi.db.query('admin::permission');
    const find = async (action: string) =>
      (await permissions.findMany({ where: { role: role.id, subject: 'api::article.article', action: `plugin::content-manager.explorer.${action}` } }))[0];
    // As a role made by an earlier version: no locales at all on reading; an administrator limited publishing to French.
    const read = await find('read');
    const { locales: _dropped, ...withoutLocales } = read.properties;
    await permissions.update({ where: { id: read.id }, data: { properties: withoutLocales } });
    const publish = await find('publish');
    await permissions.update({ where: { id: publish.id }, data: { properties: { ...publish.properties, locales: ['fr'] } } });
    await ensureAdminRoles(app.strapi);
    expect((await find('read')).properties.locales.sort()).toEqual(['en', 'fr']);
    expect((await find('publish')).properties.locales).toEqual(['fr']);
  });
});

describe('places by name in the Content Manager', () => {
  const search = (role: string, q: string) =>
    app.request().get(`/content-manager/relations/${UID}/territory`).query({ _q: q, pageSize: 10 }).set('Authorization', `Bearer ${tokens[role]}`);

  it('lets agents and Communication find the consultation’s territory by its name (the picker listed ids and found nothing)', async () => {
    for (const role of ['agent', 'communication']) {
      const found = await search(role, 'Nantes');
      expect([role, found.status]).toEqual([role, 200]);
      expect(found.body.results.map((t: { name: string }) => t.name)).toContain('Nantes');
    }
  });

  it('gives the territories to roles made by an earlier version, once', async () => {
    const role = await app.strapi.service('admin::role').findOne({ name: 'Communication' });
    const permissions = app.strapi.db.query('admin::permission');
    await permissions.deleteMany({ where: { role: role.id, subject: 'plugin::participation.territory' } });
    const store = app.strapi.store({ type: 'app', name: 'participer', key: 'roles-version' });
    await store.set({ value: 3 });
    expect((await search('communication', 'Nantes')).body.results ?? []).not.toContainEqual(expect.objectContaining({ name: 'Nantes' }));
    await ensureAdminRoles(app.strapi);
    expect((await search('communication', 'Nantes')).body.results.map((t: { name: string }) => t.name)).toContain('Nantes');
    // Once: an administrator who takes it back is not overruled at the next start.
    await permissions.deleteMany({ where: { role: role.id, subject: 'plugin::participation.territory' } });
    await ensureAdminRoles(app.strapi);
    expect(await permissions.count({ where: { role: role.id, subject: 'plugin::participation.territory' } })).toBe(0);
  });
});

describe('places as people type them', () => {
  const search = (q: string) =>
    app.request().get(`/content-manager/relations/${UID}/territory`).query({ _q: q, pageSize: 5 }).set('Authorization', `Bearer ${tokens.agent}`);

  it.each(['st nazaire', 'saint nazaire', 'SAINT-NAZAIRE', 'Saint Nazaire'])('finds Saint-Nazaire from « %s », first', async (q) => {
    const found = await search(q);
    expect(found.status).toBe(200);
    expect(found.body.results[0]).toMatchObject({ name: 'Saint-Nazaire', kind: 'commune' });
    expect(found.body.pagination).toMatchObject({ page: 1, pageSize: 5 });
  });

  it('finds them the same way through the public API', async () => {
    const found = await app.request().get('/api/participation/territories').query({ q: 'ste luce' });
    expect(found.body.data.map((t: { name: string }) => t.name)).toContain('Sainte-Luce-sur-Loire');
  });
});
