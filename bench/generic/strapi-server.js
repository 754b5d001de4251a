'use strict';
/**
 * Benchmark only (BENCH_GENERIC=true): what a plain Strapi build would serve for the same content, with no
 * plugin code on the path. Consultations and contributions are ordinary content types, related the way the
 * Content-type Builder relates them (link tables), read through Strapi's core controllers and the
 * users-permissions Public role. `npm run seed:bench` fills them from the participation tables.
 */
const { factories } = require('@strapi/strapi');

const CONSULTATION = 'plugin::generic.consultation';
const CONTRIBUTION = 'plugin::generic.contribution';

const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };

const consultation = {
  kind: 'collectionType',
  collectionName: 'generic_consultations',
  info: { singularName: 'consultation', pluralName: 'consultations', displayName: 'Consultation (bench)' },
  options: { draftAndPublish: true },
  pluginOptions: hidden,
  attributes: {
    title: { type: 'string' },
    slug: { type: 'string' },
    summary: { type: 'text' },
    body: { type: 'richtext' },
    stage: { type: 'string' },
    opensAt: { type: 'datetime' },
    closesAt: { type: 'datetime' },
    contributionsCount: { type: 'integer' },
    territory: { type: 'relation', relation: 'manyToOne', target: 'plugin::participation.territory' },
    contributions: { type: 'relation', relation: 'oneToMany', target: CONTRIBUTION, mappedBy: 'consultation' },
  },
};

const contribution = {
  kind: 'collectionType',
  collectionName: 'generic_contributions',
  info: { singularName: 'contribution', pluralName: 'contributions', displayName: 'Contribution (bench)' },
  options: { draftAndPublish: false },
  pluginOptions: hidden,
  attributes: {
    title: { type: 'string' },
    body: { type: 'text' },
    authorName: { type: 'string' },
    channel: { type: 'string' },
    status: { type: 'string' },
    supportsCount: { type: 'integer' },
    commentsCount: { type: 'integer' },
    consultation: { type: 'relation', relation: 'manyToOne', target: CONSULTATION, inversedBy: 'contributions' },
    territory: { type: 'relation', relation: 'manyToOne', target: 'plugin::participation.territory' },
  },
};

const readRoutes = (name) => [
  { method: 'GET', path: `/${name}s`, handler: `${name}.find`, config: {} },
  { method: 'GET', path: `/${name}s/:id`, handler: `${name}.findOne`, config: {} },
];

module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    if (!role) return;
    for (const action of [`${CONSULTATION}.find`, `${CONSULTATION}.findOne`, `${CONTRIBUTION}.find`, `${CONTRIBUTION}.findOne`]) {
      const exists = await strapi.db.query('plugin::users-permissions.permission').findOne({ where: { action, role: role.id } });
      if (!exists) await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
    }
  },
  destroy() {},
  config: { default: {}, validator() {} },
  contentTypes: { consultation: { schema: consultation }, contribution: { schema: contribution } },
  controllers: {
    consultation: factories.createCoreController(CONSULTATION),
    contribution: factories.createCoreController(CONTRIBUTION),
  },
  services: {
    consultation: factories.createCoreService(CONSULTATION),
    contribution: factories.createCoreService(CONTRIBUTION),
  },
  routes: { 'content-api': { type: 'content-api', routes: [...readRoutes('consultation'), ...readRoutes('contribution')] } },
  policies: {},
  middlewares: {},
};
