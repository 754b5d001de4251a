import { copiedCalendar, copyTitle } from './copy';

const now = new Date('2026-12-06T10:00:00Z');
const at = (iso: string) => new Date(iso);

describe('a copy of a consultation', () => {
  it('moves a past calendar by whole weeks to open at least a week from now, durations and weekdays kept', () => {
    const copy = copiedCalendar(
      {
        opensAt: at('2026-03-02T08:00:00Z'),
        closesAt: at('2026-04-13T16:00:00Z'),
        phases: [
          { kind: 'information', title: 'Information', startsAt: '2026-03-02T08:00:00.000Z', endsAt: '2026-03-09T08:00:00.000Z' },
          { kind: 'contribution', title: 'Contributions', startsAt: '2026-03-09T08:00:00.000Z', endsAt: '2026-04-13T16:00:00.000Z' },
        ],
      },
      now
    );
    expect(copy.opensAt!.getTime()).toBeGreaterThanOrEqual(now.getTime() + 7 * 86_400_000);
    expect(copy.opensAt!.getTime()).toBeLessThan(now.getTime() + 14 * 86_400_000);
    expect(copy.opensAt!.getUTCDay()).toBe(1);
    expect(copy.opensAt!.toISOString().slice(11)).toBe('08:00:00.000Z');
    expect(copy.closesAt!.getTime() - copy.opensAt!.getTime()).toBe(at('2026-04-13T16:00:00Z').getTime() - at('2026-03-02T08:00:00Z').getTime());
    expect(copy.phases[0].startsAt).toBe(copy.opensAt!.toISOString());
    expect(copy.phases[1].endsAt).toBe(copy.closesAt!.toISOString());
    expect(copy.phases[1].title).toBe('Contributions');
  });

  it('keeps a calendar already a week ahead, and no dates stay no dates', () => {
    const later = { opensAt: at('2027-02-01T08:00:00Z'), closesAt: at('2027-03-01T08:00:00Z'), phases: [] };
    expect(copiedCalendar(later, now)).toEqual(later);
    expect(copiedCalendar({ opensAt: null, closesAt: null, phases: [] }, now)).toEqual({ opensAt: null, closesAt: null, phases: [] });
  });

  it('is titled as a copy, within the title length', () => {
    expect(copyTitle('Mobilités')).toBe('Copie de Mobilités');
    expect(copyTitle('x'.repeat(200))).toHaveLength(160);
  });
});
