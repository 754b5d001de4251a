import fs from 'fs';
import path from 'path';
import { parse } from 'csv-parse/sync';
import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { NOTICE, openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';
import { BUDGET_SETTINGS, BUDGET_STAGE, budgetCalendar, firstCommune, petitionScheme } from './helpers/fixtures';

/**
 * No CSV the product serves or exports carries a live formula (OWASP, CSV injection): texts typed by citizens and
 * agents that start with = + - @ come out prefixed with ' in every CSV route, public and staff. The list of CSV routes
 * is read from the contract (text/csv answers of openapi.json) and from the admin routes, so that a new CSV route
 * fails here until it is covered.
 */
const api = '/api/participation';
const FORMULAS = ['=HYPERLINK("http://evil.example","x")', '+33 6 12 34 56 78 appelez', '-2+3 fois plus de bancs', '@SOMME(A1:A9) idée'];
const LIVE = /^[=+\-@\t\r]/;

let app: TestApp;
let agent: string;
let citizen: TestCitizen;
let consultation: { documentId: string; slug: string };
let inquiry: { documentId: string; slug: string };
let budget: { documentId: string; slug: string };
let petition: { documentId: string; slug: string };
let questionnaire: { documentId: string };
let meeting: { documentId: string };

const staff = (method: 'get' | 'post' | 'put', route: string, body?: object) => {
  const req = app.request()[method](`/participation${route}`).set('Authorization', `Bearer ${agent}`);
  return body ? req.send(body) : req;
};

beforeAll(async () => {
  app = await startApp({ PARTICIPATION_RATE_LIMIT_IP: '100000/60', PARTICIPATION_RATE_LIMIT_USER: '100000/60' });
  agent = await adminToken(app);
  citizen = await registerCitizen(app, 'formule');
  const commune = firstCommune(await app.request().get(`${api}/territory-groupings/epci`));

  consultation = (await openConsultation(app, agent, { title: 'Consultation aux formules', moderationMode: 'a_posteriori' })) as unknown as typeof consultation;
  for (const formula of FORMULAS) {
    const made = await app
      .request()
      .post(`${api}/consultations/${consultation.slug}/contributions`)
      .set(...citizen.auth)
      .send({ title: formula, body: `${formula} : le corps commence aussi par une formule.` });
    expect(made.status).toBe(201);
    expect((await staff('put', `/contributions/${made.body.data.documentId}/answer`, { status: 'retained', text: formula })).status).toBe(200);
  }

  // A procedure's register, whose observations are formulas too.
  inquiry = (await openConsultation(app, agent, {
    title: 'Registre aux formules',
    procedure: 'consultation_crpa',
    moderationMode: 'a_posteriori',
    procedureNoticeAt: new Date(Date.now() - 86_400_000),
    ...NOTICE,
  })) as unknown as typeof inquiry;
  for (const formula of FORMULAS) {
    const made = await app
      .request()
      .post(`${api}/consultations/${inquiry.slug}/contributions`)
      .set(...citizen.auth)
      .send({ title: formula, body: `${formula} : une observation au registre.` });
    expect(made.status).toBe(201);
  }

  const created = await staff('post', '/budgets', {
    name: 'Budget aux formules',
    slug: 'budget-formules',
    ...budgetCalendar(BUDGET_STAGE.filing),
    settings: BUDGET_SETTINGS,
  });
  budget = { documentId: created.body.data.documentId, slug: 'budget-formules' };
  const project = await app
    .request()
    .post(`${api}/budgets/budget-formules/projects`)
    .set(...citizen.auth)
    .send({ title: FORMULAS[0], description: 'Un projet dont le titre est une formule de tableur, pour voir.', estimatedCost: 20_000, communeCode: commune });
  expect(project.status).toBe(201);
  expect(
    (
      await staff('put', `/budgets/${budget.documentId}`, {
        name: 'Budget aux formules',
        slug: 'budget-formules',
        ...budgetCalendar(BUDGET_STAGE.admissibility),
        settings: BUDGET_SETTINGS,
      })
    ).status
  ).toBe(200);
  expect((await staff('post', `/budget-projects/${project.body.data.documentId}/decisions`, { decision: 'admissible' })).status).toBe(200);
  expect(
    (
      await staff('put', `/budgets/${budget.documentId}`, {
        name: 'Budget aux formules',
        slug: 'budget-formules',
        ...budgetCalendar(BUDGET_STAGE.results),
        settings: BUDGET_SETTINGS,
      })
    ).status
  ).toBe(200);
  await app.strapi.plugin('participation').service('budgets').runDue(new Date());

  const scheme = await staff('post', '/petition-schemes', petitionScheme('formules'));
  expect(scheme.status).toBe(201);
  const filed = await app
    .request()
    .post(`${api}/petitions`)
    .set(...citizen.auth)
    .send({
      scheme: 'formules',
      title: 'Une pétition aux formules',
      body: 'Une pétition dont les signatures papier portent des formules de tableur.',
      communeCode: commune,
      confirmsMinimumAge: true,
    });
  petition = { documentId: filed.body.data.documentId, slug: filed.body.data.slug };
  expect((await staff('post', `/petitions/${petition.documentId}/decisions`, { decision: 'admissible' })).status).toBe(200);
  for (const formula of FORMULAS.slice(1)) {
    const paper = await staff('post', `/petitions/${petition.documentId}/paper-signatures`, {
      name: formula,
      birthDate: '1980-01-01',
      communeCode: commune,
      provenance: formula,
    });
    expect(paper.status).toBe(201);
  }
  // A questionnaire whose free texts and « Autre » precisions are formulas, online and on paper.
  const survey = await staff('post', '/questionnaires', {
    title: 'Questionnaire aux formules',
    slug: 'questionnaire-formules',
    definition: {
      pages: [
        {
          key: 'p',
          title: 'Page',
          questions: [
            {
              key: 'choix',
              label: FORMULAS[2],
              type: 'single_choice',
              required: true,
              options: [
                { key: 'a', label: FORMULAS[3] },
                { key: 'b', label: 'B' },
              ],
              other: true,
            },
            { key: 'texte', label: 'Texte', type: 'long_text', required: true, maxLength: 500 },
          ],
        },
      ],
    },
    audience: 'signed_in',
    editable: false,
    published: true,
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 3_600_000).toISOString(),
  });
  expect(survey.status).toBe(201);
  questionnaire = { documentId: survey.body.data.documentId };
  const answered = await app
    .request()
    .post(`${api}/questionnaires/questionnaire-formules/responses`)
    .set(...citizen.auth)
    .send({ answers: { choix: { choice: 'autre', other: FORMULAS[0] }, texte: FORMULAS[1] } });
  expect(answered.status).toBe(201);
  for (const formula of FORMULAS.slice(2)) {
    const paper = await staff('post', `/questionnaires/${questionnaire.documentId}/paper-responses`, {
      answers: { choix: 'a', texte: formula },
      place: formula,
      date: '2026-12-01',
    });
    expect(paper.status).toBe(201);
  }
  expect((await staff('put', `/questionnaires/${questionnaire.documentId}/charts`, { questions: ['choix'] })).status).toBe(200);
  // A meeting whose invitees' names and organisations are formulas, and a citizen who names a formula as their organisation.
  const gathering = await staff('post', '/meetings', {
    title: 'Réunion aux formules',
    slug: 'reunion-formules',
    kind: 'online',
    published: true,
    startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 5 * 86_400_000 + 7_200_000).toISOString(),
    onlineUrl: 'https://visio.loire-atlantique.test/formules',
    registrationEnabled: true,
    capacity: 10,
    reservedPlaces: 4,
  });
  expect(gathering.status).toBe(201);
  meeting = { documentId: gathering.body.data.documentId };
  for (const formula of FORMULAS)
    expect((await staff('post', `/meetings/${meeting.documentId}/invitations`, { name: formula, organisation: formula })).status).toBe(201);
  expect(
    (
      await app
        .request()
        .post(`${api}/meetings/reunion-formules/registrations`)
        .set(...citizen.auth)
        .send({ organisation: FORMULAS[0] })
    ).status
  ).toBe(201);
  await app.strapi.plugin('participation').service('open-data-dumps').writeDaily(new Date());
});
afterAll(async () => {
  await app?.stop();
});

/** Every CSV route: the public ones the contract says answer text/csv, and the admin ones that serve a CSV. */
function csvRoutes() {
  type Operation = { responses?: Record<string, { content?: Record<string, unknown> }> };
  const document = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, Operation>> };
  const publicRoutes = Object.entries(document.paths)
    .filter(([, operations]) =>
      Object.values(operations.get?.responses ?? {}).some((r) => Object.keys(r.content ?? {}).some((type) => type.startsWith('text/csv')))
    )
    .map(([route]) => `GET ${api}${route}`);
  const admin = (app.strapi.plugin('participation').routes as unknown as Record<string, { routes: { method: string; path: string }[] }>).admin;
  const adminRoutes = admin.routes.filter((r) => r.method === 'GET' && /\.csv$|\/export$/.test(r.path)).map((r) => `GET /participation${r.path}`);
  return [...publicRoutes, ...adminRoutes].sort();
}

describe('every CSV route neutralises formulas', () => {
  const fetches: [route: string, url: string, staffOnly: boolean][] = [
    [`GET ${api}/consultations/{slug}/export`, `${api}/consultations/{slug}/export?format=csv`, false],
    [`GET ${api}/open-data/contributions.csv`, `${api}/open-data/contributions.csv`, false],
    [`GET ${api}/consultations/{slug}/register/export`, `${api}/consultations/{inquiry}/register/export?format=csv`, false],
    [`GET ${api}/open-data/dumps/latest.csv`, `${api}/open-data/dumps/latest.csv`, false],
    [`GET ${api}/budgets/{slug}/open-data.csv`, `${api}/budgets/budget-formules/open-data.csv`, false],
    ['GET /participation/consultations/:documentId/export', '/participation/consultations/{documentId}/export?format=csv&personal=true', true],
    ['GET /participation/budgets/:documentId/results.csv', '/participation/budgets/{budget}/results.csv', true],
    ['GET /participation/petitions/:documentId/signatures.csv', '/participation/petitions/{petition}/signatures.csv', true],
    [`GET ${api}/questionnaires/{slug}/results.csv`, `${api}/questionnaires/questionnaire-formules/results.csv`, false],
    ['GET /participation/questionnaires/:documentId/export', '/participation/questionnaires/{questionnaire}/export?format=csv', true],
    ['GET /participation/meetings/:documentId/registrations/export', '/participation/meetings/{meeting}/registrations/export?format=csv', true],
  ];

  it('covers every CSV route of the product', () => {
    const covered = fetches.map(([route]) => route).filter((r) => !r.includes('/dumps/'));
    expect(csvRoutes()).toEqual(covered.sort());
  });

  it.each(fetches)('%s', async (_route, url, staffOnly) => {
    const asText = (req: import('supertest').Test) =>
      req.buffer(true).parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    const target = url
      .replace('{slug}', consultation.slug)
      .replace('{inquiry}', inquiry.slug)
      .replace('{documentId}', consultation.documentId)
      .replace('{budget}', budget.documentId)
      .replace('{petition}', petition.documentId)
      .replace('{questionnaire}', questionnaire.documentId)
      .replace('{meeting}', meeting.documentId);
    let res = await asText(staffOnly ? app.request().get(target).set('Authorization', `Bearer ${agent}`) : app.request().get(target));
    // The dated dump is a file of the media library: the stable address redirects to it.
    if (res.status === 302) res = await asText(app.request().get(new URL(res.headers.location, 'http://localhost').pathname));
    expect(res.status).toBe(200);
    const text = String(res.body);
    const delimiter = text.split('\n')[0].includes(';') ? ';' : ',';
    const rows = parse(text.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: true }) as string[][];
    const cells = rows.slice(1).flat();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.filter((cell) => LIVE.test(cell))).toEqual([]);
    // The hostile texts are there, as text.
    expect(cells.some((cell) => FORMULAS.some((f) => cell.startsWith(`'${f.slice(0, 6)}`)))).toBe(true);
  });
});
