import type { ParticipationRefusal } from '../../consultations/domain/policy';
import type { ModerationStatus } from '../../moderation/domain/moderation';
import { commentRefusal, contributionViewer, editRefusal, reportRefusal, supportRefusal } from './policy';

const published = { status: 'published' as ModerationStatus, isAuthor: false };
const own = { status: 'published' as ModerationStatus, isAuthor: true };

describe('who may support a contribution, and why not', () => {
  it.each<[string, { status: ModerationStatus; isAuthor: boolean }, ParticipationRefusal | null, boolean, string | null]>([
    ['a published one, consultation open', published, null, false, null],
    ['a pending one', { status: 'pending', isAuthor: false }, null, false, 'contribution_not_published'],
    ['a hidden one', { status: 'hidden', isAuthor: false }, null, false, 'contribution_not_published'],
    ['in a closed consultation', published, 'consultation_closed', false, 'consultation_closed'],
    ['where supports are off', published, 'supports_disabled', false, 'supports_disabled'],
    ['when signed out', published, 'authentication_required', false, 'authentication_required'],
    ['one’s own', own, null, false, 'own_contribution'],
    ['one’s own, in a closed consultation: the consultation speaks first', own, 'consultation_closed', false, 'consultation_closed'],
    ['withdrawing from one’s own', own, null, true, null],
  ])('%s', (_name, facts, consultation, withdrawing, expected) => {
    expect(supportRefusal(facts, consultation, withdrawing)).toBe(expected);
  });
});

describe('comments, reports and edits', () => {
  it.each<[ModerationStatus, ParticipationRefusal | null, string | null]>([
    ['published', null, null],
    ['published', 'comments_disabled', 'comments_disabled'],
    ['pending', null, 'contribution_not_published'],
    ['rejected', null, 'contribution_not_published'],
  ])('commenting a %s contribution (consultation: %s) → %s', (status, consultation, expected) => {
    expect(commentRefusal({ status, isAuthor: false }, consultation)).toBe(expected);
  });

  it.each<[string, { status: ModerationStatus; isAuthor: boolean }, boolean, boolean, string | null]>([
    ['someone else’s published item', published, true, false, null],
    ['when signed out', published, false, false, 'authentication_required'],
    ['a hidden item', { status: 'hidden', isAuthor: false }, true, false, 'contribution_not_published'],
    ['one’s own item', own, true, false, 'own_item'],
    ['a second time', published, true, true, 'already_reported'],
  ])('reporting %s', (_name, facts, signedIn, already, expected) => {
    expect(reportRefusal(facts, signedIn, already)).toBe(expected);
  });

  it.each<[ModerationStatus, boolean, string | null]>([
    ['pending', true, null],
    ['published', true, 'not_editable'],
    ['rejected', true, 'not_editable'],
    ['pending', false, 'not_author'],
    ['published', false, 'not_author'],
  ])('editing a %s contribution (author: %s) → %s', (status, isAuthor, expected) => {
    expect(editRefusal({ status, isAuthor })).toBe(expected);
  });
});

describe('viewer flags come from the same rules', () => {
  const open = { support: null, comment: null };
  it('lets a signed-in citizen support, comment and report someone else’s contribution', () => {
    expect(contributionViewer(published, open, { signedIn: true, supported: false, reported: false })).toEqual({
      isAuthor: false,
      canEdit: false,
      canSupport: true,
      hasSupported: false,
      canComment: true,
      canReport: true,
      hasReported: false,
    });
  });

  it('tells the author why they cannot support their own, and lets them edit it while pending', () => {
    expect(contributionViewer({ status: 'pending', isAuthor: true }, open, { signedIn: true, supported: false, reported: false })).toMatchObject({
      canEdit: true,
      canSupport: false,
      canReport: false,
      reason: 'contribution_not_published',
    });
    expect(contributionViewer(own, open, { signedIn: true, supported: false, reported: false })).toMatchObject({
      canEdit: false,
      canSupport: false,
      reason: 'own_contribution',
    });
  });

  it('says what the consultation refuses', () => {
    const closed = { support: 'consultation_closed' as const, comment: 'consultation_closed' as const };
    expect(contributionViewer(published, closed, { signedIn: true, supported: true, reported: true })).toEqual({
      isAuthor: false,
      canEdit: false,
      canSupport: false,
      hasSupported: true,
      canComment: false,
      canReport: false,
      hasReported: true,
      reason: 'consultation_closed',
    });
  });
});
