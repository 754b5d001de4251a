import { adminToken } from './helpers/admin';
import { registerCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';
import { BUDGET_SETTINGS, BUDGET_STAGE, budgetCalendar, firstCommune, petitionScheme } from './helpers/fixtures';

let app: TestApp;
const api = '/api/participation';
let petitionSlug: string;

beforeAll(async () => {
  app = await startApp();
  const agent = await adminToken(app);
  const c = await openConsultation(app, agent, { moderationMode: 'a_posteriori', requireAccount: false });
  const [a, b, d] = await Promise.all(['ana', 'ben', 'dan'].map((n) => registerCitizen(app, n)));
  const idea = await app
    .request()
    .post(`${api}/consultations/${c.slug}/contributions`)
    .set(...a.auth)
    .send({ title: 'Une idée', body: 'Une idée qui sera soutenue.' });
  await app.request().post(`${api}/consultations/${c.slug}/contributions`).send({ title: 'Anonyme', body: 'Une idée sans compte.' });
  const id = idea.body.data.documentId;
  await app
    .request()
    .post(`${api}/contributions/${id}/supports`)
    .set(...b.auth);
  await app
    .request()
    .post(`${api}/contributions/${id}/supports`)
    .set(...d.auth);
  await app
    .request()
    .post(`${api}/contributions/${id}/comments`)
    .set(...b.auth)
    .send({ body: "D'accord !" });
  await app
    .request()
    .post(`${api}/contributions/${id}/reports`)
    .set(...d.auth)
    .send({ reason: 'spam' });
  // A petition with two signatures that count (one online, one on paper checked) and one on paper awaiting its check.
  const staff = (path: string, body: object) => app.request().post(`/participation${path}`).set('Authorization', `Bearer ${agent}`).send(body);
  await staff('/petition-schemes', petitionScheme('recompte', 30));
  const commune = firstCommune(await app.request().get(`${api}/territory-groupings/epci`));
  const filed = await app
    .request()
    .post(`${api}/petitions`)
    .set(...a.auth)
    .send({
      scheme: 'recompte',
      title: 'Une pétition à recompter',
      body: 'Une pétition dont on recompte les signatures après une écriture à la main.',
      communeCode: commune,
      confirmsMinimumAge: true,
    });
  petitionSlug = filed.body.data.slug;
  await staff(`/petitions/${filed.body.data.documentId}/decisions`, { decision: 'admissible' });
  await app
    .request()
    .post(`${api}/petitions/${petitionSlug}/signatures`)
    .set(...b.auth)
    .send({ communeCode: commune, confirmsMinimumAge: true });
  const paper = await staff(`/petitions/${filed.body.data.documentId}/paper-signatures`, {
    name: 'Jeanne Papier',
    birthDate: '1970-02-02',
    communeCode: commune,
    provenance: 'Permanence de Châteaubriant',
  });
  await app
    .request()
    .put(`/participation/petitions/${filed.body.data.documentId}/paper-signatures/${paper.body.data.pendingPaperSignatures[0].id}`)
    .set('Authorization', `Bearer ${agent}`)
    .send({ verified: true });
  await staff(`/petitions/${filed.body.data.documentId}/paper-signatures`, {
    name: 'Paul Papier',
    birthDate: '1971-03-03',
    communeCode: commune,
    provenance: 'Courrier',
  });
});
afterAll(async () => {
  await app?.stop();
});

describe('participation:recount', () => {
  const counters = () => app.strapi.plugin('participation').service('counters');

  it('finds nothing to mend after normal use', async () => {
    expect(await counters().check()).toEqual([]);
  });

  it('reports counters written by hand and repairs them', async () => {
    const knex = app.strapi.db.connection;
    await knex('participation_contributions').update({ supports_count: 40, comments_count: 7 });
    await knex('participation_consultation_lifecycles').update({ participants_count: 0, contributions_count: 99 });
    await knex('participation_petitions').update({ signatures_count: 12, paper_pending_count: 3 });
    const drift = await counters().check();
    expect(drift.map((d: any) => d.counter).sort()).toEqual(
      [
        'consultation.contributionsCount',
        'consultation.participantsCount',
        'contribution.commentsCount',
        'contribution.commentsCount',
        'contribution.supportsCount',
        'contribution.supportsCount',
        'petition.signaturesCount',
        'petition.paperPendingCount',
      ].sort()
    );
    expect(drift.find((d: any) => d.counter === 'consultation.participantsCount')).toMatchObject({ stored: 0, actual: 4 });
    const repaired = await counters().repair();
    expect(repaired).toHaveLength(drift.length);
    expect(await counters().check()).toEqual([]);
    const consultations = (await app.request().get(`${api}/consultations`)).body.data;
    expect(consultations[0].counts).toEqual({ contributions: 2, participants: 4, supports: 2 });
    expect((await app.request().get(`${api}/petitions/${petitionSlug}`)).body.data.signaturesCount).toBe(2);
    expect(await knex('participation_petitions').first('signatures_count', 'paper_pending_count')).toEqual({ signatures_count: 2, paper_pending_count: 1 });
  });

  it('counts the comments on budget projects too', async () => {
    const budgets = app.strapi.plugin('participation').service('budgets');
    const eve = { id: (await registerCitizen(app, 'eve')).id, displayName: 'Eve' };
    const budget = await budgets.saveProcess(null, {
      name: 'Budget recompté',
      slug: 'budget-recompte',
      ...budgetCalendar(BUDGET_STAGE.filing),
      settings: { ...BUDGET_SETTINGS, comments: 'a_posteriori' },
    });
    const communes = await app.request().get(`${api}/territory-groupings/epci`);
    const project = await budgets.fileProject(budget.slug, eve, {
      title: 'Un abri vélo',
      description: 'Un abri vélo fermé près de la gare, pour tous.',
      estimatedCost: 5_000,
      communeCode: firstCommune(communes),
    });
    await budgets.decideProject(project.documentId, { decision: 'publish' }, { id: 0, name: 'Test' });
    await budgets.commentProject(project.documentId, eve, { body: 'Un commentaire sur le projet.' });
    expect(await counters().check()).toEqual([]);
    const knex = app.strapi.db.connection;
    await knex('participation_budget_projects').update({ comments_count: 5 });
    expect(await counters().check()).toEqual([expect.objectContaining({ counter: 'budgetProject.commentsCount', stored: 5, actual: 1 })]);
    await counters().repair();
    expect((await app.request().get(`${api}/budget-projects/${project.documentId}`)).body.data.commentsCount).toBe(1);
  });
});
