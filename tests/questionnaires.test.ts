import { adminApi, adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { startApp, type TestApp } from './helpers/strapi';

/**
 * Questionnaires through HTTP, as an agent, citizens, a front end and an attacker meet them: a definition checked
 * field by field, every question type and display condition, a draft resumed then sent, one response per account
 * under 40 concurrent submissions, anonymous answers limited per IP with a keyed hash kept, paper answers counted
 * apart, results counted by the database with filters, charts public only once published, an export whose columns
 * depend on the questionnaire only, and a person's answers in their data export and gone with their account.
 */
let app: TestApp;
let agent: string;
let moderator: string;
let communes: { code: string; name: string }[];
const citizens: TestCitizen[] = [];
let documentId = '';

const hour = 3_600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();
const api = () => app.request();
const admin = (token: string) => adminApi(app, token);
const choices = (...keys: string[]) => keys.map((key) => ({ key, label: key.charAt(0).toUpperCase() + key.slice(1) }));

const DEFINITION = {
  pages: [
    {
      key: 'deplacements',
      title: 'Vos déplacements',
      questions: [
        { key: 'mode', label: 'Comment venez-vous ?', type: 'single_choice', required: true, options: choices('voiture', 'velo', 'transports'), other: true },
        {
          key: 'velo_freq',
          label: 'À quelle fréquence ?',
          type: 'single_choice',
          required: true,
          options: choices('quotidien', 'hebdo'),
          other: false,
          condition: { question: 'mode', op: 'equals', value: 'velo' },
        },
        {
          key: 'raisons',
          label: 'Pourquoi ?',
          type: 'multiple_choice',
          required: false,
          options: choices('cout', 'sante', 'temps'),
          other: true,
          min: 1,
          max: 2,
          condition: {
            any: [
              { question: 'mode', op: 'equals', value: 'voiture' },
              { question: 'mode', op: 'equals', value: 'transports' },
            ],
          },
        },
        { key: 'priorites', label: 'Vos priorités', type: 'ranking', required: false, options: choices('pistes', 'bus', 'parkings'), positions: 2 },
        {
          key: 'satisfaction',
          label: 'Votre avis',
          type: 'matrix_single',
          required: false,
          rows: choices('bus', 'routes'),
          columns: choices('bon', 'mauvais'),
        },
        {
          key: 'equipements',
          label: 'Équipements souhaités',
          type: 'matrix_multiple',
          required: false,
          rows: choices('gare', 'mairie'),
          columns: choices('arceaux', 'borne'),
        },
      ],
    },
    {
      key: 'vous',
      title: 'Vous',
      questions: [
        { key: 'note', label: 'Note globale', type: 'scale', required: true, min: 0, max: 10, minLabel: 'Très mauvais', maxLabel: 'Excellent' },
        { key: 'age', label: 'Votre âge', type: 'number', required: false, integer: true, min: 0, max: 120, declares: 'age' },
        { key: 'commune', label: 'Votre commune', type: 'commune', required: false, declares: 'territory' },
        { key: 'depuis', label: 'Depuis quand ?', type: 'date', required: false },
        { key: 'idees', label: 'Vos idées', type: 'long_text', required: false, maxLength: 500 },
        {
          key: 'precision',
          label: 'Précisez',
          type: 'short_text',
          required: false,
          maxLength: 50,
          condition: { question: 'idees', op: 'matches', value: 'velo' },
        },
      ],
    },
  ],
};

const body = (extra: Record<string, unknown> = {}) => ({
  title: 'Mobilités du quotidien',
  slug: 'mobilites',
  description: 'Avant le projet de voie verte.',
  definition: DEFINITION,
  audience: 'signed_in',
  editable: false,
  published: true,
  opensAt: at(-hour),
  closesAt: at(48 * hour),
  receiptNote: 'Les résultats seront publiés en mars.',
  ...extra,
});

const send = (c: TestCitizen | null, answers: Record<string, unknown>, slug = 'mobilites') => {
  const req = api().post(`/api/participation/questionnaires/${slug}/responses`);
  if (c) req.set(...c.auth);
  return req.send({ answers });
};
const results = async (query = '') => (await admin(agent).get(`/questionnaires/${documentId}/results${query}`)).body.data;
const question = (data: { questions: { key: string }[] }, key: string) => data.questions.find((q) => q.key === key) as Record<string, unknown>;

beforeAll(async () => {
  app = await startApp({ QUESTIONNAIRE_ANONYMOUS_RATE_LIMIT: '7/3600', PARTICIPATION_RATE_LIMIT_USER: '1000/60', PARTICIPATION_RATE_LIMIT_IP: '1000/60' });
  agent = await adminToken(app, 'Agent participation', 'Agathe');
  moderator = await adminToken(app, 'Modérateur', 'Mo');
  for (let i = 0; i < 6; i += 1) citizens.push(await registerCitizen(app, `repondant${i}`));
  const rows = await app.strapi.db
    .connection('participation_territories')
    .where({ kind: 'commune' })
    .select('insee_code', 'name')
    .orderBy('insee_code')
    .limit(2);
  communes = rows.map((r: { insee_code: string; name: string }) => ({ code: r.insee_code, name: r.name }));
});
afterAll(async () => {
  await app?.stop();
});

describe('building a questionnaire', () => {
  it('refuses a definition that cannot work, field by field, and nothing is created', async () => {
    const later = structuredClone(DEFINITION);
    later.pages[0].questions[0] = { ...later.pages[0].questions[0], condition: { question: 'note', op: 'answered' } } as never;
    const res = await admin(agent).post('/questionnaires', body({ definition: later }));
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([
      { path: ['definition', 'pages', 0, 'questions', 0, 'condition'], message: expect.stringContaining('n’est pas une question précédente') },
    ]);
    const duplicate = structuredClone(DEFINITION);
    (duplicate.pages[1].questions[0] as { key: string }).key = 'mode';
    const dup = await admin(agent).post('/questionnaires', body({ definition: duplicate, closesAt: at(-2 * hour) }));
    expect(dup.status).toBe(400);
    expect(dup.body.error.details.errors.map((e: { path: unknown[] }) => e.path)).toEqual([['definition', 'pages', 1, 'questions', 0, 'key'], ['closesAt']]);
    const unknownConsultation = await admin(agent).post('/questionnaires', body({ consultationDocumentId: 'abcdefghijklmnopqrstuvwx' }));
    expect(unknownConsultation.status).toBe(400);
    expect(unknownConsultation.body.error.details.errors[0].path).toEqual(['consultationDocumentId']);
    const unknownType = await admin(agent).post(
      '/questionnaires',
      body({ definition: { pages: [{ key: 'p', title: 'P', questions: [{ key: 'x', type: 'slider' }] }] } })
    );
    expect(unknownType.status).toBe(400);
    expect((await admin(agent).get('/questionnaires')).body.data).toEqual([]);
  });

  it('is for agents only: a moderator is refused by the server', async () => {
    expect((await admin(moderator).post('/questionnaires', body())).status).toBe(403);
    expect((await admin(moderator).get('/questionnaires')).status).toBe(403);
  });

  it('stays private until published, then shows its pages and conditions', async () => {
    const created = await admin(agent).post('/questionnaires', body({ published: false }));
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
    expect(created.body.data).toMatchObject({ state: 'draft', locked: false, publishedCharts: [] });
    expect((await api().get('/api/participation/questionnaires/mobilites')).status).toBe(404);
    expect((await api().get('/api/participation/questionnaires')).body.data).toEqual([]);
    const taken = await admin(agent).post('/questionnaires', body({ title: 'Autre' }));
    expect(taken.status).toBe(400);
    expect(taken.body.error.details.errors[0].path).toEqual(['slug']);

    expect((await admin(agent).put(`/questionnaires/${documentId}`, body())).status).toBe(200);
    const page = await api().get('/api/participation/questionnaires/mobilites');
    expect(page.status).toBe(200);
    expect(page.body.data).toMatchObject({
      state: 'open',
      audience: 'signed_in',
      receiptNote: 'Les résultats seront publiés en mars.',
      viewer: { signedIn: false, canAnswer: false, mustSignIn: true, status: null },
    });
    expect(page.body.data.definition).toEqual(DEFINITION);
    const listed = (await api().get('/api/participation/questionnaires')).body.data;
    expect(listed).toEqual([expect.objectContaining({ slug: 'mobilites', respondents: 0, chartsPublished: false })]);
  });
});

describe('answering', () => {
  it('asks for an account where the questionnaire does', async () => {
    const res = await send(null, { mode: 'velo', velo_freq: 'quotidien', note: 7 });
    expect(res.status).toBe(401);
  });

  it('answers wrong input with a field error per question, in French, and writes nothing', async () => {
    const res = await send(citizens[0], {
      mode: 'trottinette',
      note: 11,
      age: 'vingt',
      commune: '99999',
      depuis: '2024-02-30',
      inconnue: 'x',
      priorites: ['pistes'],
    });
    expect(res.status).toBe(400);
    const byKey = Object.fromEntries(res.body.error.details.errors.map((e: { path: string[]; message: string }) => [e.path[1], e.message]));
    expect(byKey).toEqual({
      inconnue: 'Aucune question « inconnue ».',
      mode: '« trottinette » n’est pas un choix proposé.',
      priorites: 'Classez 2 choix.',
      note: 'Une note entière de 0 à 10.',
      age: 'Un nombre attendu.',
      commune: 'Choisissez une commune de la liste.',
      depuis: 'Une date au format AAAA-MM-JJ.',
    });
    const missing = await send(citizens[0], { mode: 'velo' });
    expect(missing.body.error.details.errors.map((e: { path: string[] }) => e.path[1]).sort()).toEqual(['note', 'velo_freq']);
    expect((await results()).respondents.total).toBe(0);
    expect(
      (
        await api()
          .get('/api/participation/questionnaires/mobilites/responses/mine')
          .set(...citizens[0].auth)
      ).body.data
    ).toBeNull();
  });

  it('saves a draft to resume, then sends it once; a second sending is refused', async () => {
    const draft = await api()
      .put('/api/participation/questionnaires/mobilites/responses/mine')
      .set(...citizens[0].auth)
      .send({ answers: { mode: 'velo' }, submit: false });
    expect(draft.status).toBe(200);
    expect(draft.body.data).toMatchObject({ status: 'draft', answers: { mode: { choice: 'velo', other: null } }, submittedAt: null, editable: true });
    const badDraft = await api()
      .put('/api/participation/questionnaires/mobilites/responses/mine')
      .set(...citizens[0].auth)
      .send({ answers: { note: 42 }, submit: false });
    expect(badDraft.status).toBe(400);
    const resumed = await api()
      .get('/api/participation/questionnaires/mobilites/responses/mine')
      .set(...citizens[0].auth);
    expect(resumed.body.data).toMatchObject({ status: 'draft', answers: { mode: { choice: 'velo', other: null } } });
    expect((await results()).respondents.total).toBe(0);
    const page = await api()
      .get('/api/participation/questionnaires/mobilites')
      .set(...citizens[0].auth);
    expect(page.body.data.viewer).toEqual({ signedIn: true, canAnswer: true, mustSignIn: false, status: 'draft' });

    const sent = await send(citizens[0], {
      mode: 'velo',
      velo_freq: 'quotidien',
      // A branch the respondent did not take: dropped, never stored.
      raisons: { choices: ['cout'], other: null },
      priorites: ['bus', 'pistes'],
      satisfaction: { bus: 'bon', routes: 'mauvais' },
      equipements: { gare: ['arceaux', 'borne'] },
      note: 8,
      age: 34,
      commune: communes[0].code,
      depuis: '2019-09-01',
      idees: 'Plus de pistes pour le vélo le long de la Loire',
      precision: 'Entre Nantes et Couëron',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.data.status).toBe('submitted');
    expect(sent.body.data.receipt).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    expect(sent.body.data.receipt).toBe(draft.body.data.receipt);
    expect(sent.body.data.answers.raisons).toBeUndefined();
    expect(sent.body.data.answers.precision).toBe('Entre Nantes et Couëron');
    const again = await send(citizens[0], { mode: 'voiture', note: 3 });
    expect(again.status).toBe(409);
    expect(again.body.error.details.code).toBe('already_answered');
    const change = await api()
      .put('/api/participation/questionnaires/mobilites/responses/mine')
      .set(...citizens[0].auth)
      .send({ answers: { mode: 'voiture', note: 3 }, submit: true });
    expect(change.status).toBe(409);
    expect(change.body.error.details.code).toBe('answer_locked');
  });

  it('takes one response per account when the same person sends 40 at once', async () => {
    const answers = { mode: 'voiture', raisons: { choices: ['cout', 'autre'], other: 'Pas de bus le dimanche' }, note: 4, age: 67, commune: communes[1].code };
    const statuses = (await Promise.all(Array.from({ length: 40 }, () => send(citizens[1], answers)))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(39);
    const rows = await app.strapi.db.connection('participation_questionnaire_responses').where({ user_id: citizens[1].id });
    expect(rows).toHaveLength(1);
    expect((await results()).respondents).toEqual({ online: 2, paper: 0, total: 2 });
  });

  it('takes paper questionnaires from agents with where and when, validated as online, counted apart', async () => {
    const bad = await admin(agent).post(`/questionnaires/${documentId}/paper-responses`, {
      answers: { mode: 'velo' },
      place: 'Marché de Talensac',
      date: '2026-12-05',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path[1]).sort()).toEqual(['note', 'velo_freq']);
    const ok = await admin(agent).post(`/questionnaires/${documentId}/paper-responses`, {
      answers: { mode: 'transports', raisons: ['temps'], note: 6, age: 19, priorites: ['bus', 'parkings'] },
      place: 'Marché de Talensac',
      date: '2026-12-05',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ channel: 'paper' });
    expect((await admin(moderator).post(`/questionnaires/${documentId}/paper-responses`, { answers: {}, place: 'X', date: '2026-12-05' })).status).toBe(403);
  });
});

describe('results', () => {
  it('are counted by the database at any time, question by question, with filters', async () => {
    const all = await results();
    expect(all.respondents).toEqual({ online: 2, paper: 1, total: 3 });
    expect(question(all, 'mode')).toMatchObject({
      answered: 3,
      chart: 'bars',
      options: [
        { key: 'voiture', label: 'Voiture', count: 1 },
        { key: 'velo', label: 'Velo', count: 1 },
        { key: 'transports', label: 'Transports', count: 1 },
        { key: 'autre', label: 'Autre', count: 0 },
      ],
    });
    expect(question(all, 'raisons')).toMatchObject({
      answered: 2,
      options: [
        { key: 'cout', label: 'Cout', count: 1 },
        { key: 'sante', label: 'Sante', count: 0 },
        { key: 'temps', label: 'Temps', count: 1 },
        { key: 'autre', label: 'Autre', count: 1 },
      ],
    });
    expect(question(all, 'priorites')).toMatchObject({
      answered: 2,
      ranking: [
        { key: 'bus', positions: [2, 0], score: 4 },
        { key: 'pistes', positions: [0, 1], score: 1 },
        { key: 'parkings', positions: [0, 1], score: 1 },
      ],
    });
    expect(question(all, 'satisfaction')).toMatchObject({
      answered: 1,
      rows: [
        { key: 'bus', columns: [expect.objectContaining({ key: 'bon', count: 1 }), expect.objectContaining({ key: 'mauvais', count: 0 })] },
        { key: 'routes', columns: [expect.objectContaining({ key: 'bon', count: 0 }), expect.objectContaining({ key: 'mauvais', count: 1 })] },
      ],
    });
    expect((question(all, 'equipements').rows as { columns: { count: number }[] }[])[0].columns.map((c) => c.count)).toEqual([1, 1]);
    expect(question(all, 'note')).toMatchObject({ answered: 3, stats: { mean: 6, min: 4, max: 8 } });
    expect((question(all, 'note').options as { key: string; label: string; count: number }[]).filter((o) => o.count)).toEqual([
      { key: '4', label: '4', count: 1 },
      { key: '6', label: '6', count: 1 },
      { key: '8', label: '8', count: 1 },
    ]);
    expect((question(all, 'note').options as { label: string }[])[0].label).toBe('0 (Très mauvais)');
    expect(question(all, 'age')).toMatchObject({
      answered: 3,
      stats: { mean: 40, min: 19, max: 67 },
      distribution: [
        { value: 19, count: 1 },
        { value: 34, count: 1 },
        { value: 67, count: 1 },
      ],
    });
    expect(question(all, 'commune')).toMatchObject({ answered: 2, chart: 'map' });
    expect((question(all, 'commune').options as { label: string }[]).map((o) => o.label).sort()).toEqual(communes.map((c) => c.name).sort());
    expect(question(all, 'idees')).toMatchObject({ answered: 1, chart: 'none', options: null });

    const paper = await results('?channel=paper');
    expect(paper.respondents).toEqual({ online: 0, paper: 1, total: 1 });
    expect(question(paper, 'mode').options).toContainEqual({ key: 'transports', label: 'Transports', count: 1 });
    const here = await results(`?territory=${communes[0].code}`);
    expect(here.respondents.total).toBe(1);
    expect(question(here, 'note')).toMatchObject({ stats: { mean: 8, min: 8, max: 8 } });
    const seniors = await results('?ageBand=65_plus');
    expect(question(seniors, 'mode').answered).toBe(1);
    expect((await admin(agent).get(`/questionnaires/${documentId}/results?ageBand=DROP%20TABLE`)).status).toBe(400);
  });

  it('lets staff read free texts and « Autre » precisions, never the public', async () => {
    const texts = await admin(agent).get(`/questionnaires/${documentId}/texts?question=idees`);
    expect(texts.status).toBe(200);
    expect(texts.body.data).toEqual([expect.objectContaining({ text: 'Plus de pistes pour le vélo le long de la Loire', channel: 'online' })]);
    const other = await admin(agent).get(`/questionnaires/${documentId}/texts?question=raisons`);
    expect(other.body.data.map((t: { text: string }) => t.text)).toEqual(['Pas de bus le dimanche']);
    expect((await admin(agent).get(`/questionnaires/${documentId}/texts?question=nope`)).status).toBe(404);
  });

  it('are public only for the charts staff publish, while it is still open', async () => {
    const before = await api().get('/api/participation/questionnaires/mobilites/results');
    expect(before.status).toBe(200);
    expect(before.body.data.questions).toEqual([]);
    const text = await admin(agent).put(`/questionnaires/${documentId}/charts`, { questions: ['mode', 'idees'] });
    expect(text.status).toBe(400);
    expect(text.body.error.details.errors[0].path).toEqual(['questions', 1]);
    const published = await admin(agent).put(`/questionnaires/${documentId}/charts`, { questions: ['note', 'mode'] });
    expect(published.status).toBe(200);
    expect(published.body.data.publishedCharts).toEqual(['note', 'mode']);
    const open = await api().get('/api/participation/questionnaires/mobilites/results');
    expect(open.body.data.respondents.total).toBe(3);
    expect(open.body.data.questions.map((q: { key: string }) => q.key)).toEqual(['note', 'mode']);
    expect(JSON.stringify(open.body)).not.toContain('Loire');
    expect(JSON.stringify(open.body)).not.toContain('dimanche');
    const csv = await api().get('/api/participation/questionnaires/mobilites/results.csv').buffer(true);
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('question;intitule;reponse;reponse_intitule;rang;nombre;repondants_question');
    expect(lines).toContain('mode;Comment venez-vous ?;velo;Velo;;1;3');
    expect(lines).toContain('note;Note globale;8;8;;1;3');
    expect(lines.filter((l) => l.startsWith('idees') || l.startsWith('raisons'))).toEqual([]);
  });
});

describe('the export', () => {
  const header = (csv: string) =>
    csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]
      .split(';');

  it('has one column per question, option, rank and cell, the same whatever the branches, described by a Table Schema', async () => {
    const first = await admin(agent).get(`/questionnaires/${documentId}/export?format=csv`).buffer(true);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toContain('text/csv');
    const columns = header(first.text);
    expect(columns).toEqual([
      'numero',
      'canal',
      'envoyee_le',
      'lieu_papier',
      'date_papier',
      'commune_declaree',
      'tranche_age',
      'mode',
      'mode__autre',
      'velo_freq',
      'raisons__cout',
      'raisons__sante',
      'raisons__temps',
      'raisons__autre',
      'raisons__autre_texte',
      'priorites__rang_1',
      'priorites__rang_2',
      'satisfaction__bus',
      'satisfaction__routes',
      'equipements__gare__arceaux',
      'equipements__gare__borne',
      'equipements__mairie__arceaux',
      'equipements__mairie__borne',
      'note',
      'age',
      'commune',
      'depuis',
      'idees',
      'precision',
    ]);
    const lines = first.text.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes(';paper;'))).toContain('Marché de Talensac');
    // Another respondent, another branch: the same columns.
    expect((await send(citizens[2], { mode: 'autre', note: 10 })).status).toBe(400);
    expect((await send(citizens[2], { mode: { choice: 'autre', other: '=HYPERLINK("http://x")' }, note: 10 })).status).toBe(201);
    const second = await admin(agent).get(`/questionnaires/${documentId}/export?format=csv`).buffer(true);
    expect(header(second.text)).toEqual(columns);
    expect(second.text).toContain(`'=HYPERLINK`);
    const schema = await admin(agent).get(`/questionnaires/${documentId}/export/schema`);
    expect(schema.body.fields.map((f: { name: string }) => f.name)).toEqual(columns);
    expect(schema.body.fields.find((f: { name: string }) => f.name === 'raisons__cout')).toEqual({
      name: 'raisons__cout',
      title: 'Pourquoi ? — Cout',
      type: 'boolean',
      question: 'raisons',
    });
    const xlsx = await admin(agent).get(`/questionnaires/${documentId}/export?format=xlsx`).buffer(true);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const log = (await admin(await adminToken(app)).get('/exports/log')).body.data;
    expect(log.filter((e: { subjectType: string }) => e.subjectType === 'questionnaire-responses')).toHaveLength(3);
  });

  it('keeps its columns once people answered: questions and choices are added, never removed', async () => {
    const removed = structuredClone(DEFINITION);
    removed.pages[0].questions[0] = { ...removed.pages[0].questions[0], options: choices('voiture', 'velo') } as never;
    const refused = await admin(agent).put(`/questionnaires/${documentId}`, body({ definition: removed }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].message).toContain('option:transports');
    const added = structuredClone(DEFINITION);
    added.pages[0].questions[0] = { ...added.pages[0].questions[0], options: choices('voiture', 'velo', 'transports', 'marche') } as never;
    const ok = await admin(agent).put(`/questionnaires/${documentId}`, body({ definition: added }));
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ locked: true, publishedCharts: ['note', 'mode'] });
  });
});

describe('anonymous questionnaires', () => {
  // Runs first: its one anonymous answer leaves the next test the six of the limit (seven per IP here).
  it('take a file from someone without an account, joined only to an anonymous answer', async () => {
    const created = await admin(agent).post(
      '/questionnaires',
      body({
        slug: 'signalement',
        title: 'Signalement',
        audience: 'anonymous',
        definition: { pages: [{ key: 'p', title: 'Le lieu', questions: [{ key: 'photo', label: 'Photo', type: 'file', required: true, maxFiles: 1 }] }] },
      })
    );
    expect(created.status).toBe(201);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 3)]);
    const sent = await api()
      .post('/api/participation/questionnaires/signalement/files')
      .field('question', 'photo')
      .attach('file', png, { filename: 'nid-de-poule.png', contentType: 'image/png' });
    expect(sent.status).toBe(201);
    // A signed-in person cannot take a file sent without an account.
    const taken = await send(citizens[4], { photo: [sent.body.data.id] }, 'signalement');
    expect(taken.status).toBe(400);
    const answered = await send(null, { photo: [sent.body.data.id] }, 'signalement');
    expect(answered.status).toBe(201);
    expect(answered.body.data.files).toEqual([expect.objectContaining({ name: 'nid-de-poule.png', mime: 'image/png' })]);
    const listed = await admin(agent).get(`/questionnaires/${created.body.data.documentId}/files?question=photo`);
    expect(listed.body.data.map((f: { name: string }) => f.name)).toEqual(['nid-de-poule.png']);
  });

  it('take answers without an account, limited per IP, with a keyed hash of the IP for staff and never the address', async () => {
    const created = await admin(agent).post('/questionnaires', body({ slug: 'satisfaction', title: 'Satisfaction', audience: 'anonymous' }));
    expect(created.status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await send(null, { mode: 'velo', velo_freq: 'hebdo', note: i }, 'satisfaction')).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429]);
    const data = (await admin(agent).get(`/questionnaires/${created.body.data.documentId}/results`)).body.data;
    expect(data.respondents.total).toBe(6);
    expect(data.repeatedSources).toEqual([{ source: expect.stringMatching(/^[0-9a-f]{16}$/), count: 6 }]);
    const rows = await app.strapi.db.connection('participation_questionnaire_responses').whereNotNull('ip_hash');
    expect(rows.every((r: { ip_hash: string }) => !r.ip_hash.includes('127.0.0.1') && !r.ip_hash.includes(':'))).toBe(true);
  });

  it('refuse answers before opening and after closing', async () => {
    await admin(agent).post('/questionnaires', body({ slug: 'a-venir', title: 'À venir', opensAt: at(hour), closesAt: at(2 * hour) }));
    await admin(agent).post('/questionnaires', body({ slug: 'clos', title: 'Clos', opensAt: at(-2 * hour), closesAt: at(-hour) }));
    const early = await send(citizens[3], { mode: 'velo', velo_freq: 'hebdo', note: 1 }, 'a-venir');
    expect([early.status, early.body.error.details.code]).toEqual([409, 'questionnaire_not_open']);
    const late = await send(citizens[3], { mode: 'velo', velo_freq: 'hebdo', note: 1 }, 'clos');
    expect([late.status, late.body.error.details.code]).toEqual([409, 'questionnaire_closed']);
  });
});

describe('an answer that may change until the close', () => {
  it('counts only the last of 20 changes sent at once by the same person', async () => {
    const created = await admin(agent).post('/questionnaires', body({ slug: 'modifiable', title: 'Modifiable', editable: true }));
    expect(created.status).toBe(201);
    const change = (i: number) =>
      api()
        .put('/api/participation/questionnaires/modifiable/responses/mine')
        .set(...citizens[5].auth)
        .send({ answers: { mode: 'voiture', raisons: ['cout', 'sante', 'temps'].slice(0, 1 + (i % 2)), note: i % 11 }, submit: true });
    const statuses = (await Promise.all(Array.from({ length: 20 }, (_, i) => change(i)))).map((r) => r.status);
    // A first save racing another first save is asked to try again (409); every other change is taken.
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    const data = (await admin(agent).get(`/questionnaires/${created.body.data.documentId}/results`)).body.data;
    expect(data.respondents.total).toBe(1);
    for (const key of ['mode', 'raisons', 'note']) expect(question(data, key).answered).toBe(1);
    const kept = (
      await api()
        .get('/api/participation/questionnaires/modifiable/responses/mine')
        .set(...citizens[5].auth)
    ).body.data.answers;
    expect(question(data, 'raisons').options).toEqual(
      expect.arrayContaining(kept.raisons.choices.map((c: string) => expect.objectContaining({ key: c, count: 1 })))
    );
    expect((question(data, 'note').options as { count: number }[]).reduce((n, o) => n + o.count, 0)).toBe(1);
  });
});

describe('file answers', () => {
  const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% attestation\n'), Buffer.alloc(2000, 0x20)]);
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)]);
  const FILES_DEFINITION = {
    pages: [
      {
        key: 'pieces',
        title: 'Vos pièces',
        questions: [
          { key: 'avis', label: 'Votre avis', type: 'short_text', required: true, maxLength: 200 },
          { key: 'photo', label: 'Une photo du lieu', type: 'file', required: true, maxFiles: 2 },
          { key: 'attestation', label: 'Une attestation', type: 'file', required: false, maxFiles: 1 },
        ],
      },
    ],
  };
  let filesId = '';
  let person: TestCitizen;
  const upload = (c: TestCitizen | null, questionKey: string, content: Buffer, filename: string, slug = 'pieces') => {
    const req = api().post(`/api/participation/questionnaires/${slug}/files`);
    if (c) req.set(...c.auth);
    return req.field('question', questionKey).attach('file', content, { filename, contentType: 'application/pdf' });
  };
  const mineOf = (c: TestCitizen) =>
    api()
      .get('/api/participation/questionnaires/pieces/responses/mine')
      .set(...c.auth);
  const saveMine = (c: TestCitizen, answers: Record<string, unknown>, submit: boolean) =>
    api()
      .put('/api/participation/questionnaires/pieces/responses/mine')
      .set(...c.auth)
      .send({ answers, submit });
  const fileRows = () => app.strapi.db.connection('participation_questionnaire_files').select('file_key', 'response_id', 'question', 'owner_key');

  beforeAll(async () => {
    person = await registerCitizen(app, 'deposant');
    const bad = await admin(agent).post(
      '/questionnaires',
      body({
        slug: 'pieces',
        title: 'Pièces jointes',
        definition: { pages: [{ ...FILES_DEFINITION.pages[0], questions: [{ key: 'photo', label: 'Photo', type: 'file', required: false, maxFiles: 9 }] }] },
      })
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['definition.pages.0.questions.0.maxFiles']);
    const created = await admin(agent).post('/questionnaires', body({ slug: 'pieces', title: 'Pièces jointes', definition: FILES_DEFINITION, editable: true }));
    expect(created.status).toBe(201);
    filesId = created.body.data.documentId;
  });

  it('are sent first, recognised by their bytes, bounded in size, by whoever may answer, for a question that asks for files', async () => {
    const before = (await fileRows()).length;
    const anonymous = await upload(null, 'photo', PDF, 'plan.pdf');
    expect([anonymous.status, anonymous.body.error.details.code]).toEqual([401, 'authentication_required']);
    const disguised = await upload(citizens[2], 'photo', Buffer.from('<script>alert(1)</script>'), 'plan.pdf');
    expect([disguised.status, disguised.body.error.details.code]).toEqual([415, 'unsupported_media_type']);
    expect(disguised.body.error.message).toBe('Joignez un PDF, un JPEG ou un PNG.');
    const heavy = await upload(citizens[2], 'photo', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]), 'lourd.pdf');
    expect([heavy.status, heavy.body.error.details.code]).toEqual([413, 'payload_too_large']);
    const wrongQuestion = await upload(citizens[2], 'avis', PDF, 'plan.pdf');
    expect(wrongQuestion.status).toBe(400);
    expect(wrongQuestion.body.error.details.errors[0].path).toEqual(['question']);
    const noFile = await api()
      .post('/api/participation/questionnaires/pieces/files')
      .set(...citizens[2].auth)
      .send({ question: 'photo' });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.details.errors[0].path).toEqual(['file']);
    expect(await fileRows()).toHaveLength(before);

    const sent = await upload(citizens[2], 'photo', PNG, '../../etc/Vue du pont.pdf');
    expect(sent.status).toBe(201);
    expect(sent.body.data).toEqual({
      id: expect.stringMatching(/^f_[A-Za-z0-9_-]{22}$/),
      question: 'photo',
      name: 'Vue du pont.png',
      mime: 'image/png',
      bytes: PNG.length,
    });
  });

  it('are joined by their ids to a draft then to the sent answer, only by the person who sent them and for their question', async () => {
    const photo = (await upload(citizens[3], 'photo', PDF, 'photo.pdf')).body.data;
    const other = (await upload(citizens[3], 'photo', PNG, 'autre.png')).body.data;
    const foreign = (await upload(citizens[2], 'photo', PDF, 'pas-a-moi.pdf')).body.data;
    const forAttestation = (await upload(citizens[3], 'attestation', PDF, 'attestation.pdf')).body.data;

    const stolen = await saveMine(citizens[3], { avis: 'Bien', photo: [foreign.id] }, true);
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.details.errors).toEqual([
      { path: ['answers', 'photo'], message: 'Un fichier joint n’est plus disponible : déposez-le à nouveau.' },
    ]);
    const misplaced = await saveMine(citizens[3], { avis: 'Bien', photo: [forAttestation.id] }, true);
    expect(misplaced.status).toBe(400);
    const tooMany = await saveMine(citizens[3], { avis: 'Bien', photo: [photo.id, other.id, forAttestation.id] }, true);
    expect(tooMany.body.error.details.errors[0]).toEqual({ path: ['answers', 'photo'], message: '2 fichiers au plus.' });
    const missing = await saveMine(citizens[3], { avis: 'Bien' }, true);
    expect(missing.body.error.details.errors[0]).toEqual({ path: ['answers', 'photo'], message: 'Cette question est obligatoire.' });

    const draft = await saveMine(citizens[3], { avis: 'Bien', photo: [photo.id, other.id] }, false);
    expect(draft.status).toBe(200);
    const resumed = (await mineOf(citizens[3])).body.data;
    expect(resumed.answers.photo).toEqual([photo.id, other.id]);
    expect(resumed.files.map((f: { name: string }) => f.name)).toEqual(['photo.pdf', 'autre.png']);
    // A draft's files are still its author's: staff do not open them yet.
    expect((await admin(agent).get(`/questionnaires/${filesId}/files/${photo.id}`)).status).toBe(404);

    const final = await saveMine(citizens[3], { avis: 'Très bien', photo: [other.id], attestation: [forAttestation.id] }, true);
    expect(final.status).toBe(200);
    expect(final.body.data.files.map((f: { id: string }) => f.id)).toEqual([other.id, forAttestation.id]);
    const rows = await fileRows();
    // The photo taken out of the answer is gone; the others are this response's; the one not joined waits, nobody's.
    expect(rows.find((r: { file_key: string }) => r.file_key === photo.id)).toBeUndefined();
    const responseIds = new Set(
      rows.filter((r: { file_key: string }) => [other.id, forAttestation.id].includes(r.file_key)).map((r: { response_id: number }) => r.response_id)
    );
    expect(responseIds.size).toBe(1);
    expect([...responseIds][0]).not.toBeNull();
    expect(rows.find((r: { file_key: string }) => r.file_key === foreign.id).response_id).toBeNull();
  });

  it('are read by the agents only: listed per question, downloaded as sent, never in public answers or charts', async () => {
    const listed = await admin(agent).get(`/questionnaires/${filesId}/files?question=photo`);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([expect.objectContaining({ name: 'autre.png', mime: 'image/png', bytes: PNG.length, channel: 'online' })]);
    const downloaded = await admin(agent)
      .get(`/questionnaires/${filesId}/files/${listed.body.data[0].id}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(downloaded.status).toBe(200);
    expect(Buffer.compare(downloaded.body as Buffer, PNG)).toBe(0);
    expect(downloaded.headers['content-type']).toBe('image/png');
    expect(downloaded.headers['content-disposition']).toMatch(/^attachment; filename="autre.png"/);
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
    expect((await admin(moderator).get(`/questionnaires/${filesId}/files/${listed.body.data[0].id}`)).status).toBe(403);
    expect((await admin(moderator).get(`/questionnaires/${filesId}/files?question=photo`)).status).toBe(403);

    const chart = await admin(agent).put(`/questionnaires/${filesId}/charts`, { questions: ['photo'] });
    expect(chart.status).toBe(400);
    const stats = (await admin(agent).get(`/questionnaires/${filesId}/results`)).body.data;
    expect(question(stats, 'photo')).toMatchObject({ answered: 1, chart: 'none', stats: { mean: 1, min: 1, max: 1 } });
    const publicPage = await api().get('/api/participation/questionnaires/pieces');
    expect(JSON.stringify(publicPage.body)).not.toContain('f_');

    const csv = await admin(agent).get(`/questionnaires/${filesId}/export?format=csv`);
    expect(csv.text.split('\n')[0]).toContain(';photo;attestation');
    expect(csv.text).toContain(`autre.png (${listed.body.data[0].id})`);
  });

  it('on paper, are joined by the agent who enters the questionnaire', async () => {
    const scan = await api()
      .post(`/participation/questionnaires/${filesId}/paper-files`)
      .set('Authorization', `Bearer ${agent}`)
      .field('question', 'photo')
      .attach('file', PDF, { filename: 'scan.pdf', contentType: 'application/pdf' });
    expect(scan.status).toBe(201);
    // A citizen cannot join the agent's file to their own answer.
    const taken = await saveMine(citizens[2], { avis: 'Bof', photo: [scan.body.data.id] }, true);
    expect(taken.status).toBe(400);
    const entered = await admin(agent).post(`/questionnaires/${filesId}/paper-responses`, {
      answers: { avis: 'Sur papier', photo: [scan.body.data.id] },
      place: 'Mairie de Rezé',
      date: '2026-12-05',
    });
    expect(entered.status).toBe(201);
    const listed = await admin(agent).get(`/questionnaires/${filesId}/files?question=photo`);
    expect(listed.body.data.map((f: { name: string; channel: string }) => [f.name, f.channel])).toEqual([
      ['scan.pdf', 'paper'],
      ['autre.png', 'online'],
    ]);
  });

  it('keep only the last answer’s files when the same person sends 10 changes at once', async () => {
    const sent = [];
    for (let i = 0; i < 10; i += 1) sent.push((await upload(person, 'photo', PDF, `photo-${i}.pdf`)).body.data.id as string);
    const statuses = (await Promise.all(sent.map((id, i) => saveMine(person, { avis: `Version ${i}`, photo: [id] }, true)))).map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const kept = (await mineOf(person)).body.data;
    expect(kept.files).toHaveLength(1);
    const attached = (await fileRows()).filter(
      (r: { owner_key: string; response_id: number | null }) => r.owner_key === `user:${person.id}` && r.response_id !== null
    );
    expect(attached.map((r: { file_key: string }) => r.file_key)).toEqual(kept.answers.photo);
  });

  it('are in the person’s data export and go with their account', async () => {
    const exported = (
      await api()
        .get('/api/participation/me/export')
        .set(...person.auth)
    ).body.data;
    expect(exported.questionnaireFiles).toEqual([
      expect.objectContaining({ questionnaire: 'pieces', question: 'photo', mime: 'application/pdf', sha256: expect.any(String) }),
    ]);
    const erased = await api()
      .delete('/api/participation/me')
      .set(...person.auth)
      .send({ password: 'MotDePasse2026!' });
    expect(erased.status).toBe(200);
    expect((await fileRows()).filter((r: { owner_key: string }) => r.owner_key === `user:${person.id}`)).toEqual([]);
  });
});

describe('a person’s answers', () => {
  it('are in their data export and go with their account', async () => {
    const exported = await api()
      .get('/api/participation/me/export')
      .set(...citizens[0].auth);
    expect(exported.body.data.questionnaireResponses).toEqual([
      expect.objectContaining({ questionnaire: 'Mobilités du quotidien', status: 'envoyée', answers: expect.objectContaining({ note: 8 }) }),
    ]);
    const erased = await api()
      .delete('/api/participation/me')
      .set(...citizens[0].auth)
      .send({ password: 'MotDePasse2026!' });
    expect(erased.status).toBe(200);
    expect((await results()).respondents).toEqual({ online: 2, paper: 1, total: 3 });
    const texts = await admin(agent).get(`/questionnaires/${documentId}/texts?question=idees`);
    expect(texts.body.data).toEqual([]);
  });
});

describe('cost per request', () => {
  /**
   * SQL statements the app runs while serving one request, computed (the public cache moved on first, so that nothing
   * is served from it); the cache's own read of its generation (a sequence, on PostgreSQL without Redis) is not the page's.
   */
  const statements = async (send: () => Promise<{ status: number }>) => {
    await app.strapi.plugin('participation').service('public-cache').changed();
    let n = 0;
    const count = (query: { sql?: string }) => {
      if (!/participation_public_cache_generation/.test(query.sql ?? '')) n += 1;
    };
    app.strapi.db.connection.on('query', count);
    try {
      expect((await send()).status).toBe(200);
    } finally {
      app.strapi.db.connection.off('query', count);
    }
    return n;
  };

  it('the answering page is one statement (and the session check for a signed-in person), the results a fixed number, whatever the answers', async () => {
    expect(await statements(() => api().get('/api/participation/questionnaires/mobilites'))).toBe(1);
    const signedIn = await statements(() =>
      api()
        .get('/api/participation/questionnaires/mobilites')
        .set(...citizens[4].auth)
    );
    expect(signedIn).toBeLessThanOrEqual(2);
    const before = await statements(() => admin(agent).get(`/questionnaires/${documentId}/results`));
    for (let i = 0; i < 5; i += 1)
      expect(
        (
          await admin(agent).post(`/questionnaires/${documentId}/paper-responses`, {
            answers: { mode: 'voiture', note: i, age: 20 + i },
            place: 'Mairie',
            date: '2026-12-04',
          })
        ).status
      ).toBe(201);
    expect(await statements(() => admin(agent).get(`/questionnaires/${documentId}/results`))).toBe(before);
    expect(
      await statements(() =>
        api()
          .get('/api/participation/questionnaires/mobilites')
          .set(...citizens[4].auth)
      )
    ).toBe(signedIn);
  });
});
