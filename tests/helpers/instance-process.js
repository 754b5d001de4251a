'use strict';
/**
 * One server process of the two-instance test (tests/two-instances.test.ts): the app compiled into
 * .tmp/test-dist, listening on PORT, on the database, Redis and SMTP its environment names. It answers a few
 * setup requests over IPC (what an operator would do in the admin panel); everything observed goes through HTTP.
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const root = path.resolve(__dirname, '..', '..');

const setup = {
  async admin(strapi, { email, password, role }) {
    const found = await strapi.db.query('admin::role').findOne({ where: { code: role } });
    await strapi.service('admin::user').create({ email, firstname: 'Agent', lastname: 'Test', password, isActive: true, roles: [found.id] });
    return { email };
  },
  async consultation(strapi, { title, opensAt, closesAt, moderationMode, reportThreshold, themes, procedure, procedureNoticeAt, overseerName, notice }) {
    const c = await strapi.documents('plugin::participation.consultation').create({
      data: {
        title,
        summary: 'Une consultation vue par deux instances.',
        opensAt: new Date(opensAt),
        closesAt: new Date(closesAt),
        moderationMode,
        reportThreshold,
        themes,
        ...(procedure ? { procedure, procedureNoticeAt: new Date(procedureNoticeAt), overseerName, ...notice } : {}),
      },
      status: 'published',
    });
    return { documentId: c.documentId, slug: c.slug };
  },
  async edit(strapi, { uid, documentId, data, publish }) {
    await strapi.documents(uid).update({ documentId, data });
    if (publish) await strapi.documents(uid).publish({ documentId });
    return { documentId };
  },
  /** `count` signed-in citizens at once (no password: they only need a token), with their tokens. */
  async citizens(strapi, { prefix, count }) {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const users = strapi.plugin('users-permissions').service('user');
    const jwt = strapi.plugin('users-permissions').service('jwt');
    const made = [];
    for (let i = 0; i < count; i += 1) {
      const user = await users.add({
        username: `${prefix}${i}`,
        email: `${prefix}${i}@exemple.test`,
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: role.id,
      });
      made.push({ id: user.id, jwt: await jwt.issue({ id: user.id }) });
    }
    return made;
  },
  async counters(strapi) {
    return strapi.plugin('participation').service('counters').check();
  },
  async theme(strapi, { name, slug }) {
    const t = await strapi.documents('plugin::participation.theme').create({ data: { name, slug } });
    return { documentId: t.documentId, id: t.id };
  },
};

(async () => {
  const strapi = createStrapi({ appDir: root, distDir: path.join(root, '.tmp', 'test-dist'), autoReload: false, serveAdminPanel: false });
  await strapi.load();
  await strapi.listen();
  process.send({ ready: true });
  process.on('message', async (message) => {
    if (message.type === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
    if (message.type === 'setup') {
      try {
        process.send({ id: message.id, result: await setup[message.name](strapi, message.args) });
      } catch (error) {
        process.send({ id: message.id, error: String(error && error.stack ? error.stack : error) });
      }
    }
  });
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
