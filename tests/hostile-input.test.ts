/**
 * The hostile-input table: what an attacker sends, class by class (oracle filters, mass assignment, type confusion,
 * sizes, encodings, cursors, method tampering, cross-origin, sessions, rate-limit keys, nesting depth on every write
 * route of the contract, signed in and not). Every row asserts the
 * status, Strapi's error envelope, that nothing was stored and that nothing private leaked.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import jwt from 'jsonwebtoken';
import { adminToken } from './helpers/admin';
import { registerCitizen, type TestCitizen } from './helpers/citizens';
import { openConsultation } from './helpers/consultations';
import { startApp, type TestApp } from './helpers/strapi';

let app: TestApp;
let alice: TestCitizen;
let bruno: TestCitizen;
let signedOut: TestCitizen;
let secret: string;
const ids: Record<string, string> = {};
const api = '/api/participation';

beforeAll(async () => {
  app = await startApp({
    PARTICIPATION_RATE_LIMIT_USER: '10000/60',
    PARTICIPATION_RATE_LIMIT_IP: '100000/60',
    CORS_ORIGINS: 'https://www.loire-atlantique.fr',
  });
  const agent = await adminToken(app);
  const c = await openConsultation(app, agent, { title: 'Consultation attaquée', moderationMode: 'a_posteriori', reportThreshold: 3 });
  ids.slug = c.slug;
  [alice, bruno, signedOut] = await Promise.all(['alice', 'bruno', 'sortie'].map((n) => registerCitizen(app, n)));
  const made = await app
    .request()
    .post(`${api}/consultations/${c.slug}/contributions`)
    .set(...alice.auth)
    .send({ title: 'Une idée', body: 'Une idée pour la consultation.' });
  ids.contribution = made.body.data.documentId;
  const comment = await app
    .request()
    .post(`${api}/contributions/${ids.contribution}/comments`)
    .set(...bruno.auth)
    .send({ body: 'Un commentaire.' });
  ids.comment = comment.body.data.documentId;
  await app
    .request()
    .delete(`${api}/me/sessions`)
    .set(...signedOut.auth);
  secret = String(app.strapi.config.get('plugin::users-permissions.jwtSecret'));
});
afterAll(async () => {
  await app?.stop();
});

/** What an attack might have changed: the rows of every table a public write touches. */
async function footprint() {
  const knex = app.strapi.db.connection;
  const tables = [
    'participation_contributions',
    'participation_comments',
    'participation_supports',
    'participation_reports',
    'participation_participants',
    'up_users',
  ];
  const counts = await Promise.all(tables.map(async (t) => Number((await knex(t).count({ n: '*' }))[0].n)));
  const contribution = await knex('participation_contributions').where({ document_id: ids.contribution }).first();
  return { counts, status: contribution.status, title: contribution.title, supports: contribution.supports_count, reports: contribution.reports_count };
}

type Who = 'anonymous' | 'bruno' | 'alice' | 'signed-out' | 'forged-none' | 'forged-secret' | 'expired' | 'ghost' | 'garbage';
type Row = {
  klass: string;
  what: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
  path: string;
  who?: Who;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  code?: string;
};

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = (who: Who): string | null => {
  switch (who) {
    case 'anonymous':
      return null;
    case 'bruno':
      return bruno.jwt;
    case 'alice':
      return alice.jwt;
    case 'signed-out':
      return signedOut.jwt;
    case 'forged-none':
      return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ id: alice.id })}.`;
    case 'forged-secret':
      return jwt.sign({ id: alice.id }, 'pas-le-bon-secret');
    case 'expired':
      return jwt.sign({ id: alice.id, iat: 1_600_000_000, exp: 1_600_000_100 }, secret);
    case 'ghost':
      return jwt.sign({ id: 987654 }, secret);
    case 'garbage':
      return 'a.b.c';
  }
};

const C = '/consultations/{slug}';
const K = '/contributions/{id}';
const valid = { title: 'Titre correct', body: 'Un corps de texte tout à fait correct.' };

const ROWS: Row[] = [
  // Oracle filters: private fields are neither filterable nor sortable, and filters are not operators.
  {
    klass: 'oracle',
    what: 'filter on author email',
    method: 'GET',
    path: `${C}/contributions?filters[authorId][$eq]=1`,
    status: 400,
    code: 'validation_failed',
  },
  { klass: 'oracle', what: 'sort by a private field', method: 'GET', path: `${C}/contributions?sort=authorId`, status: 400, code: 'validation_failed' },
  { klass: 'oracle', what: 'sort by contentHash', method: 'GET', path: `${C}/contributions?sort=-contentHash`, status: 400, code: 'validation_failed' },
  { klass: 'oracle', what: 'operator in a filter value', method: 'GET', path: `/consultations?status[$ne]=draft`, status: 400, code: 'validation_failed' },
  { klass: 'oracle', what: 'draft by status', method: 'GET', path: `/consultations?status=draft`, status: 400, code: 'validation_failed' },
  { klass: 'oracle', what: 'populate on a custom route', method: 'GET', path: `${C}?populate=*`, status: 400, code: 'validation_failed' },
  { klass: 'oracle', what: 'fields selection', method: 'GET', path: `${K}?fields[0]=authorId`, status: 400, code: 'validation_failed' },
  { klass: 'oracle', what: 'editorial REST private filter', method: 'GET', path: '/../pages?filters[createdBy][email][$startsWith]=a', status: 400 },
  // Strapi reads a scalar `$in` as a list of one; PostgreSQL then refuses a text for an id: 400, never a 500.
  {
    klass: 'oracle',
    what: 'editorial REST $in on a scalar',
    method: 'GET',
    path: '/../pages?filters[id][$in]=notanarray',
    status: process.env.DATABASE_URL ? 400 : 200,
  },
  {
    klass: 'oracle',
    what: 'editorial REST id as text',
    method: 'GET',
    path: '/../articles?filters[id][$eq]=abc',
    status: process.env.DATABASE_URL ? 400 : 200,
  },
  { klass: 'oracle', what: 'editorial REST date as text', method: 'GET', path: '/../articles?filters[publishedAt][$gt]=hier', status: 400 },
  { klass: 'oracle', what: 'editorial REST unknown key', method: 'GET', path: '/../articles?inconnu=1', status: 400 },
  // Mass assignment: server-owned fields are refused, never taken.
  {
    klass: 'mass assignment',
    what: 'status on create',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, status: 'published' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'mass assignment',
    what: 'counts on create',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, supportsCount: 1000 },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'mass assignment',
    what: 'author on create',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, authorId: 1, authorName: 'Modération' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'mass assignment',
    what: 'channel on create',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, channel: 'paper' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'mass assignment',
    what: 'official answer on edit',
    method: 'PUT',
    path: K,
    who: 'alice',
    body: { officialAnswerStatus: 'retained' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'mass assignment',
    what: 'status on edit',
    method: 'PUT',
    path: K,
    who: 'alice',
    body: { status: 'published' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'mass assignment',
    what: 'depth on a comment',
    method: 'POST',
    path: `${K}/comments`,
    who: 'bruno',
    body: { body: 'Un commentaire', depth: 0, status: 'published' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'mass assignment',
    what: 'prototype pollution',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    raw: '{"__proto__":{"status":"published"},"constructor":{"prototype":{"x":1}},"title":"Titre correct","body":"Un corps de texte correct."}',
    status: 400,
  },
  {
    klass: 'mass assignment',
    what: 'role on sign-up',
    method: 'POST',
    path: '/../auth/local/register',
    body: { username: 'intrus', email: 'intrus@exemple.test', password: 'UnVraiMotDePasse2026!', role: 1, confirmed: true },
    status: 400,
  },
  // Type confusion.
  {
    klass: 'type confusion',
    what: 'title as array',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, title: ['a', 'b'] },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'type confusion',
    what: 'title as object',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, title: { $gt: '' } },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'type confusion',
    what: 'body as number',
    method: 'POST',
    path: `${K}/comments`,
    who: 'bruno',
    body: { body: 42 },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'type confusion',
    what: 'body as null',
    method: 'POST',
    path: `${K}/comments`,
    who: 'bruno',
    body: { body: null },
    status: 400,
    code: 'validation_failed',
  },
  { klass: 'type confusion', what: 'top-level array', method: 'POST', path: `${C}/contributions`, who: 'bruno', body: [valid], status: 400 },
  { klass: 'type confusion', what: 'top-level string', method: 'POST', path: `${C}/contributions`, who: 'bruno', raw: '"texte"', status: 400 },
  { klass: 'type confusion', what: 'page as array', method: 'GET', path: `/consultations?page[0]=1&page[1]=2`, status: 400, code: 'validation_failed' },
  { klass: 'type confusion', what: 'pageSize as float', method: 'GET', path: `${K}/comments?pageSize=1e3`, status: 400, code: 'validation_failed' },
  {
    klass: 'type confusion',
    what: 'territory as array',
    method: 'GET',
    path: `${C}/contributions?territory[0]=44109&territory[1]=44143`,
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'type confusion',
    what: 'report reason unknown',
    method: 'POST',
    path: `${K}/reports`,
    who: 'bruno',
    body: { reason: 'je-ne-sais-pas' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'type confusion',
    what: 'erase password as object',
    method: 'DELETE',
    path: '/me',
    who: 'bruno',
    body: { password: { $ne: '' } },
    status: 400,
    code: 'validation_failed',
  },
  // Sizes.
  {
    klass: 'sizes',
    what: 'title over 140',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, title: 'x'.repeat(141) },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'sizes',
    what: 'body over 5000',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, body: 'x'.repeat(5001) },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'sizes',
    what: 'body over 32 kB',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, body: 'x'.repeat(40_000) },
    status: 413,
    code: 'payload_too_large',
  },
  {
    klass: 'sizes',
    what: 'report details over 1000',
    method: 'POST',
    path: `${K}/reports`,
    who: 'bruno',
    body: { reason: 'spam', details: 'x'.repeat(1001) },
    status: 400,
    code: 'validation_failed',
  },
  { klass: 'sizes', what: 'page far away', method: 'GET', path: `/consultations?page=99999999999`, status: 400, code: 'validation_failed' },
  {
    klass: 'sizes',
    what: 'page past the first 10 000 items',
    method: 'GET',
    path: `${C}/contributions?page=101&pageSize=100`,
    status: 400,
    code: 'validation_failed',
  },
  { klass: 'sizes', what: 'last page of the first 10 000 items', method: 'GET', path: `${C}/contributions?page=500&pageSize=20`, status: 200 },
  { klass: 'sizes', what: 'negative pageSize', method: 'GET', path: `/consultations?pageSize=-1`, status: 400, code: 'validation_failed' },
  { klass: 'sizes', what: 'pageSize over 100', method: 'GET', path: `/consultations?pageSize=101`, status: 400, code: 'validation_failed' },
  { klass: 'sizes', what: 'search over 100 characters', method: 'GET', path: `/territories?q=${'a'.repeat(101)}`, status: 400, code: 'validation_failed' },
  // Encodings.
  {
    klass: 'encodings',
    what: 'lone surrogate',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    raw: '{"title":"Titre \\ud800 correct","body":"Un corps de texte correct."}',
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'encodings',
    what: 'lone low surrogate',
    method: 'POST',
    path: `${K}/comments`,
    who: 'bruno',
    raw: '{"body":"Commentaire \\udc00"}',
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'encodings',
    what: 'bidi override',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, title: 'Titre\u202Ecorrect' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'encodings',
    what: 'NUL character',
    method: 'POST',
    path: `${K}/comments`,
    who: 'bruno',
    body: { body: 'Commen\u0000taire' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'encodings',
    what: 'truncated JSON',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    raw: '{"title": "coupé',
    status: 400,
    code: 'validation_failed',
  },
  { klass: 'encodings', what: 'JSON null', method: 'PUT', path: K, who: 'alice', raw: 'null', status: 400, code: 'validation_failed' },
  {
    klass: 'encodings',
    what: 'gzip that is not',
    method: 'POST',
    path: `${K}/supports`,
    who: 'bruno',
    raw: '{}',
    headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'encodings',
    what: 'broken multipart',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    raw: 'x',
    headers: { 'Content-Type': 'multipart/form-data; boundary=zz' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'encodings',
    what: 'broken multipart, signed out',
    method: 'POST',
    path: `${K}/reports`,
    raw: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\n',
    headers: { 'Content-Type': 'multipart/form-data; boundary=zz' },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'encodings',
    what: 'form-encoded body',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    raw: 'title=Titre&body=Corps',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    klass: 'encodings',
    what: 'SQL in a commune code',
    method: 'POST',
    path: `${C}/contributions`,
    who: 'bruno',
    body: { ...valid, territory: "44109' OR '1'='1" },
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'encodings',
    what: 'path traversal as parent',
    method: 'POST',
    path: `${K}/comments`,
    who: 'bruno',
    body: { body: 'Réponse', parent: '../../etc/passwd' },
    status: 400,
    code: 'validation_failed',
  },
  { klass: 'encodings', what: 'LIKE wildcards in search', method: 'GET', path: `/territories?q=${'%25'.repeat(50)}`, status: 200 },
  // Cursors.
  {
    klass: 'cursors',
    what: 'garbage value',
    method: 'GET',
    path: `${C}/contributions?cursor=${b64({ p: 2, v: 'garbage', id: 1 })}`,
    status: 400,
    code: 'validation_failed',
  },
  { klass: 'cursors', what: 'huge id', method: 'GET', path: `${C}/contributions?cursor=${b64({ id: 99999999999 })}`, status: 400, code: 'validation_failed' },
  {
    klass: 'cursors',
    what: 'text for a count',
    method: 'GET',
    path: `${C}/contributions?sort=-supportsCount&cursor=${b64({ v: 'abc' })}`,
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'cursors',
    what: 'forged signature',
    method: 'GET',
    path: `${C}/contributions?cursor=${b64({ s: '-createdAt', p: 2, v: '2026-01-01T00:00:00.000Z', id: 1 })}.AAAAAAAAAAAAAAAAAAAAAA`,
    status: 400,
    code: 'validation_failed',
  },
  {
    klass: 'cursors',
    what: 'cursor with random order',
    method: 'GET',
    path: `${C}/contributions?sort=random&seed=3&cursor=abc.def`,
    status: 400,
    code: 'validation_failed',
  },
  // Method tampering.
  {
    klass: 'methods',
    what: 'PATCH a contribution',
    method: 'PATCH',
    path: K,
    who: 'alice',
    body: { title: 'Nouveau titre' },
    status: 405,
    code: 'method_not_allowed',
  },
  { klass: 'methods', what: 'DELETE a contribution', method: 'DELETE', path: K, who: 'alice', status: 405, code: 'method_not_allowed' },
  { klass: 'methods', what: 'PUT a consultation', method: 'PUT', path: C, who: 'alice', body: { title: 'x' }, status: 405, code: 'method_not_allowed' },
  {
    klass: 'methods',
    what: 'POST the list',
    method: 'POST',
    path: '/consultations',
    who: 'alice',
    body: { title: 'x' },
    status: 405,
    code: 'method_not_allowed',
  },
  {
    klass: 'methods',
    what: 'method override header',
    method: 'POST',
    path: K,
    who: 'bruno',
    body: {},
    headers: { 'X-HTTP-Method-Override': 'DELETE' },
    status: 405,
    code: 'method_not_allowed',
  },
  // Cross-origin.
  {
    klass: 'cross-origin',
    what: 'foreign origin write',
    method: 'POST',
    path: `${K}/supports`,
    who: 'anonymous',
    headers: { Origin: 'https://evil.example' },
    status: 401,
    code: 'authentication_required',
  },
  {
    klass: 'cross-origin',
    what: 'foreign origin on admin token',
    method: 'POST',
    path: '/../../admin/access-token',
    headers: { Origin: 'https://evil.example' },
    status: 401,
  },
  // Sessions.
  { klass: 'sessions', what: 'alg none', method: 'GET', path: '/me/export', who: 'forged-none', status: 401, code: 'invalid_token' },
  { klass: 'sessions', what: 'wrong secret', method: 'GET', path: '/me/export', who: 'forged-secret', status: 401, code: 'invalid_token' },
  { klass: 'sessions', what: 'expired token', method: 'GET', path: '/me/contributions', who: 'expired', status: 401, code: 'invalid_token' },
  { klass: 'sessions', what: 'token of no account', method: 'POST', path: `${K}/supports`, who: 'ghost', status: 401, code: 'invalid_token' },
  {
    klass: 'sessions',
    what: 'garbage token',
    method: 'POST',
    path: `${K}/reports`,
    who: 'garbage',
    body: { reason: 'spam' },
    status: 401,
    code: 'invalid_token',
  },
  { klass: 'sessions', what: 'token after sign-out everywhere', method: 'POST', path: `${K}/supports`, who: 'signed-out', status: 401, code: 'invalid_token' },
  { klass: 'sessions', what: 'token after sign-out, reading', method: 'GET', path: '/me/export', who: 'signed-out', status: 401, code: 'invalid_token' },
  {
    klass: 'sessions',
    what: 'basic auth',
    method: 'GET',
    path: '/me/export',
    headers: { Authorization: 'Basic YWxpY2U6cGFzcw==' },
    status: 401,
    code: 'invalid_token',
  },
  { klass: 'sessions', what: 'erase without password', method: 'DELETE', path: '/me', who: 'bruno', status: 400, code: 'validation_failed' },
  {
    klass: 'sessions',
    what: 'erase with a wrong password',
    method: 'DELETE',
    path: '/me',
    who: 'bruno',
    body: { password: 'PasLeBon2026!Mot' },
    status: 403,
    code: 'password_mismatch',
  },
  // Rate-limit keys: nothing in the body or headers makes the caller someone else.
  {
    klass: 'rate-limit keys',
    what: 'user id in body',
    method: 'POST',
    path: `${K}/supports`,
    who: 'anonymous',
    body: { userId: 1 },
    status: 401,
    code: 'authentication_required',
  },
  {
    klass: 'rate-limit keys',
    what: 'forwarded-for without a trusted proxy',
    method: 'POST',
    path: `${K}/reports`,
    who: 'anonymous',
    body: { reason: 'spam' },
    headers: { 'X-Forwarded-For': '203.0.113.9' },
    status: 401,
    code: 'authentication_required',
  },
  // Nesting depth: a body nested 5,000 deep (20 kB, under the size cap) on every write route of the contract, signed
  // in and anonymously (it overflowed the stack of the body-size check: 500 before any rule ran); 64 levels pass.
  ...writeRoutes().flatMap(([method, route]) =>
    (['bruno', 'anonymous'] as const).map((who): Row => ({
      klass: 'depth',
      what: `${method} ${route} nested 5,000 deep (${who})`,
      method,
      path: route,
      who,
      raw: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      status: 400,
      code: 'validation_failed',
    }))
  ),
  {
    klass: 'depth',
    what: '65 levels refused',
    method: 'POST',
    path: `${K}/comments`,
    who: 'bruno',
    raw: `{"body":"Un commentaire","x":${'['.repeat(64)}${']'.repeat(64)}}`,
    status: 400,
    code: 'validation_failed',
  },
];

/** Every write route of the public contract (openapi.json), its path parameters filled in. */
function writeRoutes(): [Row['method'], string][] {
  const document = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'openapi.json'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([route, operations]) =>
    Object.keys(operations)
      .filter((m) => ['post', 'put', 'delete', 'patch'].includes(m))
      .map((m): [Row['method'], string] => [m.toUpperCase() as Row['method'], route.replace(/\{(?!slug\}|id\})[^}]+\}/g, 'inconnu')])
  );
}

/** Private values (e-mails, password hashes, tokens) and internals (SQL, stack traces) that no answer may carry. */
const PRIVATE = /[\w.+-]+@exemple\.test|\$2[aby]\$|eyJ[\w-]+\.|SELECT |INSERT |sqlite|postgres|knex|at .+\.js:\d+/i;

describe('the hostile-input table', () => {
  it('has at least 60 rows across every class', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ROWS.map((r) => r.klass)).size).toBe(11);
    expect(ROWS.filter((r) => r.klass === 'depth').length).toBeGreaterThanOrEqual(2 * 20);
  });

  it.each(ROWS.map((r) => [r.klass, r.what, r] as const))('%s — %s', async (_klass, _what, row) => {
    const url = `${api}${row.path}`
      .replace('{slug}', ids.slug)
      .replace('{id}', ids.contribution)
      .replace('/api/participation/../../', '/')
      .replace('/participation/../', '/');
    const before = await footprint();
    let req = (app.request() as unknown as Record<string, (u: string) => import('supertest').Test>)[row.method.toLowerCase()](url);
    const bearer = token(row.who ?? 'anonymous');
    if (bearer) req = req.set('Authorization', `Bearer ${bearer}`);
    for (const [k, v] of Object.entries(row.headers ?? {})) req = req.set(k, v);
    if (row.raw !== undefined) req = req.set('Content-Type', row.headers?.['Content-Type'] ?? 'application/json').send(row.raw);
    else if (row.body !== undefined) req = req.send(row.body as object);
    const res = await req;

    expect([row.what, res.status]).toEqual([row.what, row.status]);
    if (row.status >= 400) {
      expect(res.body).toMatchObject({ data: null, error: { status: row.status } });
      expect(typeof res.body.error.message).toBe('string');
      if (row.code) expect(res.body.error.details.code).toBe(row.code);
    }
    if (row.headers?.Origin) expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(JSON.stringify(res.body ?? '')).not.toMatch(PRIVATE);
    expect(await footprint()).toEqual(before);
  });
});

describe('what the table cannot say in one row', () => {
  it('bounds a chunked body as one with a length (413), storing nothing', async () => {
    const before = await footprint();
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `${api}/consultations/${ids.slug}/contributions`,
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bruno.jwt}`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }
      );
      req.on('error', reject);
      const payload = JSON.stringify({ title: 'Titre correct', body: 'x'.repeat(100_000) });
      for (let i = 0; i < payload.length; i += 8192) req.write(payload.slice(i, i + 8192));
      req.end();
    });
    await new Promise((resolve) => server.close(resolve));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.details.code).toBe('payload_too_large');
    expect(await footprint()).toEqual(before);
  });

  it('answers HEAD with the headers of GET, ETag included', async () => {
    for (const path of ['/consultations', `/consultations/${ids.slug}`, `/contributions/${ids.contribution}`]) {
      const get = await app.request().get(`${api}${path}`);
      const head = await app.request().head(`${api}${path}`);
      expect(head.status).toBe(200);
      expect(head.headers.etag).toBe(get.headers.etag);
      expect(head.headers['cache-control']).toBe(get.headers['cache-control']);
      expect(head.text ?? '').toBe('');
    }
  });

  it('answers a GET on a write-only address 405 with its methods, and an unknown address 404, in French', async () => {
    for (const [path, methods] of [
      [`/contributions/${ids.contribution}/supports`, /^POST, DELETE$|^DELETE, POST$/],
      [`/consultations/${ids.slug}/follow`, /POST/],
      ['/me/sessions', /DELETE/],
    ] as const) {
      const res = await app
        .request()
        .get(`${api}${path}`)
        .set(...alice.auth);
      expect([path, res.status]).toEqual([path, 405]);
      expect(res.headers.allow).toMatch(methods);
      expect(res.headers.allow).not.toMatch(/GET/);
      expect(res.body.error).toMatchObject({ status: 405, details: { code: 'method_not_allowed' } });
    }
    for (const path of [`${api}/inconnue`, '/api/inconnue', `${api}/contributions/${ids.contribution}/inconnue`]) {
      const res = await app.request().get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.body).toEqual({
        data: null,
        error: { status: 404, name: 'NotFoundError', message: expect.stringMatching(/^Ressource introuvable/), details: { code: 'not_found' } },
      });
    }
    // A route's own 404 keeps its message.
    const missing = await app.request().get(`${api}/consultations/consultation-inconnue`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.details.code).toBe('not_found');
  });

  it('keeps 405 answers in the envelope with their Allow header', async () => {
    const res = await app
      .request()
      .patch(`${api}/contributions/${ids.contribution}`)
      .set(...alice.auth)
      .send({});
    expect(res.status).toBe(405);
    expect(res.headers.allow).toMatch(/GET/);
    expect(res.body).toEqual({
      data: null,
      error: expect.objectContaining({ status: 405, name: 'MethodNotAllowedError', details: { code: 'method_not_allowed' } }),
    });
  });

  it('lets a signed-in citizen read the editorial content an anonymous visitor reads', async () => {
    for (const path of ['/api/pages', '/api/articles']) {
      const anonymous = await app.request().get(path);
      const signedIn = await app
        .request()
        .get(path)
        .set(...bruno.auth);
      expect([path, anonymous.status, signedIn.status]).toEqual([path, 200, 200]);
    }
  });

  it('never answers a foreign origin on the admin routes, nor a listed one', async () => {
    for (const origin of ['https://evil.example', 'https://www.loire-atlantique.fr']) {
      for (const [method, path] of [
        ['post', '/admin/access-token'],
        ['get', '/admin/users/me'],
        ['get', '/participation/moderation/queue'],
        ['get', '/content-manager/init'],
      ] as const) {
        const res = await app.request()[method](path).set('Origin', origin);
        expect([path, origin, res.headers['access-control-allow-origin'], res.headers['access-control-allow-credentials']]).toEqual([
          path,
          origin,
          undefined,
          undefined,
        ]);
      }
    }
    const listed = await app.request().get(`${api}/consultations`).set('Origin', 'https://www.loire-atlantique.fr');
    expect(listed.headers['access-control-allow-origin']).toBe('https://www.loire-atlantique.fr');
    const foreign = await app.request().get(`${api}/consultations`).set('Origin', 'https://evil.example');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(foreign.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('serves the reference site with a strict Content-Security-Policy', async () => {
    const res = await app.request().get('/site/index.html');
    expect(res.status).toBe(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
  });
});
