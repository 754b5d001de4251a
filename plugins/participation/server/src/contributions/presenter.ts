import type * as z from 'zod/v4';
import type * as S from '../contract/schemas';
import { refusalAt, type ParticipationMoment } from '../consultations/domain/policy';
import { iso } from '../consultations/presenter';
import type { Citizen } from '../accounts/citizen';
import { contributionViewer } from './domain/policy';
import type { ContributionRecord } from './repository';

export type PresentedContribution = z.output<typeof S.Contribution>;
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

const ANONYMOUS = 'Anonyme';

/**
 * The public shape of a contribution; moderation details only for its author. `moment` is the consultation's
 * (null where it is not read: the author's own list, which offers no action).
 */
export function presentContribution(
  c: ContributionRecord,
  opts: { territories: Map<string, string>; citizen: Citizen | null; moment: ParticipationMoment | null; supported?: boolean; reported?: boolean }
): PresentedContribution {
  const isAuthor = !!opts.citizen && c.authorId === opts.citizen.id;
  const signedIn = !!opts.citizen;
  const refusal = (action: 'support' | 'comment') => (opts.moment ? refusalAt(opts.moment, action, signedIn) : 'consultation_closed');
  return {
    documentId: c.documentId,
    title: c.title,
    body: c.body,
    territory: c.territoryCode ? { inseeCode: c.territoryCode, name: opts.territories.get(c.territoryCode) ?? null } : null,
    author: { displayName: c.authorName ?? ANONYMOUS },
    channel: c.channel,
    createdAt: iso(c.createdAt)!,
    counts: { supports: c.supportsCount, comments: c.commentsCount },
    officialAnswer: c.officialAnswerStatus ? { status: c.officialAnswerStatus, text: c.officialAnswerText, answeredAt: iso(c.officialAnswerAt) } : null,
    ...(isAuthor ? { moderation: { status: c.status, reason: c.moderationReason } } : {}),
    viewer: contributionViewer(
      { status: c.status, isAuthor },
      { support: refusal('support'), comment: refusal('comment') },
      { signedIn, supported: !!opts.supported, reported: !!opts.reported }
    ),
  };
}

/** A comment row as the thread builder reads it. */
/** A comment as read for the public; `isViewers`: written by the person reading (never sent, only used for what they may do). */
export type CommentRecord = { id: number; parentId: number | null; body: string; authorName: string | null; isViewers: boolean; status: string; depth: number; documentId: string; createdAt: Date | null };

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
      createdAt: iso(r.createdAt),
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
