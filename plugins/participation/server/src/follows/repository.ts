import type { Core } from '@strapi/strapi';
import { rowsOf, type Db, type RawRow } from '../platform/database/rows';
import { paginationMeta } from '../platform/validation';
import { CONTRIBUTION } from '../contributions/public';
import type { FollowTarget } from '../notifications/domain/rules';

export const FOLLOW = 'plugin::participation.follow' as const;

const isActive = (r: RawRow) => r.active === true || r.active === 1;

/** Active followers per target of a type, as a table (`documentId`, `n`) a sibling's list joins. */
export function followersPerTarget(strapi: Core.Strapi, type: FollowTarget) {
  const f = rowsOf(strapi, FOLLOW);
  return strapi.db
    .connection(f.table)
    .select({ documentId: f.column('targetDocumentId') })
    .count({ n: '*' })
    .where(f.column('targetType'), type)
    .where(f.column('active'), true)
    .groupBy(f.column('targetDocumentId'));
}

/** Follows as typed records: who follows which consultation or contribution, and since when. */
export function followsRepository(strapi: Core.Strapi) {
  const follows = () => rowsOf(strapi, FOLLOW);
  const knex = () => strapi.db.connection;

  return {
    follows,

    /** Sets (or clears) a follow: one row per person and target, kept inactive when an author stops following their own text. */
    async setFollow(userId: number, type: FollowTarget, documentId: string, active: boolean, db: Db = knex(), now = new Date()) {
      const f = follows();
      await db(f.table)
        .insert(f.newRow({ userId, targetType: type, targetDocumentId: documentId, active }, now))
        .onConflict([f.column('userId'), f.column('targetType'), f.column('targetDocumentId')])
        .merge({ [f.column('active')]: active, [f.column('updatedAt')]: now });
    },

    /** Who follows a target now; for a contribution, its author too unless they stopped following it. */
    async audience(db: Db, type: FollowTarget, documentId: string): Promise<number[]> {
      const f = follows();
      const rows: RawRow[] = await db(f.table)
        .select({ userId: f.column('userId'), active: f.column('active') })
        .where(f.column('targetType'), type)
        .where(f.column('targetDocumentId'), documentId);
      const ids = new Set(rows.filter((r) => r.active === true || r.active === 1).map((r) => Number(r.userId)));
      if (type === 'contribution') {
        const c = rowsOf(strapi, CONTRIBUTION);
        const row: RawRow | undefined = await db(c.table)
          .select({ authorId: c.column('authorId') })
          .where(c.column('documentId'), documentId)
          .first();
        const author = row?.authorId === null || row?.authorId === undefined ? null : Number(row.authorId);
        const muted = rows.some((r) => Number(r.userId) === author && !(r.active === true || r.active === 1));
        if (author && author > 0 && !muted) ids.add(author);
      }
      return [...ids].filter((id) => id > 0);
    },

    /** Whether a person follows a target now (the author of a contribution does, unless they stopped). */
    async isFollowing(userId: number, type: FollowTarget, documentId: string, authorId: number | null = null) {
      const f = follows();
      const row: RawRow | undefined = await knex()(f.table)
        .select({ active: f.column('active') })
        .where(f.column('userId'), userId)
        .where(f.column('targetType'), type)
        .where(f.column('targetDocumentId'), documentId)
        .first();
      if (row) return isActive(row);
      return type === 'contribution' && authorId === userId;
    },

    /** One page of a citizen's active follows, newest first, and their total. */
    async pageOf(userId: number, page: number, pageSize: number) {
      const f = follows();
      const base = knex()(f.table).where(f.column('userId'), userId).where(f.column('active'), true);
      const [{ total }] = (await base.clone().count({ total: '*' })) as RawRow[];
      const rows: RawRow[] = await base
        .clone()
        .select(f.select(['targetType', 'targetDocumentId', 'createdAt']))
        .orderBy(f.column('createdAt'), 'desc')
        .orderBy(f.column('id'), 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return { rows, pagination: paginationMeta(page, pageSize, Number(total)) };
    },

    /** Every follow of a citizen, active or not, for their export. */
    async allOf(userId: number) {
      const f = follows();
      const rows: RawRow[] = await knex()(f.table)
        .select(f.select(['targetType', 'targetDocumentId', 'active', 'createdAt']))
        .where(f.column('userId'), userId);
      return rows.map((r) => ({
        target: String(r.targetType),
        documentId: String(r.targetDocumentId),
        following: isActive(r),
        since: new Date(r.createdAt as string).toISOString(),
      }));
    },

    /** A citizen's erasure removes their follows. */
    async erase(db: Db, userId: number) {
      const f = follows();
      await db(f.table).where(f.column('userId'), userId).delete();
    },
  };
}
