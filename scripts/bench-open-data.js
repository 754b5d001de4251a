#!/usr/bin/env node
/**
 * npm run bench:open-data — the open data of the largest consultation of the benchmark base (`npm run seed:bench --
 * --size L` for two million contributions), downloaded as CSV and as JSON from the app in production mode, while
 * the server's resident memory is sampled every 50 ms. Reports rows, bytes, time and peak RSS over the idle one:
 * a streamed export keeps that difference flat whatever the size of the consultation.
 */
const path = require('path');
const { fork } = require('child_process');
const { Client } = require('pg');
const { BENCH_DATABASE_URL } = require('./seed-bench');
const { freshSecrets } = require('./lib/fresh-secrets');

const root = path.resolve(__dirname, '..');
const PORT = 4104;

async function main() {
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  let hot;
  try {
    await db.connect();
    [hot] = (
      await db.query(`SELECT slug, (SELECT COUNT(*) FROM participation_contributions k WHERE k.consultation_document_id = l.consultation_document_id AND k.status = 'published')::int AS n
                      FROM participation_consultation_lifecycles l WHERE status <> 'draft' AND participation_rules IS NOT NULL ORDER BY contributions_count DESC LIMIT 1`)
    ).rows;
  } catch (error) {
    if (error.code !== '3D000' && error.code !== '42P01') throw error;
  } finally {
    await db.end().catch(() => undefined);
  }
  if (!hot) {
    console.error('Pas de base de benchmark prête : lancez d’abord `npm run seed:bench -- --size L` (ou S, M).');
    return 2;
  }
  const child = fork(path.join(root, 'bench', 'strapi-arm.js'), [], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      CORS_ORIGINS: 'https://bench.participer.test',
      ...freshSecrets(),
      HOST: '127.0.0.1',
      PORT: String(PORT),
      DATABASE_URL: BENCH_DATABASE_URL,
      LOG_LEVEL: 'error',
      DEMO_CONTENT: 'false',
      PARTICIPATION_CRON: 'off',
      PARTICIPATION_ALERTS_CRON: 'off',
      PARTICIPATION_LOAD_TERRITORIES: 'false',
    },
  });
  await new Promise((resolve, reject) => {
    child.once('message', (m) => (m.ready ? resolve() : reject(new Error(JSON.stringify(m)))));
    child.once('exit', (code) => reject(new Error(`serveur arrêté (${code})`)));
  });
  const rss = () =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve(m.stats.rss));
      child.send('stats');
    });
  try {
    console.log(`Données ouvertes de « ${hot.slug} » : ${hot.n} contributions publiées.`);
    for (const format of ['csv', 'json']) {
      global.gc?.();
      const idle = await rss();
      let peak = idle;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, await rss());
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const started = Date.now();
      const res = await fetch(`http://127.0.0.1:${PORT}/api/participation/consultations/${hot.slug}/export?format=${format}`);
      let bytes = 0;
      for await (const chunk of res.body) bytes += chunk.length;
      const ms = Date.now() - started;
      sampling = false;
      await sampler;
      const mib = (n) => Math.round((n / 2 ** 20) * 10) / 10;
      console.log(
        `  ${format} : HTTP ${res.status}, ${mib(bytes)} Mio en ${ms} ms ; mémoire du serveur ${mib(idle)} Mio au repos, ${mib(peak)} Mio au plus haut (+${mib(peak - idle)} Mio)`
      );
    }
    return 0;
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  }
);
