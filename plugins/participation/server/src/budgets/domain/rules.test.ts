import { ageOn, ballotErrors, budgetSettings, computeWinners, identityKey, projectCommentRefusal, stageAt, type Candidate } from './rules';

const settings = budgetSettings.parse({
  envelope: 100,
  minProjectCost: 1,
  maxProjectCost: 50,
  method: 'approval',
  minChoices: 1,
  maxChoices: 3,
  minimumAge: 16,
  eligibilityLinks: ['live', 'study'],
  oneWinnerPerTerritory: false,
  blankVoteAllowed: false,
  showLiveCounts: false,
});
const filed = new Date('2027-01-01T00:00:00Z');
const c = (id: string, cost: number, votes: number, territoryCode: string | null = null, filedAt = filed): Candidate => ({
  id,
  title: id,
  cost,
  votes,
  territoryCode,
  filedAt,
});

describe('the winners', () => {
  it('are taken in order of merit, skipping what no longer fits', () => {
    const { winners, spent, remaining } = computeWinners([c('a', 50, 30), c('b', 60, 20), c('c', 40, 10), c('d', 20, 5)], settings, []);
    expect(winners.map((w) => w.id)).toEqual(['a', 'c']);
    expect([spent, remaining]).toEqual([90, 10]);
  });

  it('break ties by the cheaper project, then the earlier one, then the identifier — the same on every run', () => {
    const early = new Date('2026-12-01T00:00:00Z');
    const order = computeWinners(
      [c('z', 30, 10), c('y', 20, 10), c('x', 20, 10, null, early), c('w', 20, 10, null, early)],
      { ...settings, envelope: 40 },
      []
    ).winners.map((w) => w.id);
    expect(order).toEqual(['w', 'x']);
  });

  it('fill reserved territory envelopes first, then give each territory a winner under the equity rule', () => {
    const candidates = [c('a1', 40, 50, 'A'), c('a2', 40, 45, 'A'), c('b1', 30, 10, 'B'), c('c1', 60, 5, 'C'), c('c2', 10, 1, 'C')];
    const plain = computeWinners(candidates, { ...settings, envelope: 110 }, []);
    expect(plain.winners.map((w) => w.id)).toEqual(['a1', 'a2', 'b1']);
    // Territory C had no winner: its best project that fits goes first, and the second project of A no longer fits.
    const fair = computeWinners(candidates, { ...settings, envelope: 110, oneWinnerPerTerritory: true }, ['A', 'B', 'C']);
    expect(fair.winners.map((w) => [w.id, w.reason])).toEqual([
      ['a1', 'equity'],
      ['b1', 'equity'],
      ['c2', 'equity'],
    ]);
    const reserved = computeWinners(candidates, { ...settings, envelope: 110, territoryEnvelopes: [{ territoryCode: 'C', amount: 60 }] }, []);
    expect(reserved.winners.map((w) => [w.id, w.reason])).toEqual([
      ['a1', 'general'],
      ['c1', 'territory_envelope'],
      ['c2', 'general'],
    ]);
  });

  it('never include a project nobody voted for', () => {
    expect(computeWinners([c('a', 10, 0)], settings, []).winners).toEqual([]);
  });
});

describe('a ballot', () => {
  const projects = new Map([
    ['p1', { cost: 40 }],
    ['p2', { cost: 70 }],
  ]);
  const now = new Date('2027-03-01T12:00:00Z');
  it('is checked against the rules', () => {
    expect(ballotErrors({ blank: false, choices: ['p1'], birthDate: '2000-01-01', link: 'live' }, settings, projects, now)).toEqual([]);
    expect(ballotErrors({ blank: true, choices: [], birthDate: '2000-01-01', link: 'live' }, settings, projects, now).map((e) => e.path)).toEqual([['blank']]);
    expect(ballotErrors({ blank: false, choices: ['p1'], birthDate: '2000-01-01', link: 'work' }, settings, projects, now).map((e) => e.path)).toEqual([
      ['declaration', 'link'],
    ]);
    expect(
      ballotErrors({ blank: false, choices: ['p1', 'p2'], birthDate: '2000-01-01', link: 'live' }, { ...settings, method: 'knapsack' }, projects, now)[0]
        .message
    ).toMatch(/110 €/);
  });

  it('knows the voter’s age on the day, and one person by name and birth date', () => {
    expect(ageOn('2011-03-01', now)).toBe(16);
    expect(ageOn('2011-03-02', now)).toBe(15);
    expect(identityKey('Anne-Sophie  LÉVÊQUE', '1980-01-02')).toBe(identityKey('anne sophie leveque', '1980-01-02'));
  });
});

describe('the stage', () => {
  it('follows the calendar', () => {
    const calendar = {
      filingOpensAt: new Date('2027-01-01'),
      filingClosesAt: new Date('2027-02-01'),
      voteOpensAt: new Date('2027-03-01'),
      voteClosesAt: new Date('2027-04-01'),
      followUpAt: new Date('2027-06-01'),
    };
    expect(['2026-12-31', '2027-01-15', '2027-02-15', '2027-03-15', '2027-05-01', '2027-07-01'].map((d) => stageAt(calendar, new Date(d)))).toEqual([
      'upcoming',
      'filing',
      'admissibility',
      'vote',
      'results',
      'follow_up',
    ]);
  });
});

describe('comments on projects', () => {
  it('need a budget that takes them, a project in the running and a vote not yet closed', () => {
    expect(projectCommentRefusal('closed', 'vote', 'admissible')).toBe('project_comments_disabled');
    expect(projectCommentRefusal('a_priori', 'filing', 'published')).toBeNull();
    expect(projectCommentRefusal('a_posteriori', 'vote', 'admissible')).toBeNull();
    expect(projectCommentRefusal('a_posteriori', 'vote', 'inadmissible')).toBe('project_comments_closed');
    expect(projectCommentRefusal('a_posteriori', 'vote', 'merged')).toBe('project_comments_closed');
    expect(projectCommentRefusal('a_posteriori', 'results', 'admissible')).toBe('project_comments_closed');
    expect(projectCommentRefusal('a_priori', 'follow_up', 'admissible')).toBe('project_comments_closed');
  });
});
