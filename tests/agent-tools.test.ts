import ExcelJS from 'exceljs';
import { adminToken } from './helpers/admin';
import { registerCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

/** What agents do outside the Content Manager: the consultation list, answers (held or not, in bulk), exports. */
let app: TestApp;
const tokens: Record<string, string> = {};
let consultation: { documentId: string; slug: string };
const ids: string[] = [];
const api = '/api/participation';

/** Supertest keeps a binary body as a Buffer with this parser. */
const binary = (res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

beforeAll(async () => {
  app = await startApp();
  tokens.admin = await adminToken(app);
  tokens.agent = await adminToken(app, 'Agent participation', 'Agathe');
  tokens.communication = await adminToken(app, 'Communication', 'Coline');
  tokens.moderator = await adminToken(app, 'Modérateur', 'Maëlle');
  consultation = (await openConsultation(app, tokens.agent, { title: 'Routes du lac de Grand-Lieu', moderationMode: 'a_posteriori' })) as unknown as {
    documentId: string;
    slug: string;
  };
  const citizen = await registerCitizen(app, 'odile');
  for (const [title, territory] of [
    ['=SOMME(A1:A9) une idée', '44109'],
    ['Une piste le long du lac', '44143'],
    ['Des bancs au bord du lac', null],
  ] as const) {
    const res = await app
      .request()
      .post(`${api}/consultations/${consultation.slug}/contributions`)
      .set(...citizen.auth)
      .send({ title, body: `${title} : le détail de la proposition.`, ...(territory ? { territory } : {}) });
    expect(res.status).toBe(201);
    ids.push(res.body.data.documentId);
  }
  const comment = await app
    .request()
    .post(`${api}/contributions/${ids[1]}/comments`)
    .set(...citizen.auth)
    .send({ body: 'Oui, avec un éclairage.' });
  expect(comment.status).toBe(201);
});
afterAll(async () => {
  await app?.stop();
});

const admin = (role: string) => ({
  get: (path: string) => app.request().get(`/participation${path}`).set('Authorization', `Bearer ${tokens[role]}`),
  put: (path: string, body: unknown) =>
    app
      .request()
      .put(`/participation${path}`)
      .set('Authorization', `Bearer ${tokens[role]}`)
      .send(body as object),
  post: (path: string, body: unknown) =>
    app
      .request()
      .post(`/participation${path}`)
      .set('Authorization', `Bearer ${tokens[role]}`)
      .send(body as object),
});

describe('the consultations list', () => {
  it('counts, in the list, what awaits a moderator and who follows, and the dashboard counts each day by kind', async () => {
    const screened = (await openConsultation(app, tokens.agent, { title: 'Quais de la Loire', moderationMode: 'a_priori' })) as unknown as {
      documentId: string;
      slug: string;
    };
    const citizen = await registerCitizen(app, 'pascale');
    const sent = await app
      .request()
      .post(`${api}/consultations/${screened.slug}/contributions`)
      .set(...citizen.auth)
      .send({ title: 'Des arbres sur le quai', body: 'De l’ombre en été, sur tout le quai.' });
    expect(sent.status).toBe(201);
    expect(
      (
        await app
          .request()
          .post(`${api}/consultations/${screened.slug}/follow`)
          .set(...citizen.auth)
      ).status
    ).toBeLessThan(300);
    const rows = (await admin('agent').get('/consultations')).body.data as { documentId: string; pending: number; counts: { followers: number } }[];
    expect(rows.find((c) => c.documentId === screened.documentId)).toMatchObject({ pending: 1, counts: { followers: 1 } });
    expect(rows.find((c) => c.documentId === consultation.documentId)).toMatchObject({ pending: 0, counts: { followers: 0 } });

    const today = new Date().toISOString().slice(0, 10);
    const overview = await admin('agent').get(`/dashboard?days=7&consultation=${consultation.documentId}`);
    expect(overview.status).toBe(200);
    expect(overview.body.data.timeline).toHaveLength(7);
    expect(overview.body.data.timeline.at(-1)).toEqual({ date: today, contributions: 3, supports: 0, comments: 1 });
    const all = await admin('agent').get('/dashboard?days=2');
    expect(all.body.data.timeline.at(-1)).toMatchObject({ date: today, contributions: 4, comments: 1 });
  });

  it('shows state, dates, counts and what awaits moderation, filtered by state', async () => {
    const res = await admin('agent').get('/consultations');
    expect(res.status).toBe(200);
    const row = res.body.data.find((c: { documentId: string }) => c.documentId === consultation.documentId);
    expect(row).toMatchObject({ title: 'Routes du lac de Grand-Lieu', status: 'open', published: true, counts: { contributions: 3 } });
    expect((await admin('agent').get('/consultations?status=draft')).body.data).toEqual([]);
    expect((await admin('agent').get('/consultations?status=nope')).status).toBe(400);
    expect((await app.request().get('/participation/consultations')).status).toBe(401);
  });
});

describe('official answers', () => {
  it('answers several contributions at once; an answer held for the results stays private until they are published', async () => {
    const now = await admin('agent').put('/contributions/answers', { items: [ids[0], ids[2]], status: 'under_study', text: 'Nous étudions cette piste.' });
    expect(now.status).toBe(200);
    expect(now.body.meta).toEqual({ answered: 2, refused: 0 });
    const held = await admin('agent').put(`/contributions/${ids[1]}/answer`, {
      status: 'retained',
      text: 'La piste sera réalisée en 2028.',
      release: 'with_results',
    });
    expect(held.status).toBe(200);
    expect(held.body.data).toMatchObject({ held: true, visible: false });

    expect((await app.request().get(`${api}/contributions/${ids[0]}`)).body.data.officialAnswer).toMatchObject({ status: 'under_study' });
    const before = await app.request().get(`${api}/contributions/${ids[1]}`);
    expect(before.body.data.officialAnswer).toBeNull();
    expect(JSON.stringify(before.body)).not.toContain('2028');

    const bad = await admin('agent').put('/contributions/answers', { items: [], status: 'retained', text: 'x' });
    expect(bad.status).toBe(400);
    expect((await admin('moderator').put('/contributions/answers', { items: [ids[0]], status: 'retained', text: 'Non.' })).status).toBe(403);

    const consultationsCm = '/content-manager/collection-types/plugin::participation.consultation';
    await app
      .request()
      .put(`${consultationsCm}/${consultation.documentId}`)
      .set('Authorization', `Bearer ${tokens.agent}`)
      .send({ resultsSynthesis: 'La piste est retenue.' });
    await app.request().post(`${consultationsCm}/${consultation.documentId}/actions/publish`).set('Authorization', `Bearer ${tokens.agent}`).send({});
    for (const to of ['closed', 'results_published']) {
      const res = await admin('agent').post(`/consultations/${consultation.documentId}/transitions`, { to });
      expect(res.status).toBe(200);
    }
    const after = await app.request().get(`${api}/contributions/${ids[1]}`);
    expect(after.body.data.officialAnswer).toMatchObject({ status: 'retained', text: 'La piste sera réalisée en 2028.' });
  });

  it('offers the answer templates agents wrote', async () => {
    await app.strapi
      .documents('plugin::participation.answer-template')
      .create({ data: { name: 'À l’étude', answerStatus: 'under_study', text: 'Votre proposition est à l’étude.' } } as never);
    const res = await admin('agent').get('/answer-templates');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([expect.objectContaining({ name: 'À l’étude', answerStatus: 'under_study' })]);
  });
});

describe('exports', () => {
  it('gives a CSV of contributions and comments with moderation, answers, channel, commune and EPCI, without personal data', async () => {
    const res = await admin('agent')
      .get(`/consultations/${consultation.documentId}/export?format=csv`)
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="contributions-routes-du-lac-de-grand-lieu-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = (res.body as Buffer).toString('utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trim().split(/\r?\n/);
    expect(header.split(';')).toEqual(expect.arrayContaining(['Type', 'Statut de modération', 'Réponse officielle', 'Canal', 'Commune', 'EPCI']));
    expect(header).not.toMatch(/Courriel/);
    expect(lines).toHaveLength(4);
    expect(text).toContain('Rezé');
    expect(text).toContain('Nantes Métropole');
    expect(text).toContain('Commentaire');
    expect(text).toContain("'=SOMME");
    expect(text).not.toContain('odile@exemple.test');
  });

  it('gives an XLSX workbook; personal data only with the dedicated permission, and every export is logged', async () => {
    expect((await admin('agent').get(`/consultations/${consultation.documentId}/export?format=xlsx&personal=true`)).status).toBe(403);
    const res = await admin('admin')
      .get(`/consultations/${consultation.documentId}/export?format=xlsx&personal=true`)
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const sheet = workbook.getWorksheet('Contributions')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(['Courriel', 'Identifiant du compte', 'EPCI']));
    expect(sheet.rowCount).toBe(5);
    const emails = sheet.getColumn(headers.indexOf('Courriel') + 1).values;
    expect(emails).toContain('odile@exemple.test');

    const log = await admin('agent').get('/exports/log');
    expect(log.status).toBe(200);
    expect(log.body.data.slice(0, 2)).toEqual([
      expect.objectContaining({ format: 'xlsx', personalData: true, consultationDocumentId: consultation.documentId }),
      expect.objectContaining({ format: 'csv', personalData: false }),
    ]);
    expect(log.body.data.some((e: { personalData: boolean; actorName: string }) => e.personalData && e.actorName === 'Agathe Test')).toBe(false);
  });

  it('refuses roles without the export permission, unknown formats and unknown consultations', async () => {
    expect((await admin('communication').get(`/consultations/${consultation.documentId}/export`)).status).toBe(403);
    expect((await admin('moderator').get(`/consultations/${consultation.documentId}/export`)).status).toBe(403);
    expect((await admin('agent').get(`/consultations/${consultation.documentId}/export?format=pdf`)).status).toBe(400);
    expect((await admin('agent').get('/consultations/abcdefghijklmnopqrstuvwx/export')).status).toBe(404);
  });
});

describe('contributions in the Content Manager', () => {
  const cm = (path: string) => `/content-manager/${path}`;

  it('are named by their title, listed with their author, channel and status, without internal fields on the form', async () => {
    const res = await app.request().get(cm('content-types/plugin::participation.contribution/configuration')).set('Authorization', `Bearer ${tokens.admin}`);
    expect(res.status).toBe(200);
    const { settings, layouts } = res.body.data.contentType;
    expect(settings.mainField).toBe('title');
    expect(layouts.list).toEqual(['title', 'authorName', 'channel', 'status', 'createdAt']);
    const onForm = layouts.edit.flat().map((f: { name: string }) => f.name);
    expect(onForm).toEqual(expect.arrayContaining(['title', 'body', 'officialAnswerText']));
    for (const internal of ['authorId', 'enteredById', 'contentHash', 'reportsSinceDecision', 'heldAnswerText']) expect(onForm).not.toContain(internal);
  });

  it('refuse any write with a French reason that says where the action lives', async () => {
    const res = await app
      .request()
      .put(cm(`collection-types/plugin::participation.contribution/${ids[0]}`))
      .set('Authorization', `Bearer ${tokens.admin}`)
      .send({ title: 'Réécrite par un agent' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/menu Participation/);
    expect((await app.request().get(`${api}/contributions/${ids[0]}`)).body.data.title).not.toBe('Réécrite par un agent');
  });

  it('show where each one stands (status, channel, answer) beside its history, to moderators', async () => {
    const res = await admin('agent').get(`/moderation/contribution/${ids[0]}/history`);
    expect(res.status).toBe(200);
    expect(res.body.meta.item).toMatchObject({ status: 'published', channel: 'web', officialAnswer: { status: 'under_study' } });
    expect((await admin('communication').get(`/moderation/contribution/${ids[0]}/history`)).status).toBe(403);
  });
});
