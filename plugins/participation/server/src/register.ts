import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  // Every write to a consultation, from any entry point, keeps its lifecycle row consistent.
  strapi.documents.use((ctx, next) => strapi.plugin('participation').service('consultation-sync').middleware(ctx, next));
  strapi.documents.use((ctx, next) => strapi.plugin('participation').service('read-only-types').middleware(ctx, next));
};
