import {
  DECISION_TABLE,
  MODERATION_STATUSES,
  allowedDecisions,
  decide,
  initialStatus,
  publicDelta,
  reachesAutoHide,
  reportCounts,
  type Decision,
} from './moderation';

describe('moderation decisions', () => {
  const expected: Record<Decision, Record<string, string | null>> = {
    approve: { pending: 'published', published: null, rejected: null, hidden: null },
    reject: { pending: 'rejected', published: 'rejected', rejected: null, hidden: 'rejected' },
    hide: { pending: null, published: 'hidden', rejected: null, hidden: null },
    restore: { pending: null, published: null, rejected: 'published', hidden: 'published' },
    auto_hide: { pending: null, published: 'hidden', rejected: null, hidden: null },
  };

  describe.each(Object.keys(DECISION_TABLE) as Decision[])('%s', (decision) => {
    it.each(MODERATION_STATUSES)('from %s', (status) => {
      const result = decide(status, decision);
      const to = expected[decision][status];
      if (to) expect(result).toEqual({ ok: true, from: status, to });
      else expect(result).toMatchObject({ ok: false, code: 'decision_not_allowed', message: expect.stringMatching(/impossible/) });
    });
  });

  it('holds web items under a priori moderation, publishes at once otherwise', () => {
    expect(initialStatus('a_priori')).toBe('pending');
    expect(initialStatus('a_posteriori')).toBe('published');
    expect(initialStatus('a_priori', true)).toBe('published');
  });

  it('moves public counters only when visibility changes', () => {
    expect(publicDelta('pending', 'published')).toBe(1);
    expect(publicDelta('hidden', 'published')).toBe(1);
    expect(publicDelta('published', 'hidden')).toBe(-1);
    expect(publicDelta('published', 'rejected')).toBe(-1);
    expect(publicDelta('pending', 'rejected')).toBe(0);
    expect(publicDelta('hidden', 'rejected')).toBe(0);
  });

  it.each([
    [
      'pending',
      [
        { decision: 'approve', reasonRequired: false },
        { decision: 'reject', reasonRequired: true },
      ],
    ],
    [
      'published',
      [
        { decision: 'reject', reasonRequired: true },
        { decision: 'hide', reasonRequired: true },
      ],
    ],
    [
      'hidden',
      [
        { decision: 'reject', reasonRequired: true },
        { decision: 'restore', reasonRequired: false },
      ],
    ],
    ['rejected', [{ decision: 'restore', reasonRequired: false }]],
  ] as const)('offers on a %s item exactly the decisions the table allows', (status, offered) => {
    expect(allowedDecisions(status)).toEqual(offered);
    for (const { decision } of allowedDecisions(status)) expect(decide(status, decision).ok).toBe(true);
  });

  it.each([
    [2, 3, 'published', false],
    [3, 3, 'published', true],
    [4, 3, 'published', true],
    [5, 3, 'hidden', false],
    [5, 3, 'pending', false],
    [1, 1, 'published', true],
  ] as const)('%i reports against a threshold of %i on a %s item: hidden %s', (reports, threshold, status, hidden) => {
    expect(reachesAutoHide(reports, threshold, status)).toBe(hidden);
  });

  it.each([
    ['a confirmed account of two days', { confirmed: true, ageMinutes: 2 * 24 * 60 }, true],
    ['a confirmed account of one minute', { confirmed: true, ageMinutes: 1 }, false],
    ['an unconfirmed old account', { confirmed: false, ageMinutes: 10 * 24 * 60 }, false],
    ['a confirmed account exactly the minimum age', { confirmed: true, ageMinutes: 24 * 60 }, true],
  ] as const)('a report from %s counts toward hiding: %s', (_name, reporter, counts) => {
    const now = new Date('2026-12-01T12:00:00Z');
    const createdAt = new Date(now.getTime() - reporter.ageMinutes * 60_000);
    expect(reportCounts({ confirmed: reporter.confirmed, createdAt }, now, 24 * 60)).toBe(counts);
  });
});
