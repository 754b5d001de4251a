import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { rowsOf } from '../platform/database/rows';
import { getService } from '../platform/services';
import type { Decided } from './repository';

export const MODERATION_MAIL_EVENT = 'participation.moderation.decided';

const SUBJECTS: Record<string, (what: string, title: string) => string> = {
  approve: (what, title) => `Votre ${what} « ${title} » est publié${what === 'contribution' ? 'e' : ''}`,
  reject: (what, title) => `Votre ${what} « ${title} » n'a pas été retenu${what === 'contribution' ? 'e' : ''} par la modération`,
  hide: (what, title) => `Votre ${what} « ${title} » a été masqué${what === 'contribution' ? 'e' : ''}`,
  restore: (what, title) => `Votre ${what} « ${title} » est de nouveau visible`,
  auto_hide: (what, title) => `Votre ${what} « ${title} » est masqué${what === 'contribution' ? 'e' : ''} en attendant un examen`,
};

const EXPLANATIONS: Record<string, string> = {
  approve: 'Elle est désormais visible de toutes et tous sur la plateforme.',
  reject: "Elle n'est pas publiée sur la plateforme.",
  hide: "Elle n'est plus visible sur la plateforme.",
  restore: 'Elle est de nouveau visible de toutes et tous.',
  auto_hide: "Plusieurs personnes l'ont signalée : elle est masquée jusqu'à ce qu'un·e modérateur·rice l'examine.",
};

/**
 * Mails to citizens, written to the outbox in the decision's transaction: sent after it commits, retried while
 * SMTP is down, never sent for a decision that rolled back.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async moderationDecided(trx: Knex.Transaction, d: Decided) {
    if (!d.authorId) return;
    const u = rowsOf(strapi, 'plugin::users-permissions.user');
    const user: { email?: string; username?: string } | undefined = await trx(u.table).select(u.select(['email', 'username'])).where(u.column('id'), d.authorId).first();
    if (!user?.email) return;
    const what = d.type === 'contribution' ? 'contribution' : 'commentaire';
    const lines = [
      `Bonjour ${user.username},`,
      '',
      `${SUBJECTS[d.decision](what, d.title)}.`,
      d.type === 'contribution' ? EXPLANATIONS[d.decision] : EXPLANATIONS[d.decision].replace(/^Elle/, 'Il'),
      ...(d.reason ? ['', `Motif : ${d.reason}`] : []),
      ...(d.note ? ['', `Message de l'équipe de modération : ${d.note}`] : []),
      '',
      'Vous pouvez suivre toutes vos contributions depuis votre espace personnel.',
      '',
      "L'équipe de la participation citoyenne",
    ];
    await getService(strapi, 'outbox').enqueueMails(trx, [
      { event: MODERATION_MAIL_EVENT, to: user.email, subject: SUBJECTS[d.decision](what, d.title), text: lines.join('\n'), summary: `Décision « ${d.decision} » sur un ${what}` },
    ]);
  },
});
