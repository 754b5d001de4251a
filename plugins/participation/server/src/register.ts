import type { Core, Modules } from '@strapi/strapi';
import type { DocumentContext } from './consultations/commands/sync';
import { getService } from './platform/services';
import { placeSearchInRelations } from './platform/content-manager/place-search';
import { refuseUnreadableDates } from './platform/content-manager/date-fields';

/** Custom fields: JSON stored as such, each with its own form in the Content Manager (admin/src/fields). */
export const CUSTOM_FIELDS = [
  { name: 'phases', plugin: 'participation', type: 'json' as const },
  { name: 'key-figures', plugin: 'participation', type: 'json' as const },
  { name: 'results-updates', plugin: 'participation', type: 'json' as const },
];

export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.customFields.register(CUSTOM_FIELDS);
  // Requests in flight are counted from the first middleware, so that a stop lets them finish (platform/shutdown.ts).
  getService(strapi, 'shutdown').install();
  // Places found by name in the Content Manager's relation pickers, as people type them.
  strapi.server.use(placeSearchInRelations(strapi));
  // Strapi types a document middleware as the union of every action's result; ours pass the result through.
  const use = (middleware: (ctx: DocumentContext, next: () => Promise<unknown>) => Promise<unknown>) =>
    strapi.documents.use(middleware as unknown as Modules.Documents.Middleware.Middleware);
  // A date that names no instant is refused on its field, in French.
  use(refuseUnreadableDates(strapi));
  // Every write to a consultation, from any entry point, keeps its lifecycle row consistent.
  use((ctx, next) => getService(strapi, 'consultation-sync').middleware(ctx, next));
  // Server-owned types are read-only through the Document Service: their use cases own every write.
  use((ctx, next) => getService(strapi, 'read-only-types').middleware(ctx, next));
};
