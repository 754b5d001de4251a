import type { Core } from '@strapi/strapi';
import type { Decided } from './repository';

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

/** Mails to citizens, sent after the change is committed; a mail that fails is logged, never rolls back. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async moderationDecided(d: Decided) {
    if (!d.authorId) return;
    const user = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { id: d.authorId }, select: ['email', 'username'] });
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
    try {
      await strapi.plugin('email').service('email').send({ to: user.email, subject: SUBJECTS[d.decision](what, d.title), text: lines.join('\n') });
    } catch (error) {
      strapi.log.error(`[participation] courriel de modération non envoyé : ${(error as Error).message}`);
    }
  },
});
