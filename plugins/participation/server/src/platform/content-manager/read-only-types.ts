import type { Core } from '@strapi/strapi';
import { forbiddenWithReason } from '../errors';

/**
 * Contributions and comments are shown in the Content Manager for reading; every change to them goes through
 * the plugin's use cases (moderation log, counters, mails). A write through the Document Service is refused.
 */
const SERVER_OWNED = new Set([
  'plugin::participation.contribution',
  'plugin::participation.comment',
  'plugin::participation.support',
  'plugin::participation.report',
  'plugin::participation.moderation-event',
  'plugin::participation.participant',
  'plugin::participation.account-session',
  'plugin::participation.lifecycle-event',
  'plugin::participation.consultation-lifecycle',
  'plugin::participation.export-log',
]);
const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

export default (_: { strapi: Core.Strapi }) => ({
  middleware: async (ctx: { uid: string; action: string }, next: () => Promise<unknown>) => {
    if (SERVER_OWNED.has(ctx.uid) && WRITES.has(ctx.action)) {
      throw forbiddenWithReason(
        'Les contributions et commentaires se gèrent depuis le menu Participation : « Modération » pour les décisions et les réponses officielles, « Consultations » pour saisir une contribution reçue sur papier, par courrier ou en réunion.',
        { code: 'managed_by_participation' }
      );
    }
    return next();
  },
});
