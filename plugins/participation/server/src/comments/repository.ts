import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Citizen } from '../platform/citizen';
import { rowsOf, toDate, type Db, type RawRow } from '../platform/database/rows';
import { validationFailed } from '../platform/errors';
import { contentHash, ERASED_AUTHOR } from '../platform/text';
import { paginationMeta } from '../platform/validation';
import { COMMENT, commentThreads, MAX_COMMENT_DEPTH, SUBJECT_COLUMN, type CommentRecord, type CommentSubject, type ParentComment } from './threads';

const optionalId = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** The comment table, read and written by subject. */
export function commentsRepository(strapi: Core.Strapi) {
  const knex = () => strapi.db.connection;
  const m = rowsOf(strapi, COMMENT);
  const subjectColumn = (subject: CommentSubject) => m.column(SUBJECT_COLUMN[subject.kind]);

  return {
    table: m,

    /** One page of a subject's published threads (top-level comments paged, each with all its replies). */
    async threads(subject: CommentSubject, citizen: Citizen | null, page: number, pageSize: number) {
      const fields = ['id', 'documentId', 'parentId', 'rootId', 'depth', 'body', 'authorId', 'authorName', 'status', 'createdAt'];
      const roots = knex()(m.table).where(subjectColumn(subject), subject.id).whereNull(m.column('parentId')).where(m.column('status'), 'published');
      const toComment = (r: Record<string, unknown>): CommentRecord => ({
        id: Number(r.id),
        parentId: optionalId(r.parentId),
        body: String(r.body),
        authorName: (r.authorName as string | null) ?? null,
        isViewers: !!citizen && optionalId(r.authorId) === citizen.id,
        status: String(r.status),
        depth: Number(r.depth),
        documentId: String(r.documentId),
        createdAt: toDate(r.createdAt),
      });
      // The total rides along as a window count; past the last page, where no row carries it, it is counted apart.
      const topRows = (await roots
        .clone()
        .select(m.select(fields))
        .select(knex().raw('COUNT(*) OVER () AS ??', ['total']))
        .orderBy(m.column('createdAt'))
        .orderBy(m.column('id'))
        .limit(pageSize)
        .offset((page - 1) * pageSize)) as Record<string, unknown>[];
      const total = topRows.length
        ? Number(topRows[0].total)
        : page > 1
          ? Number(((await roots.clone().count({ total: '*' })) as Record<string, unknown>[])[0].total)
          : 0;
      const top = topRows.map(toComment);
      const replies = top.length
        ? (
            (await knex()(m.table)
              .select(m.select(fields))
              // The subject first: the thread index (subject, status, root, date) serves the replies only so.
              .where(subjectColumn(subject), subject.id)
              .whereIn(
                m.column('rootId'),
                top.map((x) => x.id)
              )
              .whereIn(m.column('status'), ['published', 'hidden', 'rejected'])
              .orderBy(m.column('createdAt'))
              .orderBy(m.column('id'))) as Record<string, unknown>[]
          ).map(toComment)
        : [];
      const reported = await this.reportedBy(
        citizen?.id,
        [...top, ...replies].map((r) => r.id)
      );
      return { data: commentThreads(top, replies, { signedIn: !!citizen, reported }), meta: { pagination: paginationMeta(page, pageSize, Number(total)) } };
    },

    /** Which of these comments the citizen has reported. */
    async reportedBy(userId: number | undefined, ids: number[]) {
      const reported = new Set<number>();
      if (!userId || !ids.length) return reported;
      const r = rowsOf(strapi, 'plugin::participation.report');
      const rows = (await knex()(r.table)
        .select({ id: r.column('targetId') })
        .where(r.column('userId'), userId)
        .where(r.column('targetType'), 'comment')
        .whereIn(r.column('targetId'), ids)) as Record<string, unknown>[];
      for (const x of rows) reported.add(Number(x.id));
      return reported;
    },

    /** The published comment a reply answers, on the same subject and not already at the deepest level; else a field error. */
    async parent(subject: CommentSubject, documentId: string, message: string): Promise<ParentComment> {
      const found = (await knex()(m.table)
        .select(m.select(['id', SUBJECT_COLUMN[subject.kind], 'depth', 'rootId', 'status', 'authorId']))
        .where(m.column('documentId'), documentId)
        .first()) as Record<string, unknown> | undefined;
      if (!found || optionalId(found[SUBJECT_COLUMN[subject.kind]]) !== subject.id || found.status !== 'published')
        throw validationFailed([{ path: ['parent'], message }]);
      const parent = { id: Number(found.id), rootId: Number(found.rootId ?? found.id), depth: Number(found.depth), authorId: optionalId(found.authorId) };
      if (parent.depth >= MAX_COMMENT_DEPTH) throw validationFailed([{ path: ['parent'], message: 'Les réponses sont limitées à trois niveaux.' }]);
      return parent;
    },

    /**
     * A new comment's row, ready to insert (its document id is known before the write). The same text twice by the
     * same person on the same subject is refused by a unique index (`duplicate_comment`).
     */
    newRow(subject: CommentSubject, input: { body: string; parent: ParentComment | null; citizen: Citizen | null; status: string }) {
      return m.newRow({
        contributionId: subject.kind === 'contribution' ? subject.id : null,
        consultationDocumentId: subject.kind === 'contribution' ? subject.consultationDocumentId : null,
        budgetProjectId: subject.kind === 'budgetProject' ? subject.id : null,
        parentId: input.parent?.id ?? null,
        rootId: input.parent?.rootId ?? null,
        depth: input.parent ? input.parent.depth + 1 : 0,
        body: input.body,
        authorId: input.citizen?.id ?? null,
        authorName: input.citizen?.displayName ?? null,
        status: input.status,
        reportsCount: 0,
        contentHash: input.citizen ? contentHash(input.body) : null,
      });
    },

    /** Writes the row in the caller's transaction, dated now; returns its document id and date. */
    async insert(trx: Knex.Transaction, row: Record<string, unknown>, now = new Date()) {
      Object.assign(row, { [m.column('createdAt')]: now, [m.column('updatedAt')]: now, [m.column('publishedAt')]: now });
      await trx(m.table).insert(row);
      return { documentId: String(row[m.column('documentId')]), createdAt: now };
    },
  };
}

/** A citizen's comments, every status, with what each answers (a contribution or a budget project), oldest first. */
export async function commentsOfAuthor(strapi: Core.Strapi, userId: number): Promise<RawRow[]> {
  const m = rowsOf(strapi, COMMENT);
  const c = rowsOf(strapi, 'plugin::participation.contribution');
  const bp = rowsOf(strapi, 'plugin::participation.budget-project');
  return strapi.db
    .connection({ m: m.table })
    .leftJoin({ c: c.table }, `c.id`, `m.${m.column('contributionId')}`)
    .leftJoin({ bp: bp.table }, `bp.id`, `m.${m.column('budgetProjectId')}`)
    .select({
      documentId: `m.${m.column('documentId')}`,
      contribution: `c.${c.column('documentId')}`,
      budgetProject: `bp.${bp.column('documentId')}`,
      body: `m.${m.column('body')}`,
      status: `m.${m.column('status')}`,
      moderationReason: `m.${m.column('moderationReason')}`,
      createdAt: `m.${m.column('createdAt')}`,
    })
    .where(`m.${m.column('authorId')}`, userId)
    .orderBy(`m.${m.column('createdAt')}`);
}

/** Detaches a citizen's comments from their account, in the erasure's transaction. */
export async function eraseCommentAuthor(strapi: Core.Strapi, trx: Db, userId: number, tombstone: number) {
  const m = rowsOf(strapi, COMMENT);
  await trx(m.table)
    .where(m.column('authorId'), userId)
    .update(m.toColumns({ authorId: tombstone, authorName: ERASED_AUTHOR }));
}
