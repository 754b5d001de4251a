import type * as z from 'zod/v4';
import type * as S from '../contract/schemas';
import { refusalAt, type ParticipationMoment } from '../consultations/domain/policy';
import { iso } from '../consultations/public';
import type { Citizen } from '../platform/citizen';
import { contributionViewer } from './domain/policy';
import type { ContributionRecord } from './repository';

export type PresentedContribution = z.output<typeof S.Contribution>;

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
    meeting: c.meetingDocumentId ? { documentId: c.meetingDocumentId, provenance: c.provenance ?? '' } : null,
    origin: c.origin ? { platform: c.origin.platform, url: c.origin.url, figures: c.origin.figures } : null,
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
