import type { ConsultationStatus } from './lifecycle';
import { refusalError, refusalFor, type ParticipationRules } from './participation';

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
    expect(refusalError('authentication_required')).toMatchObject({ status: 401, code: 'authentication_required' });
    expect(refusalError('consultation_closed')).toMatchObject({ status: 409, message: 'La consultation est close.' });
  });
});
