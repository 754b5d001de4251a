#!/usr/bin/env node
/**
 * npm run bench:vote-storm [-- --ballots N] — a vote storm on the participatory budget of the benchmark base
 * (`npm run seed:bench -- --size S`, or M, L): two app instances in production mode on the same PostgreSQL, N ballots
 * (10,000 by default) from N distinct citizens sent to both in turn at 50 in flight, one voter in ten changing their
 * ballot right after. Then the database is checked against what was sent: one ballot per voter, each holding exactly
 * its last choices, and the votes of every project equal to the count of last ballots choosing it. Exit 1 if not.
 */
const path = require('path');
const { fork } = require('child_process');
const jwt = require('jsonwebtoken');
const { Client } = require('pg');
const { BENCH_DATABASE_URL } = require('./seed-bench');
const { freshSecrets } = require('./lib/fresh-secrets');
const { benchAppEnv } = require('./lib/bench-app-env');

const root = path.resolve(__dirname, '..');
const argv = process.argv.slice(2);
const BALLOTS = Number(argv.includes('--ballots') ? argv[argv.indexOf('--ballots') + 1] : 10_000);
const IN_FLIGHT = 50;
const PORTS = [4105, 4106];
const SECRETS = freshSecrets();

function startInstance(port) {
  const child = fork(path.join(root, 'bench', 'strapi-arm.js'), [], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: benchAppEnv({ secrets: SECRETS, port, databaseUrl: BENCH_DATABASE_URL }),
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => (m.ready ? resolve(child) : reject(new Error(JSON.stringify(m)))));
    child.once('exit', (code) => reject(new Error(`instance ${port} arrêtée (${code})`)));
  });
}

/** A declared name per voter (names carry no digits: the index in letters). */
const voterName = (i) =>
  `Votant ${i
    .toString(26)
    .split('')
    .map((d) => String.fromCharCode(97 + parseInt(d, 26)))
    .join('')} Orage`;

async function main() {
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  let setup;
  try {
    await db.connect();
    const [process_] = (
      await db.query(`SELECT id FROM participation_budget_processes WHERE slug = 'budget-bench' AND vote_opens_at <= now() AND vote_closes_at > now()`)
    ).rows;
    if (!process_) throw Object.assign(new Error('no budget'), { code: 'NOBUDGET' });
    const projects = (
      await db.query(
        `SELECT id, document_id AS "documentId" FROM participation_budget_projects WHERE process_id = $1 AND project_status = 'admissible' ORDER BY id`,
        [process_.id]
      )
    ).rows;
    const voters = (await db.query('SELECT id FROM up_users ORDER BY id LIMIT $1', [BALLOTS])).rows.map((r) => r.id);
    const [commune] = (await db.query(`SELECT insee_code AS code FROM participation_territories WHERE kind = 'commune' ORDER BY id LIMIT 1`)).rows;
    setup = { processId: process_.id, projects, voters, commune: commune.code };
  } catch (error) {
    await db.end().catch(() => undefined);
    if (['3D000', '42P01', 'NOBUDGET'].includes(error.code)) {
      console.error('Pas de base de benchmark prête : lancez d’abord `npm run seed:bench -- --size S` (ou M, L).');
      return 2;
    }
    throw error;
  }
  if (setup.voters.length < BALLOTS) {
    console.error(`La base n'a que ${setup.voters.length} citoyen·nes pour ${BALLOTS} bulletins : semez une taille plus grande.`);
    await db.end();
    return 2;
  }
  // A fresh storm: the ballots of earlier runs go.
  await db.query('DELETE FROM participation_budget_choices WHERE process_id = $1', [setup.processId]);
  await db.query('DELETE FROM participation_budget_ballots WHERE process_id = $1', [setup.processId]);

  // One after the other: the second finds the schema in place.
  const instances = [];
  for (const port of PORTS) instances.push(await startInstance(port));
  const last = new Map();
  let sent = 0;
  let failed = 0;
  const choicesFor = (n, round) => {
    const k = setup.projects.length;
    const first = (n * 7 + round * 3) % k;
    return [...new Set([first, (first + 5) % k, (first + 11) % k])].slice(0, 1 + ((n + round) % 3)).map((i) => setup.projects[i]);
  };
  const send = async (n, round) => {
    const voter = setup.voters[n];
    const chosen = choicesFor(n, round);
    const port = PORTS[(n + round) % PORTS.length];
    sent += 1;
    const res = await fetch(`http://127.0.0.1:${port}/api/participation/budgets/budget-bench/ballot`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${jwt.sign({ id: voter }, SECRETS.JWT_SECRET, { expiresIn: '1h' })}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        choices: chosen.map((p) => p.documentId),
        declaration: { fullName: voterName(n), birthDate: '1980-01-01', communeCode: setup.commune, link: 'live' },
      }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) {
      failed += 1;
      if (failed <= 5) console.warn(`  HTTP ${res.status} pour le bulletin ${n}`);
      return;
    }
    last.set(voter, chosen);
  };
  const started = Date.now();
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < BALLOTS) {
          const n = next++;
          await send(n, 0);
          // One voter in ten changes their mind at once, possibly on the other instance.
          if (n % 10 === 0) await send(n, 1);
        }
      })
    );
    const seconds = (Date.now() - started) / 1000;
    const expected = new Map(setup.projects.map((p) => [p.id, 0]));
    for (const chosen of last.values()) for (const p of chosen) expected.set(p.id, expected.get(p.id) + 1);
    const counted = new Map(
      (
        await db.query(
          'SELECT c.project_id AS id, COUNT(*)::int AS n FROM participation_budget_choices c JOIN participation_budget_ballots b ON b.id = c.ballot_id AND b.version = c.version WHERE c.process_id = $1 GROUP BY 1',
          [setup.processId]
        )
      ).rows.map((r) => [r.id, r.n])
    );
    const [{ ballots }] = (
      await db.query(`SELECT COUNT(*)::int AS ballots FROM participation_budget_ballots WHERE process_id = $1 AND ballot_status = 'counted'`, [setup.processId])
    ).rows;
    const [{ drifting }] = (
      await db.query(
        `SELECT COUNT(*)::int AS drifting FROM participation_budget_ballots b WHERE b.process_id = $1
         AND jsonb_array_length(b.choices) <> (SELECT COUNT(*) FROM participation_budget_choices c WHERE c.ballot_id = b.id AND c.version = b.version)`,
        [setup.processId]
      )
    ).rows;
    const wrongProjects = setup.projects.filter((p) => (counted.get(p.id) ?? 0) !== expected.get(p.id)).length;
    const exact = failed === 0 && ballots === last.size && ballots === BALLOTS && drifting === 0 && wrongProjects === 0;
    console.log(
      `Orage de vote : ${sent} requêtes (${BALLOTS} votant·es, ${sent - BALLOTS} changements) sur ${PORTS.length} instances en ${seconds.toFixed(1)} s (${Math.round(sent / seconds)} req/s), ${failed} refus ; ` +
        `${ballots} bulletins en base pour ${last.size} attendus, ${drifting} bulletin(s) dont les choix divergent, ${wrongProjects} projet(s) au décompte faux : ${exact ? 'EXACT' : 'FAUX'}.`
    );
    return exact ? 0 : 1;
  } finally {
    await Promise.all(
      instances.map(
        (child) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.send('stop');
          })
      )
    );
    await db.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  }
);
