import type { Citizen } from '../platform/citizen';

/**
 * Comments, wherever they are written: on a contribution (consultations) or on a budget project. One table, one
 * thread shape (three levels), one moderation; the capability that owns the subject decides who may comment and
 * when, and moves its own counter. The threads' shape is here; their table is read and written in repository.ts.
 */
export const COMMENT = 'plugin::participation.comment' as const;

/** What a comment is written on. */
export type CommentSubject = { kind: 'contribution'; id: number; consultationDocumentId: string } | { kind: 'budgetProject'; id: number };

/** Replies to replies to a comment: three levels in all. */
export const MAX_COMMENT_DEPTH = 2;

export const SUBJECT_COLUMN = { contribution: 'contributionId', budgetProject: 'budgetProjectId' } as const;
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
