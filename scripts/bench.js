#!/usr/bin/env node
/**
 * npm run bench [-- --quick | --smoke] [--rounds N] [--duration S] [--only TEXT]
 *
 * Three arms against the same PostgreSQL database (seeded by `npm run seed:bench`; `--smoke` seeds a tiny one):
 *   raw      bench/raw-server.js — Koa + node-postgres running the plugin's SQL: the floor;
 *   plugin   the app in production mode, our public routes;
 *   generic  the same app's Strapi core REST on the same content modelled with relations (bench/generic).
 * Interleaved rounds: in each round, every endpoint on every arm (in an order that changes each round), closed
 * loop at c=1 and c=50, then open loop at fixed rates (half of raw's capacity measured in the same round) with
 * autocannon's coordinated-omission correction. Per cell: rps, p50/p95/p99, server CPU-ms and SQL statements per
 * request (counted inside each server). Results: bench/results/latest.json and the table in docs/benchmarks.md.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { fork, execFileSync } = require('child_process');
const autocannon = require('autocannon');
const { decodeHist } = require('autocannon/lib/histUtil');
const jwt = require('jsonwebtoken');
const { Client } = require('pg');
const { BENCH_DATABASE_URL, BENCH_MODERATOR, BENCH_AGENT } = require('./seed-bench');
const { freshSecrets } = require('./lib/fresh-secrets');
const { benchAppEnv } = require('./lib/bench-app-env');

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name, fallback) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);

const MODE = flag('smoke') ? 'smoke' : flag('quick') ? 'quick' : 'full';
/** Only the endpoints whose name contains this text (while working on one path); docs/benchmarks.md is then left alone. */
const ONLY = value('only', null);
const PLAN = {
  full: { rounds: 5, duration: 3, warmup: 1, concurrency: [1, 50], openLoop: true },
  quick: { rounds: 2, duration: 1, warmup: 0.3, concurrency: [1, 50], openLoop: true },
  smoke: { rounds: 1, duration: 0.4, warmup: 0.2, concurrency: [1, 10], openLoop: true },
}[MODE];
PLAN.rounds = Number(value('rounds', PLAN.rounds));
PLAN.duration = Number(value('duration', PLAN.duration));
/** Seconds: the shortest cell of the generic arm (see the rounds below). */
const GENERIC_MIN_DURATION = 10;
const DATABASE_URL = MODE === 'smoke' ? BENCH_DATABASE_URL.replace(/\/[^/]+$/, '/participer_bench_smoke') : BENCH_DATABASE_URL;
const OUTPUT =
  MODE === 'smoke' || ONLY ? path.join(root, '.tmp', `bench-${MODE}${ONLY ? '-partial' : ''}.json`) : path.join(root, 'bench', 'results', 'latest.json');

const SECRETS = freshSecrets();

/**
 * The arms: a hand-written handler (raw), the plugin without its cache of public reads (every read goes to the
 * database: what the ratios and statement counts below are about), Strapi's generic API, and the plugin as deployed
 * on several instances, its anonymous reads answered from the shared cache through Redis (cached).
 */
const ARMS = {
  raw: { port: 4101, script: 'bench/raw-server.js' },
  plugin: { port: 4102, script: 'bench/strapi-arm.js', env: { PUBLIC_CACHE_SECONDS: '0' } },
  generic: { port: 4103, script: 'bench/strapi-arm.js', env: { PUBLIC_CACHE_SECONDS: '0' } },
  cached: {
    port: 4104,
    script: 'bench/strapi-arm.js',
    env: {
      PUBLIC_CACHE_SECONDS: '2',
      REDIS_URL: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
      PUBLIC_CACHE_PREFIX: `participer:bench:${process.pid}`,
    },
  },
};

function startArm(name) {
  const arm = ARMS[name];
  const env = { ...benchAppEnv({ secrets: SECRETS, port: arm.port, databaseUrl: DATABASE_URL }), ...arm.env };
  // BENCH_CPU_PROFILE=<dir>: the plugin arm writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const execArgv = process.env.BENCH_CPU_PROFILE && name === 'plugin' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = fork(path.join(root, arm.script), [], { env, cwd: root, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  arm.child = child;
  return new Promise((resolve, reject) => {
    child.once('message', (m) => (m.ready ? resolve() : reject(new Error(`${name} : ${JSON.stringify(m)}`))));
    child.once('exit', (code) => reject(new Error(`Le bras ${name} s'est arrêté (code ${code}).`)));
  });
}

function statsOf(name) {
  const child = ARMS[name].child;
  return new Promise((resolve) => {
    const onMessage = (m) => {
      if (!m.stats) return;
      child.off('message', onMessage);
      resolve(m.stats);
    };
    child.on('message', onMessage);
    child.send('stats');
  });
}

const url = (arm, p) => `http://127.0.0.1:${ARMS[arm].port}${p}`;

async function getJson(arm, p, headers = {}) {
  const res = await fetch(url(arm, p), { headers });
  const body = await res.json();
  if (!res.ok) throw new Error(`${arm} GET ${p} : ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null);
const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round2 = (x) => (x === null || x === undefined ? null : Math.round(x * 100) / 100);

/** The harness's own connection to the benchmark base (fixtures, counter checks, and settle() below). */
let harnessDb = null;

/**
 * Waits until the arm has answered everything still in flight (autocannon stops sending at the end of a cell,
 * the server goes on): its statement count stops moving, and no statement of any arm is still running in the
 * database. The second condition matters after the generic arm, whose lists take seconds: the requests cut off
 * at the end of its cell go on running in PostgreSQL without a new statement, and would otherwise slow down the
 * next cell, whatever its arm. A cell then measures only its own requests.
 */
async function settle(armName) {
  const until = Date.now() + 60_000;
  let last = (await statsOf(armName)).statements;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 150));
    const now = (await statsOf(armName)).statements;
    if (now === last && (await statementsRunning()) === 0) return;
    last = now;
  }
}

/** Statements running now in the benchmark base for anyone but the harness (autovacuum is not a client). */
async function statementsRunning() {
  if (!harnessDb) return 0;
  const { rows } = await harnessDb.query(
    `SELECT COUNT(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()`
  );
  return rows[0].n;
}

/** One cell: an endpoint on an arm, closed loop (connections) or open loop (rate). */
async function runCell(armName, endpoint, { connections, rate, duration = PLAN.duration }) {
  await settle(armName);
  const before = await statsOf(armName);
  const latencies = [];
  const started = process.hrtime.bigint();
  const request = endpoint.request(armName);
  const instance = autocannon({
    url: url(armName, '/'),
    connections,
    duration,
    pipelining: 1,
    ...(rate ? { overallRate: rate } : {}),
    skipAggregateResult: true,
    requests: [{ method: request.method ?? 'GET', setupRequest: (req) => ({ ...req, ...request.next() }) }],
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await settle(armName); // the requests cut off at the end still ran on the server: their cost is this cell's
  const after = await statsOf(armName);
  const done = result.totalCompletedRequests;
  const ok = done - result.non2xx;
  latencies.sort((a, b) => a - b);
  let p50 = percentile(latencies, 50);
  let p95 = percentile(latencies, 95);
  let p99 = percentile(latencies, 99);
  if (rate) {
    // Open loop: latencies corrected for coordinated omission by autocannon (whole milliseconds).
    const h = decodeHist(result.latencies);
    if (h) [p50, p95, p99] = [50, 95, 99].map((p) => h.getValueAtPercentile(p));
  }
  const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
  const served = rate ? done : result.totalRequests;
  return {
    arm: armName,
    endpoint: endpoint.name,
    mode: rate ? `open@${rate}` : `c${connections}`,
    requests: done,
    errors: result.non2xx + result.errors + result.timeouts,
    rps: round2(ok / Math.min(elapsed, result.duration || elapsed)),
    p50: round2(p50),
    p95: round2(p95),
    p99: round2(p99),
    // Closed loop: per request sent (the ones cut off at the end were served too: settle() waited for them).
    // Open loop: per request answered (autocannon's count of requests there includes the ones its
    // coordinated-omission correction accounts for but never sent).
    cpuMsPerRequest: served ? round2(cpuMs / served) : null,
    sqlPerRequest: served ? round2((after.statements - before.statements) / served) : null,
  };
}

async function fixtures(db) {
  const q = async (sql, values) => (await db.query(sql, values)).rows;
  const [hot] = await q(
    `SELECT slug, consultation_document_id AS id, contributions_count AS n FROM participation_consultation_lifecycles
     WHERE status = 'open' AND participation_rules IS NOT NULL ORDER BY contributions_count DESC LIMIT 1`
  );
  if (!hot) throw new Error('Base de benchmark vide : lancez `npm run seed:bench -- --size S` (ou M, L) d’abord.');
  const pageSize = 20;
  const lastPage = Math.max(1, Math.ceil(hot.n / pageSize));
  const deepPage = Math.max(1, Math.min(lastPage, Math.floor(lastPage * 0.8)));
  // Citizens who support: the last ids; contributions they support: published ones of the hot consultation by others.
  const [{ n: citizenCount }] = await q(`SELECT COUNT(*)::int AS n FROM up_users`);
  const citizens = await q(`SELECT id FROM up_users ORDER BY id DESC LIMIT $1`, [Math.min(2000, Math.floor(citizenCount / 4))]);
  const minCitizen = Math.min(...citizens.map((c) => c.id));
  const targets = await q(
    `SELECT document_id AS id FROM participation_contributions WHERE consultation_document_id = $1 AND status = 'published'
     AND (author_id IS NULL OR author_id < $2) ORDER BY id LIMIT 2000`,
    [hot.id, minCitizen]
  );
  if (!targets.length) throw new Error('Aucune contribution à soutenir dans la base de benchmark.');
  const tokens = citizens.map((c) => jwt.sign({ id: c.id }, SECRETS.JWT_SECRET, { expiresIn: '2h' }));
  const [commune] = await q(`SELECT insee_code AS code FROM participation_territories WHERE kind = 'commune' ORDER BY id LIMIT 1`);
  const ballotProjects = await q(
    `SELECT p.document_id AS id FROM participation_budget_projects p JOIN participation_budget_processes b ON b.id = p.process_id
     WHERE b.slug = 'budget-bench' AND p.project_status = 'admissible' ORDER BY p.id`
  );
  if (!ballotProjects.length) throw new Error('Base de benchmark sans budget participatif : relancez `npm run seed:bench`.');
  // The longest thread: the published contribution with the most comments (M: a few thousand of the 200,000).
  const [commented] = await q(`SELECT document_id AS id FROM participation_contributions WHERE status = 'published' ORDER BY comments_count DESC, id LIMIT 1`);
  return {
    hot,
    pageSize,
    deepPage,
    tokens,
    targets: targets.map((t) => t.id),
    commune: commune.code,
    ballotProjects: ballotProjects.map((p) => p.id),
    commented: commented.id,
  };
}

/** What the public reads (its pages' API), held to the performance budget at BUDGET_CONCURRENCY. */
const PUBLIC_PAGES = new Set(['read', 'list', 'page']);
const BUDGET_CONCURRENCY = 10;
// The sizes at which the budget is promised (where peers publish their failures), checked on the base the run reads.
const BUDGET_SIZES = {
  consultations: 500,
  busiestConsultation: 30_000, // published contributions in the consultation the run reads
  comments: 200_000,
  meetings: 5_000,
  questionnaireAnswers: 100_000,
};
const BUDGET_SIZES_TEXT = '500 consultations, 30,000 contributions in one, 200,000 comments, 5,000 meetings, 100,000 questionnaire answers';
/** Milliseconds: the budget's p95 for a public page, and for a staff screen. */
const PUBLIC_P95_BUDGET = 200;
const STAFF_P95_BUDGET = 1000;

/** The admin's list screens (their first page, as the screen asks for it), each measured as agents use it. */
const STAFF_LISTS = [
  ['staff: consultations', '/participation/consultations'],
  ['staff: dashboard', '/participation/dashboard'],
  ['staff: moderation queue', '/participation/moderation/queue?page=1&pageSize=20'],
  ['staff: procedures', '/participation/procedures'],
  ['staff: petitions', '/participation/petitions'],
  ['staff: budgets', '/participation/budgets'],
  ['staff: questionnaires', '/participation/questionnaires'],
  ['staff: meetings', '/participation/meetings?page=1&pageSize=20'],
  ['staff: exports log', '/participation/exports/log'],
];

function endpoints(f, deepCursor, moderatorToken, staff) {
  const api = '/api/participation';
  const generic = '/api/generic';
  const slug = f.hot.slug;
  const cycle = (paths) => {
    let i = 0;
    return () => ({ path: paths[i++ % paths.length] });
  };
  const get = (paths) => () => ({ next: cycle(paths) });
  const populateTerritory = 'populate[territory][fields][0]=name&populate[territory][fields][1]=inseeCode';
  const pages = [1, 2, 3, 4, 5];
  const list = (sort, genericSort) => ({
    plugin: get(pages.map((p) => `${api}/consultations/${slug}/contributions?sort=${sort}&page=${p}&pageSize=${f.pageSize}`)),
    generic: get(
      pages.map(
        (p) =>
          `${generic}/contributions?filters[consultation][slug][$eq]=${slug}&filters[status][$eq]=published&sort[0]=${genericSort}&sort[1]=id:desc&pagination[page]=${p}&pagination[pageSize]=${f.pageSize}&${populateTerritory}`
      )
    ),
  });
  let pair = 0; // one counter for both arms: every support is a new (citizen, contribution) pair
  let idea = 0;
  let ballot = 0;
  let answer = 0;
  const MODES = ['voiture', 'velo', 'bus', 'marche'];
  const MOTIFS = ['travail', 'ecole', 'courses', 'loisirs'];
  const AVIS = ['bon', 'moyen', 'mauvais'];
  /** A declared name per voter (names carry no digits: the index in letters). */
  const voterName = (i) =>
    `Votant ${i
      .toString(26)
      .split('')
      .map((d) => String.fromCharCode(97 + parseInt(d, 26)))
      .join('')} Benchmark`;
  const auth = (token) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const newest = list('-createdAt', 'createdAt:desc');
  const supported = list('-supportsCount', 'supportsCount:desc');
  const all = [
    {
      name: 'consultations list',
      kind: 'read',
      arms: {
        plugin: get([`${api}/consultations?page=1&pageSize=20`]),
        generic: get([`${generic}/consultations?sort[0]=opensAt:desc&pagination[page]=1&pagination[pageSize]=20&${populateTerritory}`]),
      },
    },
    {
      name: 'consultation by slug',
      kind: 'read',
      openLoop: true,
      arms: { plugin: get([`${api}/consultations/${slug}`]), generic: get([`${generic}/consultations?filters[slug][$eq]=${slug}&${populateTerritory}`]) },
    },
    { name: 'contributions newest p1-5', kind: 'list', openLoop: true, arms: newest },
    { name: 'contributions most supported p1-5', kind: 'list', arms: supported },
    {
      name: `contributions newest deep (page ${f.deepPage})`,
      kind: 'list',
      arms: {
        plugin: get([
          `${api}/consultations/${slug}/contributions?sort=-createdAt&pageSize=${f.pageSize}${deepCursor.newest ? `&cursor=${deepCursor.newest}` : ''}`,
        ]),
        generic: get([
          `${generic}/contributions?filters[consultation][slug][$eq]=${slug}&filters[status][$eq]=published&sort[0]=createdAt:desc&sort[1]=id:desc&pagination[page]=${f.deepPage}&pagination[pageSize]=${f.pageSize}&${populateTerritory}`,
        ]),
      },
    },
    {
      name: `contributions most supported deep (page ${f.deepPage})`,
      kind: 'list',
      arms: {
        plugin: get([
          `${api}/consultations/${slug}/contributions?sort=-supportsCount&pageSize=${f.pageSize}${deepCursor.supported ? `&cursor=${deepCursor.supported}` : ''}`,
        ]),
        generic: get([
          `${generic}/contributions?filters[consultation][slug][$eq]=${slug}&filters[status][$eq]=published&sort[0]=supportsCount:desc&sort[1]=id:desc&pagination[page]=${f.deepPage}&pagination[pageSize]=${f.pageSize}&${populateTerritory}`,
        ]),
      },
    },
    {
      name: 'support',
      kind: 'support',
      openLoop: true,
      arms: {
        plugin: () => ({
          method: 'POST',
          next: () => {
            const n = pair++;
            const token = f.tokens[n % f.tokens.length];
            const target = f.targets[Math.floor(n / f.tokens.length) % f.targets.length];
            return { method: 'POST', path: `${api}/contributions/${target}/supports`, headers: { authorization: `Bearer ${token}` } };
          },
        }),
      },
    },
    {
      name: 'contribution create',
      kind: 'write',
      arms: {
        plugin: () => ({
          method: 'POST',
          next: () => {
            const n = idea++;
            const body = JSON.stringify({
              title: `Idée de benchmark ${process.pid}-${n}`,
              body: `Proposition numéro ${n} déposée pendant le benchmark, assez longue pour être valable.`,
              territory: f.commune,
            });
            return { method: 'POST', path: `${api}/consultations/${slug}/contributions`, headers: auth(f.tokens[n % f.tokens.length]), body };
          },
        }),
      },
    },
    {
      name: 'ballot',
      kind: 'ballot',
      arms: {
        plugin: () => ({
          method: 'PUT',
          next: () => {
            const n = ballot++;
            const i = n % f.tokens.length;
            const first = n % f.ballotProjects.length;
            const choices = [...new Set([first, (first + 7) % f.ballotProjects.length, (first + 13) % f.ballotProjects.length])]
              .slice(0, 1 + (n % 3))
              .map((k) => f.ballotProjects[k]);
            const body = JSON.stringify({ choices, declaration: { fullName: voterName(i), birthDate: '1980-01-01', communeCode: f.commune, link: 'live' } });
            return { method: 'PUT', path: `${api}/budgets/budget-bench/ballot`, headers: auth(f.tokens[i]), body };
          },
        }),
      },
    },
    {
      name: 'questionnaire answer',
      kind: 'answer',
      arms: {
        plugin: () => ({
          method: 'PUT',
          next: () => {
            const n = answer++;
            const i = n % f.tokens.length;
            const answers = {
              mode: MODES[n % 4],
              motifs: MOTIFS.slice(0, 1 + (n % 4)),
              avis: { pistes: AVIS[n % 3], bus: AVIS[(n + 1) % 3] },
              note: n % 11,
              km: n % 50,
              ...(n % 3 === 0 ? { idee: `Idée de benchmark ${n}` } : {}),
            };
            const body = JSON.stringify({ answers, submit: true });
            return { method: 'PUT', path: `${api}/questionnaires/questionnaire-bench/responses/mine`, headers: auth(f.tokens[i]), body };
          },
        }),
      },
    },
    {
      // The answering page of a questionnaire with its answers in (M: 100,000): the plugin alone, counted in statements.
      name: 'questionnaire page',
      kind: 'page',
      pluginOnly: true,
      arms: { plugin: get([`${api}/questionnaires/questionnaire-bench`]) },
    },
    {
      // The agent's results of that questionnaire, every count made by the database, at any time: one agent at a time
      // (a staff screen, not a public storm), for long enough to give a p95.
      name: 'questionnaire results',
      kind: 'staff',
      pluginOnly: true,
      concurrency: [1],
      minDuration: 5,
      arms: {
        plugin: () => ({
          next: () => ({ path: `/participation/questionnaires/${staff.questionnaire}/results`, headers: { authorization: `Bearer ${staff.agentToken}` } }),
        }),
      },
    },
    // The agents' own lists, as each screen loads them, at c=10 (a team at work, not a storm): p95 and statements.
    ...STAFF_LISTS.map(([name, path]) => ({
      name,
      kind: 'staff',
      pluginOnly: true,
      concurrency: [10],
      // A view of up to a second at c=10: a 1-second cell could end before its first answers (it did, on a slow day).
      minDuration: MODE === 'smoke' ? 0 : 3,
      arms: { plugin: () => ({ next: () => ({ path, headers: { authorization: `Bearer ${staff.agentToken}` } }) }) },
    })),
    {
      // The longest comment thread's first page (M: 200,000 comments in all): the plugin alone.
      name: 'comments thread',
      kind: 'page',
      pluginOnly: true,
      arms: { plugin: get([`${api}/contributions/${f.commented}/comments?page=1&pageSize=20`]) },
    },
    {
      name: 'meetings list',
      kind: 'read',
      arms: { plugin: get([`${api}/meetings?page=1&pageSize=20`, `${api}/meetings?page=2&pageSize=20`]) },
    },
    {
      name: 'moderation queue',
      kind: 'admin',
      arms: {
        plugin: () => ({
          next: () => ({ path: '/participation/moderation/queue?page=1&pageSize=20', headers: { authorization: `Bearer ${moderatorToken}` } }),
        }),
      },
    },
  ];
  // The same anonymous reads, answered by the plugin with its shared cache (a page kept 2 s, through Redis).
  const cached = ['consultations list', 'consultation by slug', 'contributions newest p1-5', 'contributions most supported p1-5', 'meetings list'].map(
    (name) => {
      const e = all.find((x) => x.name === name);
      return { name: `cached: ${name}`, kind: 'cached', arms: { cached: e.arms.plugin, raw: e.arms.plugin } };
    }
  );
  return [...all, ...cached].map((e) => ({ ...e, arms: { ...e.arms, raw: e.pluginOnly ? undefined : (e.arms.raw ?? e.arms.plugin) } }));
}

/**
 * Same JSON from the plugin and from raw, for every read the benchmark makes (first request of each); through the
 * cache, the second answer too (the one served from it).
 */
async function sameJson(list) {
  const out = {};
  for (const e of list.filter((x) => x.kind === 'read' || x.kind === 'list' || x.kind === 'cached')) {
    const arm = e.kind === 'cached' ? 'cached' : 'plugin';
    const { path: p } = e.arms[arm]().next();
    if (arm === 'cached') await getJson(arm, p);
    const [a, b] = [await getJson(arm, p), await getJson('raw', p)];
    out[e.name] = JSON.stringify(a) === JSON.stringify(b);
    if (!out[e.name])
      console.warn(`  JSON différent pour ${e.name} :\n    plugin ${JSON.stringify(a).slice(0, 400)}\n    raw    ${JSON.stringify(b).slice(0, 400)}`);
  }
  return out;
}

async function exactness(db) {
  const [{ contributions }] = (
    await db.query(`SELECT COUNT(*)::int AS contributions FROM participation_contributions k
      WHERE k.supports_count <> (SELECT COUNT(*) FROM participation_supports s WHERE s.contribution_id = k.id)`)
  ).rows;
  const [{ consultations }] = (
    await db.query(`SELECT COUNT(*)::int AS consultations FROM participation_consultation_lifecycles l
      WHERE l.supports_count <> (SELECT COUNT(*) FROM participation_supports s JOIN participation_contributions k ON k.id = s.contribution_id
                                 WHERE k.consultation_document_id = l.consultation_document_id)`)
  ).rows;
  // Every counted ballot holds exactly the choices it lists, and each account has one ballot (a unique index).
  const [{ ballots }] = (
    await db.query(`SELECT COUNT(*)::int AS ballots FROM participation_budget_ballots b WHERE b.ballot_status = 'counted'
      AND jsonb_array_length(b.choices) <> (SELECT COUNT(*) FROM participation_budget_choices c WHERE c.ballot_id = b.id AND c.version = b.version)`)
  ).rows;
  // Every sent questionnaire response has one counted row per question it answers, and no more.
  const [{ responses }] = (
    await db.query(`SELECT COUNT(*)::int AS responses FROM participation_questionnaire_responses r WHERE r.submitted_at IS NOT NULL
      AND (SELECT COUNT(*) FROM jsonb_object_keys(r.answers::jsonb)) <> (SELECT COALESCE(SUM(i.first_of_question), 0) FROM participation_questionnaire_items i WHERE i.response_id = r.id)`)
  ).rows;
  return {
    exact: contributions === 0 && consultations === 0 && ballots === 0 && responses === 0,
    driftingContributions: contributions,
    driftingConsultations: consultations,
    driftingBallots: ballots,
    driftingResponses: responses,
  };
}

function summarise(cells) {
  const groups = new Map();
  for (const c of cells) {
    const key = `${c.endpoint}|${c.arm}|${c.mode.startsWith('open') ? 'open' : c.mode}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()].map(([key, list]) => {
    const [endpoint, arm, mode] = key.split('|');
    const m = (field) => round2(median(list.map((c) => c[field])));
    return {
      endpoint,
      arm,
      mode,
      rounds: list.length,
      rps: m('rps'),
      p50: m('p50'),
      p95: m('p95'),
      p99: m('p99'),
      cpuMsPerRequest: m('cpuMsPerRequest'),
      sqlPerRequest: m('sqlPerRequest'),
      errors: list.reduce((s, c) => s + c.errors, 0),
    };
  });
}

function ratios(cells, list, high) {
  const byRound = (endpointFilter, num, den, mode = `c${high}`) => {
    const out = [];
    for (const c of cells.filter((x) => x.arm === num && x.mode === mode && endpointFilter(x.endpoint))) {
      const other = cells.find((x) => x.arm === den && x.mode === mode && x.endpoint === c.endpoint && x.round === c.round);
      if (other && other.rps) out.push(c.rps / other.rps);
    }
    return out;
  };
  const kinds = Object.fromEntries(list.map((e) => [e.name, e.kind]));
  return {
    read_vs_raw: round2(median(byRound((e) => kinds[e] === 'read' || kinds[e] === 'list', 'plugin', 'raw'))),
    list_vs_generic: round2(median(byRound((e) => kinds[e] === 'list', 'plugin', 'generic'))),
    support_vs_raw: round2(median(byRound((e) => kinds[e] === 'support', 'plugin', 'raw'))),
    ballot_vs_raw: round2(median(byRound((e) => kinds[e] === 'ballot', 'plugin', 'raw'))),
    answer_vs_raw: round2(median(byRound((e) => kinds[e] === 'answer', 'plugin', 'raw'))),
    create_vs_raw: round2(median(byRound((e) => kinds[e] === 'write', 'plugin', 'raw'))),
    cached_vs_raw: round2(median(byRound((e) => kinds[e] === 'cached', 'cached', 'raw'))),
  };
}

function markdown(report) {
  const lines = [];
  const { meta } = report;
  lines.push(`Run of ${meta.date} (${meta.mode}, ${meta.rounds} interleaved rounds of ${meta.durationSeconds} s per cell), size: ${meta.data}.`);
  lines.push('');
  lines.push(
    `Machine: ${meta.machine.cpus} × ${meta.machine.cpuModel}, ${meta.machine.memoryGiB} GiB, ${meta.machine.os}; Node ${meta.versions.node}, ${meta.versions.postgres}, Strapi ${meta.versions.strapi}, autocannon ${meta.versions.autocannon}.`
  );
  lines.push('');
  lines.push('| ratio (medians of per-round ratios at the high concurrency) | value | target |');
  lines.push('| --- | --- | --- |');
  lines.push(`| reads, plugin ÷ raw | ${report.ratios.read_vs_raw} | ≥ 0.5 |`);
  lines.push(`| anonymous reads through the shared cache (Redis), plugin ÷ raw | ${report.ratios.cached_vs_raw} | ≥ 2 |`);
  lines.push(`| contributions list, plugin ÷ generic | ${report.ratios.list_vs_generic} | ≥ 15 |`);
  lines.push(`| support, plugin ÷ raw | ${report.ratios.support_vs_raw} | ≥ 0.5 |`);
  lines.push(`| ballot, plugin ÷ raw | ${report.ratios.ballot_vs_raw} | ≥ 0.5 |`);
  lines.push(`| questionnaire answer, plugin ÷ raw | ${report.ratios.answer_vs_raw} | ≥ 0.5 |`);
  lines.push(`| contribution create, plugin ÷ raw | ${report.ratios.create_vs_raw} | ≥ 0.7 |`);
  lines.push(`| support counters, ballots and questionnaire responses equal rows after the run (exact) | ${report.exact.exact} | true |`);
  lines.push('');
  lines.push('| endpoint | arm | mode | rps | p50 ms | p95 ms | p99 ms | CPU ms/req | SQL/req | non-2xx |');
  lines.push('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const s of report.summary) {
    lines.push(
      `| ${s.endpoint} | ${s.arm} | ${s.mode} | ${s.rps} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.cpuMsPerRequest} | ${s.sqlPerRequest} | ${s.errors} |`
    );
  }
  lines.push('');
  lines.push('Targets checked by the run:');
  lines.push('');
  for (const [name, t] of Object.entries(report.targets)) lines.push(`- ${t.ok ? '✅' : '❌'} ${name}: ${t.detail}`);
  return lines.join('\n');
}

function targets(report, high, list) {
  const kinds = Object.fromEntries(list.map((e) => [e.name, e.kind]));
  const queue = (mode, arm = 'plugin') => report.summary.find((s) => s.endpoint === 'moderation queue' && s.arm === arm && s.mode === mode);
  const staffCell = (endpoint, mode) => report.summary.find((s) => s.endpoint === endpoint && s.arm === 'plugin' && s.mode === mode);
  const sql = (endpoint, arm = 'plugin') => report.summary.find((s) => s.endpoint === endpoint && s.arm === arm && s.mode === 'c1')?.sqlPerRequest;
  const listSql = report.summary
    .filter((s) => s.arm === 'plugin' && s.mode === 'c1' && /^contributions|^consultations list/.test(s.endpoint))
    .map((s) => s.sqlPerRequest);
  const open = report.summary.filter((s) => s.mode === 'open');
  const p95 = open
    .filter((s) => s.arm === 'plugin')
    .map((s) => ({ endpoint: s.endpoint, plugin: s.p95, raw: open.find((r) => r.arm === 'raw' && r.endpoint === s.endpoint)?.p95 }));
  return {
    'reads ≥ 0.5× raw': { ok: report.ratios.read_vs_raw >= 0.5, detail: `${report.ratios.read_vs_raw}×` },
    'anonymous reads through the shared cache ≥ 2× raw, same JSON': {
      ok: report.ratios.cached_vs_raw >= 2 && Object.entries(report.sameJson).every(([name, same]) => !name.startsWith('cached:') || same),
      detail: `${report.ratios.cached_vs_raw}×`,
    },
    'contributions list ≥ 15× generic': { ok: report.ratios.list_vs_generic >= 15, detail: `${report.ratios.list_vs_generic}×` },
    'support ≥ 0.5× raw': { ok: report.ratios.support_vs_raw >= 0.5, detail: `${report.ratios.support_vs_raw}×` },
    'ballot ≥ 0.5× raw': { ok: report.ratios.ballot_vs_raw >= 0.5, detail: `${report.ratios.ballot_vs_raw}×` },
    'questionnaire answer ≥ 0.5× raw': { ok: report.ratios.answer_vs_raw >= 0.5, detail: `${report.ratios.answer_vs_raw}×` },
    'consultation by slug: 1 SQL statement': { ok: sql('consultation by slug') <= 1, detail: `${sql('consultation by slug')} per request` },
    'lists: ≤ 2 SQL statements': { ok: listSql.every((n) => n <= 2), detail: `${Math.max(...listSql)} at most` },
    'meetings list: ≤ 2 SQL statements (one with its count)': { ok: sql('meetings list') <= 2, detail: `${sql('meetings list')} per request` },
    'support: ≤ 4 SQL statements, one transaction': {
      ok: sql('support') <= 4,
      detail: `${sql('support')} per request (token check, read, one write statement)`,
    },
    [`p95 at half of raw's capacity ≤ 3× raw's p95`]: {
      ok: p95.length > 0 && p95.every((x) => x.raw !== undefined && x.plugin <= 3 * Math.max(x.raw, 1)),
      detail: p95.map((x) => `${x.endpoint}: ${x.plugin} ms vs ${x.raw} ms`).join('; '),
    },
    'contribution create ≥ 0.7× raw': { ok: report.ratios.create_vs_raw >= 0.7, detail: `${report.ratios.create_vs_raw}×` },
    'contribution create: ≤ 4 SQL statements': { ok: sql('contribution create') <= 4, detail: `${sql('contribution create')} per request` },
    'moderation queue: p95 ≤ 50 ms at c=1': { ok: queue('c1')?.p95 <= 50, detail: `${queue('c1')?.p95} ms` },
    [`moderation queue: ≥ 300 requests/s at c=${high}`]: {
      ok: queue(`c${high}`)?.rps >= 300,
      detail: `${queue(`c${high}`)?.rps} req/s (raw: ${queue(`c${high}`, 'raw')?.rps})`,
    },
    'questionnaire page: ≤ 2 SQL statements, whatever its answers': {
      ok: sql('questionnaire page') <= 2,
      detail: `${sql('questionnaire page')} per request`,
    },
    'questionnaire results (staff): p95 ≤ 500 ms at c=1': {
      ok: staffCell('questionnaire results', 'c1')?.p95 <= 500,
      detail: `${staffCell('questionnaire results', 'c1')?.p95} ms, ${sql('questionnaire results')} SQL`,
    },
    ...Object.fromEntries(
      STAFF_LISTS.flatMap(([name]) => {
        const cell = staffCell(name, 'c10');
        if (!cell) return [];
        return [
          [`${name}: ≤ 3 SQL statements`, { ok: cell.sqlPerRequest <= 3, detail: `${cell.sqlPerRequest} per view` }],
          [
            `${name}: p95 < 1 s at c=10`,
            { ok: cell.rps > 0 && cell.p95 !== null && cell.p95 < STAFF_P95_BUDGET && cell.errors === 0, detail: `${cell.p95} ms, ${cell.errors} non-2xx` },
          ],
        ];
      })
    ),
    ...Object.fromEntries(
      report.summary
        .filter((s) => s.arm === 'plugin' && s.mode === `c${BUDGET_CONCURRENCY}` && PUBLIC_PAGES.has(kinds[s.endpoint]))
        .map((s) => [
          `budget: ${s.endpoint} p95 < ${PUBLIC_P95_BUDGET} ms at c=${BUDGET_CONCURRENCY}`,
          { ok: s.rps > 0 && s.p95 !== null && s.p95 < PUBLIC_P95_BUDGET && s.errors === 0, detail: `${s.p95} ms, ${s.errors} non-2xx` },
        ])
    ),
    [`the base at the budget's sizes (${BUDGET_SIZES_TEXT})`]: {
      ok: Object.entries(BUDGET_SIZES).every(([key, least]) => report.meta.sizes[key] >= least),
      detail: Object.keys(BUDGET_SIZES)
        .map((key) => `${key} ${report.meta.sizes[key]}`)
        .join(', '),
    },
    'exact counters after the run': { ok: report.exact.exact, detail: JSON.stringify(report.exact) },
  };
}

async function main() {
  if (MODE === 'smoke') {
    execFileSync(process.execPath, [path.join(__dirname, 'seed-bench.js'), '--size', 'XS'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, BENCH_DATABASE_URL: DATABASE_URL, LOG_LEVEL: 'error' },
    });
  }
  const db = new Client({ connectionString: DATABASE_URL });
  let f;
  try {
    await db.connect();
    f = await fixtures(db);
    harnessDb = db;
  } catch (error) {
    // A database that does not exist yet (3D000) or was never seeded (42P01): say what to run, not a stack trace.
    if (error.code === '3D000' || error.code === '42P01' || /Base de benchmark vide/.test(error.message)) {
      console.error(
        `Pas de base de benchmark prête (${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}) : lancez d'abord \`npm run seed:bench -- --size M\` (ou S, L), puis \`npm run bench\`.`
      );
      await db.end().catch(() => undefined);
      return 2;
    }
    throw error;
  }
  const data = (
    await db.query(`SELECT (SELECT COUNT(*) FROM participation_consultation_lifecycles)::int AS consultations,
      (SELECT COUNT(*) FROM participation_contributions)::int AS contributions, (SELECT COUNT(*) FROM participation_supports)::int AS supports,
      (SELECT COUNT(*) FROM up_users)::int AS citizens, (SELECT COUNT(*) FROM participation_comments)::int AS comments,
      (SELECT COUNT(*) FROM participation_meetings)::int AS meetings,
      (SELECT COUNT(*) FROM participation_questionnaire_responses WHERE submitted_at IS NOT NULL)::int AS "questionnaireAnswers"`)
  ).rows[0];
  console.log(
    `Benchmark ${MODE} : ${PLAN.rounds} tour(s), ${PLAN.duration} s par cellule ; ${JSON.stringify(data)} ; consultation « ${f.hot.slug} » (${f.hot.n} contributions publiées).`
  );

  await startArm('raw');
  await startArm('plugin'); // one Strapi at a time: each syncs the schema at start
  await startArm('generic');
  try {
    const login = await fetch(url('plugin', '/admin/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_MODERATOR),
    });
    const moderatorToken = (await login.json()).data?.token;
    if (!moderatorToken) throw new Error(`Connexion du modérateur de benchmark impossible (${login.status}).`);
    const agentLogin = await fetch(url('plugin', '/admin/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BENCH_AGENT),
    });
    const agentToken = (await agentLogin.json()).data?.token;
    if (!agentToken) throw new Error(`Connexion de l’agent de benchmark impossible (${agentLogin.status}) : relancez \`npm run seed:bench\`.`);
    const questionnaire = (await getJson('plugin', '/api/participation/questionnaires/questionnaire-bench')).data;
    const deepCursor = {};
    for (const [key, sort] of [
      ['newest', '-createdAt'],
      ['supported', '-supportsCount'],
    ]) {
      // Followed page by page, as a front end does: page numbers stop at the first 10 000 items (MAX_PAGE_DEPTH).
      let cursor = null;
      for (let page = 1; page < f.deepPage; page += 1) {
        const from = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        cursor = (await getJson('plugin', `/api/participation/consultations/${f.hot.slug}/contributions?sort=${sort}&pageSize=${f.pageSize}${from}`)).meta
          .nextCursor;
      }
      if (f.deepPage > 1) deepCursor[key] = cursor;
    }
    const list = endpoints(f, deepCursor, moderatorToken, { agentToken, questionnaire: questionnaire.documentId }).filter(
      (e) => !ONLY || e.name.includes(ONLY)
    );
    if (list.some((e) => e.kind === 'cached')) await startArm('cached');
    const same = await sameJson(list);
    const high = PLAN.concurrency[PLAN.concurrency.length - 1];
    // Warm-up, not recorded: code paths compiled, pools filled, pages in PostgreSQL's cache, for every arm alike.
    for (const e of list) {
      for (const arm of Object.keys(e.arms).filter((a) => e.arms[a])) {
        await runCell(arm, { ...e, request: (a) => e.arms[a]() }, { connections: 10, duration: PLAN.warmup });
      }
    }
    const cells = [];
    for (let round = 1; round <= PLAN.rounds; round++) {
      for (const e of list) {
        const arms = Object.keys(e.arms).filter((a) => e.arms[a]);
        // Interleaved, and the order turns each round so that no arm always runs first (warm caches, vacuum...).
        const order = arms.map((_, i) => arms[(i + round) % arms.length]);
        for (const connections of e.concurrency ?? PLAN.concurrency) {
          for (const arm of order) {
            // The generic arm takes 3 to 5 s per list at c=50 on M (30,000 contributions in the consultation it lists):
            // a shorter cell would end before its first answer
            // and measure nothing. Its cells last at least GENERIC_MIN_DURATION, long enough to count its answers; a
            // slow staff screen's cells last their own minimum, long enough for a p95.
            const duration =
              arm === 'generic' && MODE !== 'smoke' ? Math.max(PLAN.duration, GENERIC_MIN_DURATION) : Math.max(PLAN.duration, e.minDuration ?? 0);
            const cell = await runCell(arm, { ...e, request: (a) => e.arms[a]() }, { connections, duration });
            cells.push({ ...cell, round });
            console.log(
              `  tour ${round} · ${e.name} · ${arm} · c=${connections} : ${cell.rps} req/s, p95 ${cell.p95} ms, ${cell.cpuMsPerRequest} ms CPU, ${cell.sqlPerRequest} SQL${cell.errors ? `, ${cell.errors} erreurs` : ''}`
            );
          }
        }
        if (PLAN.openLoop && e.openLoop) {
          const rawCapacity = cells.find((c) => c.round === round && c.endpoint === e.name && c.arm === 'raw' && c.mode === `c${high}`)?.rps;
          const rate = Math.max(10, Math.round((rawCapacity ?? 20) / 2));
          for (const arm of ['raw', 'plugin']) {
            const cell = await runCell(arm, { ...e, request: (a) => e.arms[a]() }, { connections: high, rate });
            cells.push({ ...cell, round });
            console.log(`  tour ${round} · ${e.name} · ${arm} · ${rate} req/s imposées : p50 ${cell.p50} ms, p95 ${cell.p95} ms, p99 ${cell.p99} ms`);
          }
        }
      }
    }
    // The performance budget (docs/benchmarks.md): every public page at c=10 as well, the plugin as served.
    if (!PLAN.concurrency.includes(BUDGET_CONCURRENCY)) {
      for (const e of list.filter((x) => PUBLIC_PAGES.has(x.kind))) {
        const cell = await runCell('plugin', { ...e, request: (a) => e.arms[a]() }, { connections: BUDGET_CONCURRENCY });
        cells.push({ ...cell, round: PLAN.rounds });
        console.log(`  budget · ${e.name} · plugin · c=${BUDGET_CONCURRENCY} : ${cell.rps} req/s, p95 ${cell.p95} ms, ${cell.sqlPerRequest} SQL`);
      }
    }
    const report = {
      meta: {
        date: new Date().toISOString(),
        mode: MODE,
        rounds: PLAN.rounds,
        durationSeconds: PLAN.duration,
        concurrency: PLAN.concurrency,
        data: `${data.consultations} consultations, ${data.contributions} contributions, ${data.supports} supports, ${data.citizens} citizens`,
        sizes: { ...data, busiestConsultation: f.hot.n },
        hotConsultation: { slug: f.hot.slug, publishedContributions: f.hot.n, deepPage: f.deepPage },
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}` },
        versions: {
          node: process.version,
          postgres: (await db.query('SHOW server_version')).rows[0].server_version.replace(/^/, 'PostgreSQL '),
          strapi: require('@strapi/strapi/package.json').version,
          autocannon: require('autocannon/package.json').version,
        },
      },
      sameJson: same,
      ratios: ratios(cells, list, high),
      exact: await exactness(db),
      summary: summarise(cells),
      cells,
    };
    report.targets = targets(report, high, list);
    fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
    fs.writeFileSync(OUTPUT, `${JSON.stringify(report, null, 2)}\n`);
    const table = markdown(report);
    if (MODE !== 'smoke' && !ONLY) writeBenchmarksMd(table);
    console.log(`\n${table}\n\nRésultats : ${path.relative(root, OUTPUT)}`);
    const broken = Object.values(same).includes(false) || !report.exact.exact || cells.some((c) => c.requests === 0);
    return broken ? 1 : 0;
  } finally {
    // Strapi arms stop themselves (their profile, if any, is written then); the raw one is killed.
    await Promise.all(
      Object.values(ARMS).map(async (arm) => {
        const child = arm.child;
        if (!child || child.exitCode !== null) return;
        if (child.connected && arm.script !== 'bench/raw-server.js') {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.send('stop');
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        }
        if (child.exitCode === null) child.kill('SIGTERM');
      })
    );
    await db.end();
  }
}

/** Replaces the generated part of docs/benchmarks.md (between its markers), keeping the prose around it. */
function writeBenchmarksMd(table) {
  const file = path.join(root, 'docs', 'benchmarks.md');
  const [start, end] = ['<!-- bench:results:start -->', '<!-- bench:results:end -->'];
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Benchmarks\n\n${start}\n${end}\n`;
  const at = text.indexOf(start);
  const until = text.indexOf(end);
  fs.writeFileSync(
    file,
    at >= 0 && until > at ? `${text.slice(0, at + start.length)}\n${table}\n${text.slice(until)}` : `${text}\n${start}\n${table}\n${end}\n`
  );
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    for (const arm of Object.values(ARMS)) arm.child?.kill('SIGTERM');
    process.exit(2);
  }
);
