import { dueAt, readUnsubscribeToken, startOfLocalDay, unsubscribeToken } from './rules';

const paris = { digestHour: 8, weeklyDay: 1, timeZone: 'Europe/Paris' };

describe('when a notification leaves', () => {
  it('at once, or at the next local digest hour, summer and winter alike', () => {
    const now = new Date('2026-12-01T18:22:00Z');
    expect(dueAt('immediate', now, paris)).toEqual(now);
    // Winter: 08:00 in Paris is 07:00 UTC, the next morning.
    expect(dueAt('daily', now, paris).toISOString()).toBe('2026-12-02T07:00:00.000Z');
    // Summer: 06:00 UTC; and before the hour, the same morning.
    expect(dueAt('daily', new Date('2026-07-01T04:00:00Z'), paris).toISOString()).toBe('2026-07-01T06:00:00.000Z');
    // The night the clocks go forward.
    expect(dueAt('daily', new Date('2026-03-28T20:00:00Z'), paris).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('weekly on the chosen day, a week later when that hour has passed', () => {
    // 2026-12-01 is a Tuesday: next Monday is the 7th.
    expect(dueAt('weekly', new Date('2026-12-01T18:22:00Z'), paris).toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(dueAt('weekly', new Date('2026-12-07T06:00:00Z'), paris).toISOString()).toBe('2026-12-07T07:00:00.000Z');
    expect(dueAt('weekly', new Date('2026-12-07T07:30:00Z'), paris).toISOString()).toBe('2026-12-14T07:00:00.000Z');
  });

  it('counts the daily cap from local midnight', () => {
    expect(startOfLocalDay('Europe/Paris', new Date('2026-12-01T23:30:00Z')).toISOString()).toBe('2026-12-01T23:00:00.000Z');
  });
});

describe('unsubscribe tokens', () => {
  it('carry who and what, and refuse any change', () => {
    const token = unsubscribeToken('secret', 42, { kind: 'official_answer' });
    expect(readUnsubscribeToken('secret', token)).toEqual({ userId: 42, scope: { kind: 'official_answer' } });
    expect(readUnsubscribeToken('other', token)).toBeNull();
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ u: 43, s: { all: true } })).toString('base64url')}.${mac}`;
    expect(readUnsubscribeToken('secret', forged)).toBeNull();
    expect(readUnsubscribeToken('secret', 'pas-un-jeton')).toBeNull();
    expect(readUnsubscribeToken('secret', unsubscribeToken('secret', 1, { kind: 'inconnu' as never }))).toBeNull();
  });
});
