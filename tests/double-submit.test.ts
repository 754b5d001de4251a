import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';
import { BUDGET_SETTINGS, BUDGET_STAGE, budgetCalendar, firstCommune, petitionScheme } from './helpers/fixtures';

/**
 * A double submit is one write, wherever a citizen creates something: five identical requests sent at once (a double
 * click, a form resent by a flaky network) make one item and four 409s, decided by a unique index, not by a read
 * before the write. The same text in other case or accents is the same text; another citizen, or another text, is not.
 */
const api = '/api/participation';

let app: TestApp;
let agent: string;
let author: TestCitizen;
let other: TestCitizen;
let commune: string;

const staff = (method: 'post' | 'put', route: string, body: object) =>
  app.request()[method](`/participation${route}`).set('Authorization', `Bearer ${agent}`).send(body);
const countRows = async (uid: string) =>
  Number(((await app.strapi.db.connection(app.strapi.db.metadata.get(uid as never).tableName).count({ n: '*' })) as { n: number | string }[])[0].n);

/** Five identical requests at once: one created, four refused with `code`; then other cases that are not duplicates. */
async function oneOfFive(
  uid: string,
  send: (who: TestCitizen, body: Record<string, unknown>) => Promise<import('supertest').Response>,
  body: Record<string, unknown>,
  code: string
) {
  const before = await countRows(uid);
  const answers = await Promise.all([0, 1, 2, 3, 4].map(() => send(author, body)));
  expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
  for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.error.details.code).toBe(code);
  expect(await countRows(uid)).toBe(before + 1);
  // Case, accents and spacing do not make it new.
  const shouted = Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, typeof v === 'string' && k !== 'communeCode' && k !== 'scheme' ? `  ${v.toUpperCase()} ` : v])
  );
  expect((await send(author, shouted)).status).toBe(409);
  // Another citizen may say the same; the author may file another text.
  expect((await send(other, body)).status).toBe(201);
  expect((await send(author, { ...body, title: `${String(body.title)} (bis)` })).status).toBe(201);
  expect(await countRows(uid)).toBe(before + 3);
}

beforeAll(async () => {
  app = await startApp({ PARTICIPATION_RATE_LIMIT_IP: '100000/60', PARTICIPATION_RATE_LIMIT_USER: '100000/60' });
  agent = await adminToken(app);
  author = await registerCitizen(app, 'double-clic');
  other = await registerCitizen(app, 'autre-personne');
  commune = firstCommune(await app.request().get(`${api}/territory-groupings/epci`));
});
afterAll(async () => {
  await app?.stop();
});

describe('a double submit is one write', () => {
  it('for a contribution', async () => {
    const consultation = (await openConsultation(app, agent, { title: 'Double clic', moderationMode: 'a_posteriori' })) as unknown as { slug: string };
    await oneOfFive(
      'plugin::participation.contribution',
      (who, body) =>
        app
          .request()
          .post(`${api}/consultations/${consultation.slug}/contributions`)
          .set(...who.auth)
          .send(body),
      { title: 'Un arrêt de car devant le collège', body: 'Les élèves attendent sur le bas-côté : un abri et un arrêt marqué.' },
      'duplicate_contribution'
    );
  });

  it('for a petition', async () => {
    const scheme = await staff('post', '/petition-schemes', petitionScheme('double'));
    expect(scheme.status).toBe(201);
    await oneOfFive(
      'plugin::participation.petition',
      (who, body) =>
        app
          .request()
          .post(`${api}/petitions`)
          .set(...who.auth)
          .send(body),
      {
        scheme: 'double',
        title: 'Rouvrir la ligne du dimanche',
        body: 'Nous demandons au Département de rouvrir la ligne de car du dimanche.',
        communeCode: commune,
        confirmsMinimumAge: true,
      },
      'duplicate_petition'
    );
  });

  it('for a budget project', async () => {
    const created = await staff('post', '/budgets', {
      name: 'Budget double',
      slug: 'budget-double',
      ...budgetCalendar(BUDGET_STAGE.filing),
      settings: BUDGET_SETTINGS,
    });
    expect(created.status).toBe(201);
    await oneOfFive(
      'plugin::participation.budget-project',
      (who, body) =>
        app
          .request()
          .post(`${api}/budgets/budget-double/projects`)
          .set(...who.auth)
          .send(body),
      {
        title: 'Des bancs sur la voie verte',
        description: 'Des bancs le long de la voie verte, pour que chacun puisse s’y reposer.',
        estimatedCost: 20_000,
        communeCode: commune,
      },
      'duplicate_project'
    );
  });
});
