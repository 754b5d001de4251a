import {
  addMonths,
  calendarOf,
  missingMentions,
  noticeViolations,
  openingBlocker,
  parisDay,
  parisMidnight,
  PROCEDURE_KINDS,
  PROCEDURES,
  scheduleViolations,
  type ProcedureFacts,
  type ProcedureKind,
} from './rules';

const at = (iso: string) => new Date(iso);
const facts = (procedure: ProcedureKind, opensAt: string, closesAt: string, more: Partial<ProcedureFacts> = {}): ProcedureFacts => ({
  procedure,
  opensAt: at(opensAt),
  closesAt: at(closesAt),
  noticePublishedAt: null,
  environmentalAssessment: true,
  overseerName: null,
  ...more,
});
const NOW = at('2027-01-05T10:00:00+01:00');

describe('Paris calendar', () => {
  it.each([
    ['2027-03-27T23:30:00Z', '2027-03-28'], // 00:30 in Paris (winter time)
    ['2027-03-28T22:30:00Z', '2027-03-29'], // 00:30 in Paris (summer time, the night after the change)
    ['2027-10-30T22:30:00Z', '2027-10-31'],
    ['2027-10-31T22:30:00Z', '2027-10-31'], // 23:30 in Paris (winter time again)
  ])('%s is %s in Paris', (instant, day) => expect(parisDay(at(instant))).toBe(day));

  it.each([
    ['2027-01-15', '2027-01-14T23:00:00.000Z'],
    ['2027-03-28', '2027-03-27T23:00:00.000Z'], // the night of the change to summer time starts in winter time
    ['2027-03-29', '2027-03-28T22:00:00.000Z'],
    ['2027-10-31', '2027-10-30T22:00:00.000Z'], // and the night back to winter time starts in summer time
    ['2027-11-01', '2027-10-31T23:00:00.000Z'],
  ])('%s starts in Paris at %s', (day, instant) => expect(parisMidnight(day).toISOString()).toBe(instant));

  it.each([
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-03-01', 3, '2027-06-01'],
    ['2027-12-15', 1, '2028-01-15'],
  ])('%s plus %i month(s) is %s (Code civil, art. 641)', (day, months, expected) => expect(addMonths(day, months)).toBe(expected));
});

describe('what the law forbids', () => {
  const notice = { noticePublishedAt: at('2027-01-01T09:00:00+01:00') };
  it.each<[string, ProcedureFacts, string | null, string | null]>([
    // [case, facts, field refused or null, article]
    ['free consultation: anything ordered', facts('libre', '2027-02-01T09:00:00+01:00', '2027-02-02T09:00:00+01:00'), null, null],
    ['concertation, 15 days', facts('concertation_prealable', '2027-02-01T09:00:00+01:00', '2027-02-16T17:00:00+01:00', notice), null, null],
    ['concertation, 14 days', facts('concertation_prealable', '2027-02-01T09:00:00+01:00', '2027-02-15T23:59:00+01:00', notice), 'closesAt', 'L121-16'],
    ['concertation, 3 months to the day', facts('concertation_prealable', '2027-02-01T09:00:00+01:00', '2027-05-01T17:00:00+02:00', notice), null, null],
    [
      'concertation, 3 months and a day',
      facts('concertation_prealable', '2027-02-01T09:00:00+01:00', '2027-05-02T09:00:00+02:00', notice),
      'closesAt',
      'L121-16',
    ],
    [
      'concertation from 30 November: last day of February',
      facts('concertation_prealable', '2027-11-30T09:00:00+01:00', '2028-02-29T17:00:00+01:00', notice),
      null,
      null,
    ],
    [
      'concertation from 30 November: 1 March is too late',
      facts('concertation_prealable', '2027-11-30T09:00:00+01:00', '2028-03-01T09:00:00+01:00', notice),
      'closesAt',
      'L121-16',
    ],
    [
      'concertation, notice 14 days before',
      facts('concertation_prealable', '2027-01-15T09:00:00+01:00', '2027-02-15T17:00:00+01:00', notice),
      'opensAt',
      'L121-16',
    ],
    ['concertation, notice 15 days before', facts('concertation_prealable', '2027-01-16T09:00:00+01:00', '2027-02-15T17:00:00+01:00', notice), null, null],
    [
      'concertation, no notice and no time left for one',
      facts('concertation_prealable', '2027-01-19T09:00:00+01:00', '2027-02-19T17:00:00+01:00'),
      'opensAt',
      'L121-16',
    ],
    ['concertation, no notice yet but time for one', facts('concertation_prealable', '2027-01-20T09:00:00+01:00', '2027-02-19T17:00:00+01:00'), null, null],
    [
      'electronic participation, 30 days across the spring change',
      facts('participation_electronique', '2027-03-10T09:00:00+01:00', '2027-04-09T00:00:00+02:00', notice),
      null,
      null,
    ],
    [
      'electronic participation, 29 days',
      facts('participation_electronique', '2027-03-10T09:00:00+01:00', '2027-04-08T23:59:00+02:00', notice),
      'closesAt',
      'L123-19',
    ],
    ['participation without procedure, 21 days', facts('participation_hors_procedure', '2027-02-01T09:00:00+01:00', '2027-02-22T09:00:00+01:00'), null, null],
    [
      'participation without procedure, 20 days',
      facts('participation_hors_procedure', '2027-02-01T09:00:00+01:00', '2027-02-21T23:00:00+01:00'),
      'closesAt',
      'L123-19-1',
    ],
    ['inquiry with assessment, 30 days', facts('enquete_publique', '2027-10-15T09:00:00+02:00', '2027-11-14T17:00:00+01:00', notice), null, null],
    ['inquiry with assessment, 29 days', facts('enquete_publique', '2027-10-15T09:00:00+02:00', '2027-11-13T17:00:00+01:00', notice), 'closesAt', 'L123-9'],
    [
      'inquiry without assessment, 15 days',
      facts('enquete_publique', '2027-02-01T09:00:00+01:00', '2027-02-16T17:00:00+01:00', { ...notice, environmentalAssessment: false }),
      null,
      null,
    ],
    [
      'inquiry without assessment, 14 days',
      facts('enquete_publique', '2027-02-01T09:00:00+01:00', '2027-02-15T17:00:00+01:00', { ...notice, environmentalAssessment: false }),
      'closesAt',
      'L123-9',
    ],
    ['CRPA consultation, a week', facts('consultation_crpa', '2027-02-01T09:00:00+01:00', '2027-02-08T09:00:00+01:00'), null, null],
    ['closing before opening', facts('enquete_publique', '2027-02-01T09:00:00+01:00', '2027-01-31T09:00:00+01:00', notice), 'closesAt', null],
  ])('%s', (_case, given, field, article) => {
    const violations = scheduleViolations(given, NOW);
    if (!field) return expect(violations).toEqual([]);
    expect(violations).toContainEqual(expect.objectContaining({ field, article }));
    if (article) expect(violations.find((v) => v.field === field)!.message).toContain(`art. ${article}`);
  });

  it('an inquiry is extended by 15 days at most past the announced closing', () => {
    const published = at('2027-03-15T17:00:00+01:00');
    const base = { noticePublishedAt: at('2027-01-20T09:00:00+01:00') };
    expect(
      scheduleViolations(facts('enquete_publique', '2027-02-10T09:00:00+01:00', '2027-03-30T17:00:00+02:00', base), NOW, {
        started: true,
        publishedClosesAt: published,
      })
    ).toEqual([]);
    expect(
      scheduleViolations(facts('enquete_publique', '2027-02-10T09:00:00+01:00', '2027-03-31T17:00:00+02:00', base), NOW, {
        started: true,
        publishedClosesAt: published,
      })
    ).toContainEqual(expect.objectContaining({ field: 'closesAt', article: 'L123-9' }));
  });

  it('a procedure always has both dates', () => {
    expect(scheduleViolations({ ...facts('enquete_publique', '2027-02-01T09:00:00+01:00', '2027-03-01T09:00:00+01:00'), closesAt: null }, NOW)).toEqual([
      expect.objectContaining({ field: 'closesAt' }),
    ]);
  });
});

describe('the calendar', () => {
  it('of a concertation: notice, bounds, bilan within a month, response two months later', () => {
    const items = calendarOf(facts('concertation_prealable', '2027-02-01T09:00:00+01:00', '2027-03-31T17:00:00+02:00'));
    const dates = Object.fromEntries(items.map((i) => [i.key, i.date]));
    expect(dates).toEqual({
      notice: '2027-01-17',
      opening: '2027-02-01',
      minimum_closing: '2027-02-16',
      maximum_closing: '2027-05-01',
      closing: '2027-03-31',
      report: '2027-04-30',
      response: '2027-06-30',
    });
  });

  it('of an inquiry: report 30 days after closing, online a year from its publication', () => {
    const items = calendarOf(facts('enquete_publique', '2027-02-01T09:00:00+01:00', '2027-03-03T17:00:00+01:00'), at('2027-03-20T10:00:00+01:00'));
    const dates = Object.fromEntries(items.map((i) => [i.key, i.date]));
    expect(dates).toMatchObject({ notice: '2027-01-17', minimum_closing: '2027-03-03', report: '2027-04-02', keep_online: '2028-03-20' });
  });

  it('of a participation without particular procedure: the decision four days after closing at the earliest', () => {
    const items = calendarOf(facts('participation_hors_procedure', '2027-02-01T09:00:00+01:00', '2027-02-28T23:00:00+01:00'));
    expect(items.find((i) => i.key === 'decision')).toMatchObject({ date: '2027-03-04', bound: 'from', article: 'L123-19-1' });
  });
});

describe('the opening waits for', () => {
  const written = {
    noticeProjectOwner: 'Département de Loire-Atlantique, direction des routes',
    noticeDossierPlaces: 'Hôtel du Département, du lundi au vendredi de 9 h à 17 h',
    noticeObservationAddresses: 'garante@cndp.test ; CNDP, 244 bd Saint-Germain, Paris',
  };
  it('the garant of a concertation, then the mentions of its notice, then the notice', () => {
    const f = facts('concertation_prealable', '2027-02-01T09:00:00+01:00', '2027-03-01T09:00:00+01:00');
    expect(openingBlocker(f)?.message).toContain('garant');
    const mentions = openingBlocker({ ...f, overseerName: 'Mme Garante' })?.message;
    expect(mentions).toContain('art. R121-19');
    expect(mentions).toContain('les lieux, jours et heures où le dossier peut être consulté');
    expect(openingBlocker({ ...f, overseerName: 'Mme Garante', notice: written })?.message).toContain('publication de l’avis');
    expect(openingBlocker({ ...f, overseerName: 'Mme Garante', notice: written, noticePublishedAt: NOW })).toBeNull();
  });
  it('nothing for a free consultation', () => expect(openingBlocker(facts('libre', '2027-02-01T09:00:00+01:00', '2027-03-01T09:00:00+01:00'))).toBeNull());
});

describe('the notice to the public', () => {
  it.each(PROCEDURE_KINDS.filter((k) => k !== 'libre'))('of a %s names its article and every mention it lacks', (kind) => {
    const f = facts(kind, '2027-02-01T09:00:00+01:00', '2027-03-15T09:00:00+01:00');
    const missing = missingMentions(f);
    expect(missing.map((m) => m.field)).toEqual(PROCEDURES[kind].notice!.mentions);
    expect(new Set(missing.map((m) => m.article))).toEqual(new Set([PROCEDURES[kind].notice!.article]));
  });
  it('an inquiry names its decision, owner, places and addresses (R123-9); blank text does not count', () => {
    const f = facts('enquete_publique', '2027-02-01T09:00:00+01:00', '2027-03-15T09:00:00+01:00', {
      notice: { noticeDecision: 'Déclaration de projet, par l’Assemblée départementale', noticeProjectOwner: '   ' },
    });
    expect(missingMentions(f).map((m) => m.field)).toEqual(['noticeProjectOwner', 'noticeDossierPlaces', 'noticeObservationAddresses']);
  });
  it('is refused as published while a mention is missing, field by field', () => {
    const f = facts('participation_electronique', '2027-02-01T09:00:00+01:00', '2027-03-15T09:00:00+01:00', {
      notice: { noticeDecision: 'Arrêté du président' },
    });
    expect(noticeViolations(f)).toEqual([]); // not dated yet: a draft may be incomplete
    const refused = noticeViolations({ ...f, noticePublishedAt: NOW });
    expect(refused.map((v) => v.field)).toEqual(['noticeProjectOwner', 'noticeDossierPlaces', 'noticeObservationAddresses']);
    expect(refused[0].message).toMatch(/^Un avis au public publié mentionne le responsable du projet.*art\. L123-19 du code de l’environnement/);
  });
  it('a free consultation has none to check', () =>
    expect(noticeViolations(facts('libre', '2027-02-01T09:00:00+01:00', '2027-03-01T09:00:00+01:00', { noticePublishedAt: NOW }))).toEqual([]));
});
