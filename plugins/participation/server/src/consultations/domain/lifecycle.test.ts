import {
  CONSULTATION_STATUSES,
  TRANSITIONS,
  allowedTargets,
  dueTransition,
  planTransition,
  type ConsultationStatus,
  type LifecycleSnapshot,
} from './lifecycle';

const now = new Date('2026-06-01T10:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

const ready = (status: ConsultationStatus, over: Partial<LifecycleSnapshot> = {}): LifecycleSnapshot => ({
  status,
  opensAt: hours(-24),
  closesAt: hours(24),
  isPublished: true,
  hasSummary: true,
  hasResults: true,
  ...over,
});

/** For each allowed transition, a request that passes its guards. */
const validRequest = (from: ConsultationStatus, to: ConsultationStatus) => ({
  to,
  reason: 'Demande du comité de pilotage',
  closesAt: from === 'open' || from === 'closed' ? hours(48) : undefined,
});

describe('the transition table', () => {
  const allowed = new Set(TRANSITIONS.map((t) => `${t.from}→${t.to}`));

  it('is exactly the documented lifecycle', () => {
    expect([...allowed].sort()).toEqual(
      [
        'draft→scheduled',
        'scheduled→draft',
        'scheduled→open',
        'open→closed',
        'open→open',
        'closed→open',
        'closed→results_published',
        'closed→archived',
        'results_published→archived',
      ].sort()
    );
  });

  describe.each(CONSULTATION_STATUSES)('from %s', (from) => {
    it.each(CONSULTATION_STATUSES)('to %s: allowed by the table, or refused as transition_not_allowed', (to) => {
      const snapshot = ready(from, from === 'draft' || from === 'scheduled' ? { opensAt: hours(1), closesAt: hours(48) } : {});
      const result = planTransition(snapshot, validRequest(from, to), now);
      if (allowed.has(`${from}→${to}`)) {
        expect(result).toMatchObject({ ok: true, from, to });
      } else {
        expect(result).toMatchObject({ ok: false, code: 'transition_not_allowed' });
        expect((result as { message: string }).message).toMatch(/impossible/);
      }
    });
  });

  it('lists what is allowed from each state', () => {
    expect(allowedTargets('draft')).toEqual(['scheduled']);
    expect(allowedTargets('archived')).toEqual([]);
  });
});

describe('guards', () => {
  const cases: [string, LifecycleSnapshot, Parameters<typeof planTransition>[1], string][] = [
    ['schedule without dates', ready('draft', { opensAt: null }), { to: 'scheduled' }, 'dates_missing'],
    ['schedule without closing date', ready('draft', { closesAt: null }), { to: 'scheduled' }, 'dates_missing'],
    ['schedule with dates reversed', ready('draft', { opensAt: hours(5), closesAt: hours(2) }), { to: 'scheduled' }, 'dates_out_of_order'],
    ['schedule with equal dates', ready('draft', { opensAt: hours(5), closesAt: hours(5) }), { to: 'scheduled' }, 'dates_out_of_order'],
    ['schedule closing in the past', ready('draft', { opensAt: hours(-5), closesAt: hours(-2) }), { to: 'scheduled' }, 'closes_in_past'],
    ['schedule an unpublished consultation', ready('draft', { isPublished: false }), { to: 'scheduled' }, 'not_published'],
    ['schedule without summary', ready('draft', { hasSummary: false }), { to: 'scheduled' }, 'summary_missing'],
    ['open without summary', ready('scheduled', { hasSummary: false }), { to: 'open' }, 'summary_missing'],
    ['open once the closing date passed', ready('scheduled', { closesAt: hours(-1) }), { to: 'open' }, 'closes_in_past'],
    ['publish results without results', ready('closed', { hasResults: false }), { to: 'results_published' }, 'results_missing'],
    ['re-open without reason', ready('closed'), { to: 'open', closesAt: hours(48) }, 'reason_required'],
    ['re-open with a blank reason', ready('closed'), { to: 'open', closesAt: hours(48), reason: '   ' }, 'reason_required'],
    ['re-open without new closing date', ready('closed'), { to: 'open', reason: 'Prolongation' }, 'closes_at_required'],
    ['re-open closing in the past', ready('closed'), { to: 'open', reason: 'Prolongation', closesAt: hours(-1) }, 'closes_in_past'],
    ['extend to an earlier date', ready('open'), { to: 'open', reason: 'Prolongation', closesAt: hours(12) }, 'closes_at_not_later'],
    ['extend without reason', ready('open'), { to: 'open', closesAt: hours(48) }, 'reason_required'],
    ['open what is already open', ready('open'), { to: 'open' }, 'already_in_state'],
  ];

  it.each(cases)('refuses to %s', (_name, snapshot, request, code) => {
    const result = planTransition(snapshot, request, now);
    expect(result).toMatchObject({ ok: false, code });
    expect((result as { message: string }).message.length).toBeGreaterThan(10);
  });

  it('opens early by moving the opening date to now', () => {
    expect(planTransition(ready('scheduled', { opensAt: hours(3) }), { to: 'open' }, now)).toEqual({
      ok: true,
      from: 'scheduled',
      to: 'open',
      patch: { opensAt: now },
    });
  });

  it('closes early by moving the closing date to now', () => {
    expect(planTransition(ready('open'), { to: 'closed' }, now)).toMatchObject({ ok: true, patch: { closesAt: now } });
  });

  it('re-opens and extends by setting the new closing date', () => {
    expect(planTransition(ready('closed', { closesAt: hours(-1) }), { to: 'open', reason: 'Prolongation', closesAt: hours(72) }, now)).toMatchObject({
      ok: true,
      patch: { closesAt: hours(72) },
    });
    expect(planTransition(ready('open'), { to: 'open', reason: 'Prolongation', closesAt: hours(72) }, now)).toMatchObject({
      ok: true,
      from: 'open',
      to: 'open',
    });
  });
});

describe('the transitions the scheduler owes', () => {
  it('opens at the opening date and closes at the closing date', () => {
    expect(dueTransition(ready('scheduled', { opensAt: hours(1) }), now)).toBeNull();
    expect(dueTransition(ready('scheduled', { opensAt: hours(-1) }), now)).toEqual({ to: 'open', dueAt: hours(-1) });
    expect(dueTransition(ready('scheduled', { opensAt: now }), now)).toEqual({ to: 'open', dueAt: now });
    expect(dueTransition(ready('open', { closesAt: hours(1) }), now)).toBeNull();
    expect(dueTransition(ready('open', { closesAt: hours(-1) }), now)).toEqual({ to: 'closed', dueAt: hours(-1) });
  });

  it('owes nothing in the other states', () => {
    for (const status of ['draft', 'closed', 'results_published', 'archived'] as const) {
      expect(dueTransition(ready(status, { opensAt: hours(-9), closesAt: hours(-1) }), now)).toBeNull();
    }
  });

  it('catches up after downtime: planned as of its due date, an overdue opening passes its guards', () => {
    const missed = ready('scheduled', { opensAt: hours(-48), closesAt: hours(-24) });
    const due = dueTransition(missed, now)!;
    expect(planTransition(missed, { to: due.to }, due.dueAt)).toMatchObject({ ok: true, to: 'open', patch: {} });
    const opened = { ...missed, status: 'open' as const };
    expect(dueTransition(opened, now)).toEqual({ to: 'closed', dueAt: hours(-24) });
    expect(planTransition(opened, { to: 'closed' }, hours(-24))).toMatchObject({ ok: true, to: 'closed', patch: {} });
  });
});
