import type { Core } from '@strapi/strapi';
import { citizenEmail } from '../../platform/citizen';
import { type Db } from '../../platform/database/rows';
import { getService } from '../../platform/services';
import { type Petition } from '../repository';
import { petitionPage } from '../../platform/links';

/** Mails the author of a petition filed online about a decision on it, in the decision's transaction (through the outbox). */
export async function tellAuthor(strapi: Core.Strapi, db: Db, petition: Petition, subject: string, text: string, now: Date) {
  if (!petition.authorId) return;
  const email = await citizenEmail(strapi, db, petition.authorId);
  if (!email) return;
  await getService(strapi, 'outbox').enqueueMails(
    db,
    [
      {
        event: 'petition.decision',
        to: email,
        subject,
        summary: `${subject} (auteur·rice)`,
        text: [
          `Bonjour ${petition.authorName},`,
          '',
          text,
          '',
          `Votre pétition : ${petitionPage(strapi, petition.slug)}`,
          '',
          "L'équipe de la participation citoyenne",
        ].join('\n'),
      },
    ],
    now
  );
}
