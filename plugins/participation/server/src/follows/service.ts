import type { Core } from '@strapi/strapi';
import type { Citizen } from '../platform/citizen';
import { participationContext } from '../consultations/public';
import { contributionTitles, findContribution } from '../contributions/public';
import type { Db } from '../platform/database/rows';
import { notFound } from '../platform/errors';
import type { FollowTarget } from '../notifications/domain/rules';
import { notificationsRepository } from '../notifications/public';
import { followsRepository } from './repository';

/**
 * Following a consultation or a contribution: what a citizen follows, whether they follow something, how many follow
 * each target (staff see counts, never who), and who is to be told when a followed target changes (notifications).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = () => followsRepository(strapi);

  /** A public target a citizen may follow: a public consultation (by slug) or a contribution its reader may see. */
  async function resolveTarget(type: FollowTarget, key: string, citizen: Citizen) {
    if (type === 'consultation') {
      const context = await participationContext(strapi, { slug: key });
      if (!context) throw notFound('Consultation introuvable.');
      return context.row.consultationDocumentId;
    }
    const row = await findContribution(strapi, key);
    if (!row || (row.status !== 'published' && row.authorId !== citizen.id)) throw notFound('Contribution introuvable.');
    return String(row.documentId);
  }

  return {
    /** PUT or DELETE …/follow — follows or stops following a public target. */
    async setFollow(citizen: Citizen, type: FollowTarget, key: string, following: boolean) {
      const documentId = await resolveTarget(type, key, citizen);
      await repo().setFollow(citizen.id, type, documentId, following);
      return { data: { target: type, documentId, following } };
    },

    /** GET /me/follows — what the citizen follows, newest first, with titles. */
    async myFollows(citizen: Citizen, page: number, pageSize: number) {
      const { rows, pagination } = await repo().pageOf(citizen.id, page, pageSize);
      const consultations = await notificationsRepository(strapi).consultationCards(
        rows.filter((r) => r.targetType === 'consultation').map((r) => String(r.targetDocumentId))
      );
      const contributions = await contributionTitles(
        strapi,
        rows.filter((r) => r.targetType === 'contribution').map((r) => String(r.targetDocumentId))
      );
      return {
        data: rows.map((r) => {
          const documentId = String(r.targetDocumentId);
          const consultation = consultations.get(documentId);
          return {
            target: r.targetType as FollowTarget,
            documentId,
            title: (r.targetType === 'consultation' ? consultation?.title : contributions.get(documentId)) ?? null,
            slug: r.targetType === 'consultation' ? (consultation?.slug ?? null) : null,
            followedAt: new Date(r.createdAt as string).toISOString(),
          };
        }),
        meta: { pagination },
      };
    },

    isFollowing: (userId: number, type: FollowTarget, documentId: string, authorId: number | null = null) =>
      repo().isFollowing(userId, type, documentId, authorId),
    /** Who is told when a target changes, in the caller's transaction. */
    audience: (db: Db, type: FollowTarget, documentId: string) => repo().audience(db, type, documentId),
    /** Stops a follow from an unsubscribe link, in the caller's transaction. */
    unfollow: (db: Db, userId: number, type: FollowTarget, documentId: string) => repo().setFollow(userId, type, documentId, false, db),
  };
};
