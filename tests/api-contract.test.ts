import fs from 'fs';
import path from 'path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { minutes, openConsultation } from './helpers/consultations';
import { ROOT } from './helpers/database';
import { PUBLIC_ROUTES } from '../plugins/participation/server/src/contract/routes';
import { startApp, type TestApp } from './helpers/strapi';

let app: TestApp;
let doc: any;
let ajv: Ajv2020;
let alice: TestCitizen;
let bruno: TestCitizen;
const ids: Record<string, string> = {};
const api = '/api/participation';

/** Validates a real response against the schema the committed document gives for that operation and status. */
function expectConforms(method: string, route: string, res: { status: number; body: unknown; headers: Record<string, string> }) {
  const operation = doc.paths[route]?.[method.toLowerCase()];
  expect(operation).toBeDefined();
  const response = operation.responses[String(res.status)];
  if (!response) throw new Error(`${method} ${route} a répondu ${res.status}, que le document ne prévoit pas`);
  if (res.status === 304) return;
  const media = String(res.headers['content-type']).startsWith('text/csv') ? 'text/csv; charset=utf-8' : 'application/json';
  const pointer = `openapi.json#/paths/${route.replace(/~/g, '~0').replace(/\//g, '~1')}/${method.toLowerCase()}/responses/${res.status}/content/${media.replace(/\//g, '~1')}/schema`;
  const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
  if (!validate(res.body))
    throw new Error(`${method} ${route} ${res.status} ne suit pas le contrat : ${ajv.errorsText(validate.errors)}\n${JSON.stringify(res.body).slice(0, 500)}`);
}

beforeAll(async () => {
  app = await startApp({
    PARTICIPATION_RATE_LIMIT_USER: '1000/60',
    PARTICIPATION_RATE_LIMIT_IP: '10000/60',
    CORS_ORIGINS: 'https://www.loire-atlantique.fr,https://participer.loire-atlantique.fr',
  });
  doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'openapi.json'), 'utf8'));
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi.json');

  const agent = await adminToken(app);
  const theme = await app.strapi.documents('plugin::participation.theme').create({ data: { name: 'Mobilités', slug: 'mobilites' } });
  const c = await openConsultation(app, agent, {
    title: 'Contrat de test',
    moderationMode: 'a_posteriori',
    themes: [theme.documentId],
    phases: [{ kind: 'contribution', title: 'Proposer', startsAt: minutes(-60).toISOString(), endsAt: minutes(600).toISOString() }],
    resultsKeyFigures: [{ label: 'participants', value: '1 200' }],
  });
  ids.slug = c.slug;
  [alice, bruno] = await Promise.all([registerCitizen(app, 'alice'), registerCitizen(app, 'bruno')]);
  const made = await app
    .request()
    .post(`${api}/consultations/${c.slug}/contributions`)
    .set(...alice.auth)
    .send({ title: 'Une idée', body: 'Une idée pour le contrat.', territory: '44109' });
  ids.contribution = made.body.data.documentId;
  const comment = await app
    .request()
    .post(`${api}/contributions/${ids.contribution}/comments`)
    .set(...bruno.auth)
    .send({ body: 'Un commentaire.' });
  ids.comment = comment.body.data.documentId;
});
afterAll(async () => {
  await app?.stop();
});

describe('the OpenAPI document', () => {
  it('served by the API is the committed openapi.json (run `npm run openapi` after changing a route)', async () => {
    const served = await app.request().get(`${api}/openapi.json`);
    expect(served.status).toBe(200);
    expect(served.body).toEqual(doc);
  });

  it('documents every public route Strapi serves, and no other', () => {
    const routers = app.strapi.plugin('participation').routes as Record<string, { routes: { method: string; path: string }[] }>;
    const routes = routers['content-api'].routes;
    const served = routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort();
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]: [string, any]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(served).toEqual(documented);
  });

  it('for the admin API, openapi.admin.json is what the admin route registry builds, and documents every admin route (run `npm run openapi`)', () => {
    const admin = JSON.parse(fs.readFileSync(path.join(ROOT, 'openapi.admin.json'), 'utf8'));
    expect(app.strapi.plugin('participation').service('contract').adminDocument()).toEqual(admin);
    const routers = app.strapi.plugin('participation').routes as Record<string, { routes: { method: string; path: string }[] }>;
    const served = routers.admin.routes.map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort();
    const documented = Object.entries(admin.paths)
      .flatMap(([p, ops]: [string, any]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(served).toEqual(documented);
    // Every admin operation names the permission the server checks.
    for (const ops of Object.values<any>(admin.paths))
      for (const op of Object.values<any>(ops)) expect(op.description).toMatch(/Permission : `plugin::participation\./);
  });

  it('lists every error code with its status', () => {
    const text = JSON.stringify(doc);
    for (const code of ['validation_failed', 'consultation_closed', 'already_reported', 'rate_limited', 'duplicate_contribution', 'unsupported_media_type']) {
      expect(text).toContain(code);
    }
    expect(doc.components.schemas.Error).toBeDefined();
  });
});

describe('sign-in, as the route registry says', () => {
  const concrete = (path: string) => path.replace(':slug', ids.slug).replace(':id', ids.contribution);
  const call = (method: string, url: string) => {
    const req = app.request()[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](`${api}${url}`);
    return method === 'POST' || method === 'PUT' ? req.send({}) : req;
  };

  it('refuses every `auth: required` route to an anonymous caller with 401 authentication_required, before reading the body', async () => {
    const required = PUBLIC_ROUTES.filter((r) => r.auth === 'required');
    expect(required.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['GET /me/export', 'DELETE /me', 'POST /contributions/:id/supports']));
    for (const route of required) {
      const res = await call(route.method, concrete(route.path));
      expect([`${route.method} ${route.path}`, res.status, res.body.error?.details?.code]).toEqual([
        `${route.method} ${route.path}`,
        401,
        'authentication_required',
      ]);
      expect(res.body).toMatchObject({ data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Connectez-vous pour participer.' } });
      expectConforms(route.method, route.path.replace(/:(\w+)/g, '{$1}'), res);
    }
    // Nothing was erased or supported by those calls.
    expect((await app.request().get(`${api}/contributions/${ids.contribution}`)).body.data.counts.supports).toBe(0);
  });

  it('refuses a bad token with 401 invalid_token on every route that reads one', async () => {
    for (const route of PUBLIC_ROUTES.filter((r) => r.auth !== 'none')) {
      const res = await call(route.method, concrete(route.path)).set('Authorization', 'Bearer not-a-token');
      expect([`${route.method} ${route.path}`, res.status, res.body.error?.details?.code]).toEqual([`${route.method} ${route.path}`, 401, 'invalid_token']);
    }
  });

  it('answers the public reads without a token', async () => {
    // Routes that need nothing in the path nor the query (an unsubscribe link, for one, needs its token).
    for (const route of PUBLIC_ROUTES.filter(
      (r) => r.auth === 'none' && r.method === 'GET' && !r.path.includes(':') && (r.query?.safeParse({}).success ?? true)
    )) {
      // Its success, or a 404 it documents (the newest dated dump, before the first one is written).
      const status = (await app.request().get(`${api}${route.path}`)).status;
      expect(status === route.success || (status === 404 && route.errors.includes('not_found'))).toBe(true);
    }
  });
});

describe('real responses follow the document', () => {
  it('for every read, anonymous and signed in', async () => {
    const reads: [string, string, string][] = [
      ['/themes', '/themes', ''],
      ['/territories', '/territories', '?q=nantes'],
      ['/consultations', '/consultations', '?status=open'],
      ['/consultations/{slug}', `/consultations/${ids.slug}`, ''],
      ['/consultations/{slug}/contributions', `/consultations/${ids.slug}/contributions`, '?sort=-supportsCount'],
      ['/consultations/{slug}/export', `/consultations/${ids.slug}/export`, ''],
      ['/contributions/{id}', `/contributions/${ids.contribution}`, ''],
      ['/contributions/{id}/comments', `/contributions/${ids.contribution}/comments`, ''],
    ];
    for (const [route, url, query] of reads) {
      for (const who of [null, alice]) {
        const req = app.request().get(`${api}${url}${query}`);
        const res = await (who ? req.set(...who.auth) : req);
        expect(res.status).toBe(200);
        expectConforms('GET', route, res);
      }
    }
    expectConforms(
      'GET',
      '/me/contributions',
      await app
        .request()
        .get(`${api}/me/contributions`)
        .set(...alice.auth)
    );
    expectConforms(
      'GET',
      '/me/export',
      await app
        .request()
        .get(`${api}/me/export`)
        .set(...alice.auth)
    );
  });

  it('for every write, and for the errors they answer', async () => {
    const writes: [string, string, string, any, TestCitizen | null][] = [
      [
        'POST',
        '/consultations/{slug}/contributions',
        `/consultations/${ids.slug}/contributions`,
        { title: 'Autre idée', body: 'Une autre idée du contrat.' },
        bruno,
      ],
      ['POST', '/contributions/{id}/supports', `/contributions/${ids.contribution}/supports`, undefined, bruno],
      ['DELETE', '/contributions/{id}/supports', `/contributions/${ids.contribution}/supports`, undefined, bruno],
      ['POST', '/contributions/{id}/comments', `/contributions/${ids.contribution}/comments`, { body: 'Réponse', parent: ids.comment }, alice],
      ['POST', '/comments/{id}/reports', `/comments/${ids.comment}/reports`, { reason: 'off_topic' }, alice],
      ['POST', '/contributions/{id}/reports', `/contributions/${ids.contribution}/reports`, { reason: 'spam' }, bruno],
      ['POST', '/contributions/{id}/reports', `/contributions/${ids.contribution}/reports`, { reason: 'spam' }, bruno],
      ['POST', '/contributions/{id}/supports', `/contributions/${ids.contribution}/supports`, undefined, null],
      ['POST', '/consultations/{slug}/contributions', `/consultations/${ids.slug}/contributions`, { title: 1 }, bruno],
      ['PUT', '/contributions/{id}', `/contributions/${ids.contribution}`, { title: 'Modifiée' }, bruno],
      ['GET', '/consultations/{slug}', '/consultations/inconnue', undefined, null],
    ];
    const statuses = [];
    for (const [method, route, url, body, who] of writes) {
      let req = (app.request() as any)[method.toLowerCase()](`${api}${url}`);
      if (who) req = req.set(...who.auth);
      const res = await (body === undefined ? req : req.send(body));
      statuses.push(res.status);
      expectConforms(method, route, res);
    }
    expect(statuses).toEqual([201, 200, 200, 201, 201, 201, 409, 401, 400, 403, 404]);
  });
});

describe('caching', () => {
  it('answers 304 to If-None-Match, public for visitors, private for citizens', async () => {
    const first = await app.request().get(`${api}/consultations/${ids.slug}`);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(first.headers.vary).toMatch(/Authorization/);
    const again = await app.request().get(`${api}/consultations/${ids.slug}`).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const personal = await app
      .request()
      .get(`${api}/consultations/${ids.slug}`)
      .set(...alice.auth);
    expect(personal.headers['cache-control']).toMatch(/^private/);
    expect(personal.headers.etag).not.toBe(first.headers.etag);
  });

  it('serves a list fresh at once after a write', async () => {
    const url = `${api}/consultations/${ids.slug}/contributions`;
    const before = await app.request().get(url);
    await app
      .request()
      .post(`${api}/consultations/${ids.slug}/contributions`)
      .set(...alice.auth)
      .send({ title: 'Toute fraîche', body: 'Visible tout de suite par tout le monde.' });
    const after = await app.request().get(url).set('If-None-Match', before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.data.map((c: any) => c.title)).toContain('Toute fraîche');
  });
});

describe('CORS and security headers', () => {
  const preflight = (origin: string) =>
    app
      .request()
      .options(`${api}/consultations/${ids.slug}/contributions`)
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'Authorization, Content-Type');

  it('lets the origins of CORS_ORIGINS call the API, and only them', async () => {
    const allowed = await preflight('https://www.loire-atlantique.fr');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://www.loire-atlantique.fr');
    expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/i);
    const other = await preflight('https://site-malveillant.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps Strapi’s security headers', async () => {
    const res = await app.request().get(`${api}/consultations`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['content-security-policy']).toBeDefined();
  });
});

describe('open data', () => {
  it('exports published contributions and answers as JSON and CSV, without personal data', async () => {
    const json = await app.request().get(`${api}/consultations/${ids.slug}/export`);
    expect(json.body.data.contributions.length).toBeGreaterThan(0);
    const csv = await app.request().get(`${api}/consultations/${ids.slug}/export?format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('documentId,title,body,territory,channel,createdAt,supports,comments,answerStatus,answerText');
    expect(lines.length).toBe(json.body.data.contributions.length + 1);
    expect(csv.text + JSON.stringify(json.body)).not.toMatch(/alice|bruno|@exemple/);
  });
});

describe('no leaks', () => {
  const FORBIDDEN_KEYS =
    /^(email|password|resetPasswordToken|confirmationToken|provider|authorId|userId|enteredById|contentHash|note|createdBy|updatedBy|ip|actorId)$/;
  const FORBIDDEN_VALUES = [/[\w.+-]+@[\w-]+\.[\w.]+/, /\b(?:\d{1,3}\.){3}\d{1,3}\b/, /eyJ[\w-]+\.[\w-]+\.[\w-]+/];

  function walk(node: unknown, where: string, problems: string[]) {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, `${where}[${i}]`, problems));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (FORBIDDEN_KEYS.test(k)) problems.push(`${where}.${k}`);
        walk(v, `${where}.${k}`, problems);
      }
    } else if (typeof node === 'string' && FORBIDDEN_VALUES.some((re) => re.test(node))) problems.push(`${where} = ${node}`);
  }

  it('walks every public route, anonymous and as a citizen, and finds no email, id, IP, token or staff note', async () => {
    const urls = [
      '/themes',
      '/territories?kind=commune&pageSize=100',
      '/consultations',
      `/consultations/${ids.slug}`,
      `/consultations/${ids.slug}/contributions`,
      `/consultations/${ids.slug}/export`,
      `/contributions/${ids.contribution}`,
      `/contributions/${ids.contribution}/comments`,
    ];
    const problems: string[] = [];
    for (const url of urls) {
      for (const who of [null, alice, bruno]) {
        const req = app.request().get(`${api}${url}`);
        walk((await (who ? req.set(...who.auth) : req)).body, url, problems);
      }
    }
    walk(
      (
        await app
          .request()
          .get(`${api}/me/contributions`)
          .set(...alice.auth)
      ).body,
      '/me/contributions',
      problems
    );
    expect(problems).toEqual([]);
  });
});

describe('hostile input', () => {
  const rowCount = async () => {
    const knex = app.strapi.db.connection;
    const tables = ['participation_contributions', 'participation_comments', 'participation_supports', 'participation_reports'];
    return Promise.all(tables.map(async (t) => Number((await knex(t).count({ n: '*' }))[0].n)));
  };

  const cases: [string, string, string, unknown, string?][] = [
    ['POST', 'contributions', `/consultations/{slug}/contributions`, '{"title": "coupé'],
    ['POST', 'contributions', `/consultations/{slug}/contributions`, []],
    ['POST', 'contributions', `/consultations/{slug}/contributions`, 'null'],
    ['POST', 'contributions', `/consultations/{slug}/contributions`, { title: ['a', 'b'], body: 'Un corps de texte correct.' }],
    ['POST', 'contributions', `/consultations/{slug}/contributions`, { title: { $gt: '' }, body: 'Un corps de texte correct.' }],
    [
      'POST',
      'contributions',
      `/consultations/{slug}/contributions`,
      JSON.parse('{"__proto__": {"admin": true}, "title": "Titre correct", "body": "Un corps de texte correct."}'),
    ],
    ['POST', 'contributions', `/consultations/{slug}/contributions`, { title: 'Titre\u202Ecorrect', body: 'Un corps de texte correct.' }],
    ['POST', 'contributions', `/consultations/{slug}/contributions`, { title: 'x'.repeat(141), body: 'Un corps de texte correct.' }],
    [
      'POST',
      'contributions',
      `/consultations/{slug}/contributions`,
      { title: 'Titre correct', body: 'Un corps de texte correct.', territory: "44109' OR '1'='1" },
    ],
    ['POST', 'comments', `/contributions/{id}/comments`, { body: 'Réponse', parent: '../../etc/passwd' }],
    ['POST', 'comments', `/contributions/{id}/comments`, { body: 42 }],
    ['POST', 'reports', `/contributions/{id}/reports`, { reason: 'je-ne-sais-pas' }],
    ['POST', 'reports', `/contributions/{id}/reports`, { reason: 'spam', details: 'x'.repeat(1001) }],
    ['PUT', 'edit', `/contributions/{id}`, { status: 'published' }],
    ['GET', 'list', `/consultations?page=99999999999`, undefined],
    ['GET', 'list', `/consultations?pageSize=-1`, undefined],
    ['GET', 'list', `/consultations?sort[$ne]=x`, undefined],
    ['GET', 'list', `/consultations/{slug}/contributions?territory[0]=44109&territory[1]=44143`, undefined],
    ['GET', 'list', `/territories?q=${'%'.repeat(200)}`, undefined],
    ['GET', 'list', `/contributions/{id}/comments?pageSize=1e3`, undefined],
  ];

  it.each(cases)('%s %s %s with %j: a clean 4xx, nothing stored', async (method, _what, template, body) => {
    const url = `${api}${template.replace('{slug}', ids.slug).replace('{id}', ids.contribution)}`;
    const before = await rowCount();
    let req = (app.request() as any)[method.toLowerCase()](url).set(...bruno.auth);
    if (typeof body === 'string') req = req.set('Content-Type', 'application/json').send(body);
    else if (body !== undefined) req = req.send(body);
    const res = await req;
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error?.details?.code ?? res.body.error?.name).toBeDefined();
    expect(await rowCount()).toEqual(before);
  });
});

describe('a citizen’s data rights', () => {
  it('GET /me/export gives everything held about the citizen', async () => {
    const res = await app
      .request()
      .get(`${api}/me/export`)
      .set(...alice.auth);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body.data.account).toMatchObject({ username: 'alice', email: 'alice@exemple.test' });
    expect(res.body.data.contributions.map((c: any) => c.title)).toEqual(expect.arrayContaining(['Une idée']));
    expect(res.body.data.comments.length).toBeGreaterThan(0);
    expect(res.body.data.reports).toEqual([expect.objectContaining({ type: 'comment', target: ids.comment, reason: 'off_topic' })]);
    expect((await app.request().get(`${api}/me/export`)).status).toBe(401);
  });

  it('DELETE /me erases the account: token revoked, contributions kept anonymised, counts unchanged', async () => {
    const countsBefore = (await app.request().get(`${api}/consultations/${ids.slug}`)).body.data.counts;
    const contributionBefore = (await app.request().get(`${api}/contributions/${ids.contribution}`)).body.data;
    // The password is asked again: none, or a wrong one, erases nothing.
    const none = await app
      .request()
      .delete(`${api}/me`)
      .set(...alice.auth);
    expect([none.status, none.body.error.details.code, none.body.error.details.errors[0].path]).toEqual([400, 'validation_failed', ['password']]);
    const wrong = await app
      .request()
      .delete(`${api}/me`)
      .set(...alice.auth)
      .send({ password: 'PasLeBonMotDePasse!' });
    expect([wrong.status, wrong.body.error.details.code]).toEqual([403, 'password_mismatch']);
    expect(
      (
        await app
          .request()
          .get(`${api}/me/export`)
          .set(...alice.auth)
      ).status
    ).toBe(200);
    const res = await app
      .request()
      .delete(`${api}/me`)
      .set(...alice.auth)
      .send({ password: 'MotDePasse2026!' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ erased: true });
    expectConforms('DELETE', '/me', res);

    expect(
      (
        await app
          .request()
          .get(`${api}/me/contributions`)
          .set(...alice.auth)
      ).status
    ).toBe(401);
    expect((await app.request().post('/api/auth/local').send({ identifier: 'alice@exemple.test', password: 'MotDePasse2026!' })).status).toBe(400);
    const after = (await app.request().get(`${api}/contributions/${ids.contribution}`)).body.data;
    expect(after.author).toEqual({ displayName: 'Participant·e supprimé·e' });
    expect(after.counts).toEqual(contributionBefore.counts);
    expect((await app.request().get(`${api}/consultations/${ids.slug}`)).body.data.counts).toEqual(countsBefore);
    expect(await app.strapi.plugin('participation').service('counters').check()).toEqual([]);
    const exported = JSON.stringify((await app.request().get(`${api}/consultations/${ids.slug}/export`)).body);
    expect(exported).not.toMatch(/alice/);
    // The same person may register again: nothing of the old account stands in the way.
    expect((await registerCitizen(app, 'alice')).id).not.toBe(alice.id);
  });
});
