import type { ErrorCode } from '../../platform/errors';
import type { ParticipationRefusal } from '../../consultations/domain/policy';
import type { ModerationStatus } from '../../moderation/domain/moderation';

/**
 * Who may do what with one contribution, and why not: the single rule behind the support, comment, report and
 * edit writes and the `viewer` flags of every contribution a front end shows. What the consultation allows at
 * this moment comes in as its refusal (consultations/domain/policy.ts); this file adds what the contribution
 * itself decides. Pure.
 */
export type ContributionFacts = { status: ModerationStatus; isAuthor: boolean };

export type ContributionRefusal = ParticipationRefusal | Extract<ErrorCode, 'contribution_not_published' | 'own_contribution'>;

/** How a contribution reached the Département: online, or entered by an agent from paper, a letter, an e-mail or a meeting. */
export const CHANNEL_AUTHORS = {
  paper: 'Contribution papier',
  mail: 'Contribution reçue par courrier',
  email: 'Contribution reçue par courriel',
  meeting: 'Contribution en réunion publique',
} as const;
export type AgentChannel = keyof typeof CHANNEL_AUTHORS;
export const AGENT_CHANNELS = Object.keys(CHANNEL_AUTHORS) as [AgentChannel, ...AgentChannel[]];
export const CONTRIBUTION_CHANNELS = ['web', ...AGENT_CHANNELS] as const;

/** Supporting needs a published contribution, a consultation that takes supports now, and not being its author (withdrawing is always one's own business). */
export function supportRefusal(c: ContributionFacts, consultation: ParticipationRefusal | null, withdrawing = false): ContributionRefusal | null {
  if (c.status !== 'published') return 'contribution_not_published';
  if (consultation) return consultation;
  if (c.isAuthor && !withdrawing) return 'own_contribution';
  return null;
}

/** Commenting needs a published contribution and a consultation that takes comments now. */
export function commentRefusal(c: ContributionFacts, consultation: ParticipationRefusal | null): ContributionRefusal | null {
  return c.status !== 'published' ? 'contribution_not_published' : consultation;
}

/** Reporting needs an account, a published item that is not one's own, and no earlier report by the same person. */
export function reportRefusal(
  item: ContributionFacts,
  signedIn: boolean,
  alreadyReported: boolean
): Extract<ErrorCode, 'authentication_required' | 'contribution_not_published' | 'own_item' | 'already_reported'> | null {
  if (!signedIn) return 'authentication_required';
  if (item.status !== 'published') return 'contribution_not_published';
  if (item.isAuthor) return 'own_item';
  if (alreadyReported) return 'already_reported';
  return null;
}

/** Only its author edits a contribution, and only while it waits for moderation. */
export function editRefusal(c: ContributionFacts): Extract<ErrorCode, 'not_author' | 'not_editable'> | null {
  if (!c.isAuthor) return 'not_author';
  return c.status === 'pending' ? null : 'not_editable';
}

/** What the visitor may do with this contribution, and why not (`reason`: why they may not support it). */
export function contributionViewer(
  c: ContributionFacts,
  consultation: { support: ParticipationRefusal | null; comment: ParticipationRefusal | null },
  viewer: { signedIn: boolean; supported: boolean; reported: boolean }
) {
  const support = supportRefusal(c, consultation.support);
  // Key order is part of the contract's bytes (ETags, the benchmark's raw comparison): keep it.
  return {
    isAuthor: c.isAuthor,
    canEdit: !editRefusal(c),
    canSupport: !support,
    hasSupported: viewer.supported,
    canComment: !commentRefusal(c, consultation.comment),
    canReport: !reportRefusal(c, viewer.signedIn, viewer.reported),
    hasReported: viewer.reported,
    ...(support ? { reason: support } : {}),
  };
}
