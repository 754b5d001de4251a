import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Citizen } from '../platform/citizen';
import { rowsOf, toDate } from '../platform/database/rows';
import { validationFailed } from '../platform/errors';
import { contentHash } from '../platform/text';
import { paginationMeta } from '../platform/validation';

/**
 * Comments, wherever they are written: on a contribution (consultations) or on a budget project. One table, one
 * thread shape (three levels), one moderation; the capability that owns the subject decides who may comment and
 * when, and moves its own counter. This file is the only place the comment threads are read and written.
 */
export const COMMENT = 'plugin::participation.comment' as const;

/** What a comment is written on. */
export type CommentSubject = { kind: 'contribution'; id: number; consultationDocumentId: string } | { kind: 'budgetProject'; id: number };

/** Replies to replies to a comment: three levels in all. */
export const MAX_COMMENT_DEPTH = 2;

const SUBJECT_COLUMN = { contribution: 'contributionId', budgetProject: 'budgetProjectId' } as const;
const ANONYMOUS = 'Anonyme';

export type CommentNode = {
  documentId: string;
  body: string | null;
  author: { displayName: string } | null;
  removed: boolean;
  depth: number;
  createdAt: string | null;
  viewer: { canReport: boolean; hasReported: boolean };
  replies: CommentNode[];
};

/** A comment as read for the public; `isViewers`: written by the person reading (never sent, only used for what they may do). */
export type CommentRecord = {
  id: number;
  parentId: number | null;
  body: string;
  authorName: string | null;
  isViewers: boolean;
  status: string;
  depth: number;
  documentId: string;
  createdAt: Date | null;
};

/** The comment a reply answers, as the writer needs it. */
export type ParentComment = { id: number; rootId: number; depth: number; authorId: number | null };

/**
 * Published comments as threads: top-level comments with their replies; a removed reply stays as an empty
 * placeholder while it has visible replies, and disappears otherwise.
 */
export function commentThreads(top: CommentRecord[], replies: CommentRecord[], viewer: { signedIn: boolean; reported: Set<number> }): CommentNode[] {
  const nodes = new Map<number, CommentNode>();
  const shape = (r: CommentRecord): CommentNode => {
    const visible = r.status === 'published';
    return {
      documentId: r.documentId,
      body: visible ? r.body : null,
      author: visible ? { displayName: r.authorName ?? ANONYMOUS } : null,
      removed: !visible,
      depth: r.depth,
      createdAt: r.createdAt ? r.createdAt.toISOString() : null,
      // One's own comment is not reported (the server refuses it: own_item).
      viewer: { canReport: viewer.signedIn && visible && !r.isViewers && !viewer.reported.has(r.id), hasReported: viewer.reported.has(r.id) },
      replies: [],
    };
  };
  for (const r of [...top, ...replies]) nodes.set(r.id, shape(r));
  for (const r of replies) {
    const node = nodes.get(r.id);
    if (node && r.parentId !== null) nodes.get(r.parentId)?.replies.push(node);
  }
  const prune = (n: CommentNode): CommentNode | null => {
    n.replies = n.replies.map(prune).filter((x): x is CommentNode => x !== null);
    return n.removed && n.replies.length === 0 ? null : n;
  };
  return top.map((t) => prune(nodes.get(t.id)!)).filter((x): x is CommentNode => x !== null);
}

/** The API's answer to a new comment (POST …/comments): its id, text, place in the thread and moderation status. */
export function commentCreated(
  written: { documentId: string; createdAt: Date },
  input: { body: string; parent?: string },
  parent: ParentComment | null,
  citizen: Citizen | null,
  status: string
) {
  return {
    data: {
      documentId: written.documentId,
      body: input.body,
      parent: input.parent ?? null,
      depth: parent ? parent.depth + 1 : 0,
      author: { displayName: citizen?.displayName ?? ANONYMOUS },
      status,
      createdAt: written.createdAt.toISOString(),
    },
  };
}

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
      const [{ total }] = (await roots.clone().count({ total: '*' })) as Record<string, unknown>[];
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
      const top = (
        (await roots
          .clone()
          .select(m.select(fields))
          .orderBy(m.column('createdAt'))
          .orderBy(m.column('id'))
          .limit(pageSize)
          .offset((page - 1) * pageSize)) as Record<string, unknown>[]
      ).map(toComment);
      const replies = top.length
        ? (
            (await knex()(m.table)
              .select(m.select(fields))
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
