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
  save: (documentId: string, data: Record<string, unknown>) => app.request().put(`${cm}/${documentId}`).set('Authorization', `Bearer ${tokens[role]}`).send(data),
  publish: (documentId: string, data: Record<string, unknown> = {}) =>
    app.request().post(`${cm}/${documentId}/actions/publish`).set('Authorization', `Bearer ${tokens[role]}`).send(data),
  create: (data: Record<string, unknown>) => app.request().post(cm).set('Authorization', `Bearer ${tokens[role]}`).send(data),
  transition: (documentId: string, body: Record<string, unknown>) =>
    app.request().post(`/participation/consultations/${documentId}/transitions`).set('Authorization', `Bearer ${tokens[role]}`).send(body),
  history: (documentId: string) => app.request().get(`/participation/consultations/${documentId}/transitions`).set('Authorization', `Bearer ${tokens[role]}`),
});

/** Read-only metadata the Content Manager's form does not send back. */
const META = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations', 'status', 'themes', 'territory'];

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
    const saved = await as('communication').save(c.documentId, await form('communication', c.documentId, { title: 'Le vélo sur la Loire', textUpcoming: 'Bientôt ouverte.' }));
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
  ])('is refused a change of %s: 403 with a French reason, and nothing changes', async (field, value, label) => {
    const c = await scheduled();
    const before = await as('agent').read(c.documentId);
    const refused = await as('communication').save(c.documentId, await form('communication', c.documentId, { title: 'Titre modifié', [field]: value() }));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ status: 403, name: 'ForbiddenError', details: { code: 'configuration_forbidden' } });
    expect(refused.body.error.message).toMatch(label);
    expect(refused.body.error.message).toMatch(/agent de la participation/);
    const after = await as('agent').read(c.documentId);
    expect(after.body.data.title).toBe(before.body.data.title);
    expect(after.body.data[field]).toEqual(before.body.data[field]);
    // The same change through the publish action is refused too.
    expect((await as('communication').publish(c.documentId, await form('communication', c.documentId, { [field]: value() }))).status).toBe(403);
    expect((await lifecycle(app).state(c.documentId)).opensAt).toEqual(minutes(0, new Date(before.body.data.opensAt)));
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
    const figures = [{ label: 'Contributions', value: 1240 }, { label: 'Budget', value: '2,5', unit: 'M€' }];
    const asJson = await as('agent').save(c.documentId, await form('agent', c.documentId, { resultsKeyFigures: figures }));
    expect(asJson.status).toBe(200);
    expect(asJson.body.data.resultsKeyFigures).toEqual(figures);

    const outside = await as('agent').save(c.documentId, await form('agent', c.documentId, { phases: [{ ...phases[0], endsAt: minutes(60 * 24 * 20).toISOString() }] }));
    expect(outside.status).toBe(400);
    expect(outside.body.error.details.errors[0]).toMatchObject({ path: ['phases', '0', 'endsAt'] });
    expect(outside.body.error.message).toMatch(/clôture/);
    const broken = await as('agent').save(c.documentId, await form('agent', c.documentId, { resultsKeyFigures: '[{"label": ' }));
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/Chiffres clés invalides/);
    expect((await as('agent').read(c.documentId)).body.data.resultsKeyFigures).toEqual(figures);
  });
});

describe('a document saved by a script', () => {
  it('is not subject to admin roles', async () => {
    const c = await createConsultation(app);
    await app.strapi.documents(UID).update({ documentId: c.documentId, data: { moderationMode: 'a_posteriori' } } as never);
    expect((await app.strapi.documents(UID).findOne({ documentId: c.documentId })) as unknown).toMatchObject({ moderationMode: 'a_posteriori' });
  });
});
