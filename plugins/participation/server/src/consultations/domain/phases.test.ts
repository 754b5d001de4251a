import { phasesClosedAt, phasesOutsideWindow, type Phase } from './phases';

const phase = (kind: Phase['kind'], startsAt: string, endsAt: string): Phase => ({ kind, title: kind, startsAt, endsAt });

describe('phasesClosedAt: a consultation closed early', () => {
  const phases = [
    phase('information', '2026-03-01T08:00:00.000Z', '2026-03-10T08:00:00.000Z'),
    phase('contribution', '2026-03-10T08:00:00.000Z', '2026-04-10T08:00:00.000Z'),
    phase('vote', '2026-04-10T08:00:00.000Z', '2026-04-30T08:00:00.000Z'),
  ];

  it('ends the running phase at the closing and drops those that had not begun', () => {
    const closesAt = new Date('2026-03-20T12:00:00.000Z');
    const cut = phasesClosedAt(phases, closesAt);
    expect(cut.map((p) => [p.kind, p.endsAt])).toEqual([
      ['information', '2026-03-10T08:00:00.000Z'],
      ['contribution', '2026-03-20T12:00:00.000Z'],
    ]);
    expect(phasesOutsideWindow(cut, closesAt)).toEqual([]);
  });

  it('keeps a calendar that already ends before the closing as it is', () => {
    expect(phasesClosedAt(phases, new Date('2026-05-01T00:00:00.000Z'))).toEqual(phases);
  });

  it('drops a phase that would start at the closing instant', () => {
    expect(phasesClosedAt(phases, new Date('2026-04-10T08:00:00.000Z')).map((p) => p.kind)).toEqual(['information', 'contribution']);
  });
});
