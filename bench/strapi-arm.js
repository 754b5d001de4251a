'use strict';
/**
 * One Strapi arm of the benchmark, started by scripts/bench.js as a child process (IPC for its counters): the
 * app compiled into .tmp/cli-dist, in production mode, listening on PORT. It counts every SQL statement knex
 * sends (BEGIN and COMMIT included) and reports them with its CPU time when asked.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..');

(async () => {
  const strapi = createStrapi({ appDir: root, distDir: path.join(root, '.tmp', 'cli-dist'), autoReload: false, serveAdminPanel: false });
  await strapi.load();
  let statements = 0;
  strapi.db.connection.on('query', () => {
    statements += 1;
  });
  await strapi.listen();
  process.send({ ready: true });
  process.on('message', async (message) => {
    if (message === 'stats') process.send({ stats: { statements, cpu: process.cpuUsage(), rss: process.memoryUsage().rss } });
    if (message === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
  });
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
