import type { ConsultationStatus } from './lifecycle';
import { fail } from '../../platform/errors';
import { consultationViewer, publicRules, refusalFor, rulesOf, type ParticipationRules } from './policy';

const rules: ParticipationRules = {
  allowContributions: true,
  allowSupports: true,
  allowComments: true,
  requireAccount: true,
  moderationMode: 'a_priori',
  reportThreshold: 3,
  maxContributionsPerUser: null,
};
const vote = { kind: 'vote' as const, title: 'Vote', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-02-01T00:00:00Z' };

describe('who may take part, and why not', () => {
  it.each<[ConsultationStatus, string]>([
    ['scheduled', 'consultation_not_open'],
    ['closed', 'consultation_closed'],
    ['results_published', 'consultation_closed'],
    ['archived', 'consultation_closed'],
  ])('nobody acts on a %s consultation', (status, code) => {
    for (const action of ['contribute', 'support', 'comment'] as const) expect(refusalFor(action, rules, status, null, true)).toBe(code);
  });

  it('follows the rules, then the current phase, then asks to sign in', () => {
    expect(refusalFor('contribute', { ...rules, allowContributions: false }, 'open', null, true)).toBe('contributions_disabled');
    expect(refusalFor('support', { ...rules, allowSupports: false }, 'open', null, true)).toBe('supports_disabled');
    expect(refusalFor('comment', { ...rules, allowComments: false }, 'open', null, true)).toBe('comments_disabled');
    expect(refusalFor('contribute', rules, 'open', vote, true)).toBe('phase_does_not_allow');
    expect(refusalFor('support', rules, 'open', vote, true)).toBeNull();
    expect(refusalFor('contribute', rules, 'open', null, false)).toBe('authentication_required');
    expect(refusalFor('contribute', rules, 'open', null, true)).toBeNull();
  });

  it('lets anonymous visitors contribute and comment where no account is required, never support', () => {
    const open = { ...rules, requireAccount: false };
    expect(refusalFor('contribute', open, 'open', null, false)).toBeNull();
    expect(refusalFor('comment', open, 'open', null, false)).toBeNull();
    expect(refusalFor('support', open, 'open', null, false)).toBe('authentication_required');
  });

  it('answers 401 when signing in would help, 409 otherwise, in French', () => {
    expect(fail('authentication_required')).toMatchObject({ status: 401, code: 'authentication_required' });
    expect(fail('consultation_closed')).toMatchObject({ status: 409, message: 'La consultation est close.' });
  });

  it.each([
    ['open, signed in', { status: 'open' as const, signedIn: true }, { canContribute: true, canSupport: true, canComment: true, reasons: {} }],
    [
      'open, anonymous',
      { status: 'open' as const, signedIn: false },
      {
        canContribute: false,
        canSupport: false,
        canComment: false,
        reason: 'authentication_required',
        reasons: { contribute: 'authentication_required', support: 'authentication_required', comment: 'authentication_required' },
      },
    ],
    [
      'closed',
      { status: 'closed' as const, signedIn: true },
      {
        canContribute: false,
        canSupport: false,
        canComment: false,
        reason: 'consultation_closed',
        reasons: { contribute: 'consultation_closed', support: 'consultation_closed', comment: 'consultation_closed' },
      },
    ],
  ])('gives the viewer flags of the same rule (%s)', (_name, { status, signedIn }, expected) => {
    expect(consultationViewer({ rules, status, phase: null }, signedIn)).toEqual({ signedIn, ...expected });
  });

  it('reads rules from a row whatever its booleans look like, with the default report threshold', () => {
    expect(rulesOf({ allowContributions: 1, allowSupports: 0, requireAccount: true, moderationMode: 'a_posteriori', maxContributionsPerUser: '2' })).toEqual({
      allowContributions: true,
      allowSupports: false,
      allowComments: false,
      requireAccount: true,
      moderationMode: 'a_posteriori',
      reportThreshold: 3,
      maxContributionsPerUser: 2,
    });
    expect(publicRules(rules)).not.toHaveProperty('reportThreshold');
  });
});
