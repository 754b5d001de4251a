/**
 * Boots the app compiled into .tmp/cli-dist (by the npm script, before this runs), runs `task(strapi)`, shuts
 * Strapi down and exits with the task's code. For the command-line tools: seed, recount, openapi.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..', '..');

function withStrapi(task, env = {}) {
  Object.assign(
    process.env,
    { DEMO_CONTENT: 'false', PARTICIPATION_CRON: 'off', PARTICIPATION_ALERTS_CRON: 'off', LOG_LEVEL: process.env.LOG_LEVEL || 'warn' },
    env
  );
  (async () => {
    const strapi = await createStrapi({ appDir: root, distDir: path.join(root, '.tmp', 'cli-dist'), autoReload: false, serveAdminPanel: false }).load();
    let code;
    try {
      code = (await task(strapi)) ?? 0;
    } finally {
      await strapi.destroy();
    }
    process.exit(code);
  })().catch((error) => {
    console.error(error);
    process.exit(2);
  });
}

module.exports = { withStrapi, root };
