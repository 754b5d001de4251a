import {
  minutesReadRefusal,
  placeFor,
  promotable,
  proposalRefusal,
  provenanceOf,
  publicationRefusal,
  remarkRefusal,
  remarksWindow,
  roomContributionRefusal,
  stateAt,
  type Capacity,
} from './rules';

const hour = 3_600_000;
const now = new Date('2027-03-12T20:00:00Z');
const capacity = (c: Partial<Capacity>): Capacity => ({
  registrationEnabled: true,
  capacity: 10,
  reservedPlaces: 2,
  waitlistEnabled: true,
  registeredCount: 0,
  invitedCount: 0,
  waitlistCount: 0,
  ...c,
});

describe('places and the waitlist', () => {
  it('gives a place while public places remain, then the waitlist, then refuses', () => {
    expect(placeFor(capacity({ registeredCount: 7 }))).toBe('registered');
    expect(placeFor(capacity({ registeredCount: 8 }))).toBe('waitlisted');
    expect(placeFor(capacity({ registeredCount: 8, waitlistEnabled: false }))).toBe('meeting_full');
    expect(placeFor(capacity({ capacity: null, registeredCount: 5000 }))).toBe('registered');
  });

  it('promotes as many waiting people as places freed, never more than wait', () => {
    expect(promotable(capacity({ registeredCount: 6, waitlistCount: 5 }))).toBe(2);
    expect(promotable(capacity({ registeredCount: 6, waitlistCount: 1 }))).toBe(1);
    expect(promotable(capacity({ capacity: null, waitlistCount: 3 }))).toBe(3);
  });
});

describe('what was said in the room', () => {
  it('says where and when, as Paris reads the date', () => {
    // 23:30 UTC on 12 March is already 13 March in Paris.
    expect(provenanceOf({ kind: 'in_person', startsAt: new Date('2027-03-12T23:30:00Z'), communeName: 'Rezé' })).toBe('Réunion du 13/03 à Rezé');
    expect(provenanceOf({ kind: 'online', startsAt: now, communeName: null })).toBe('Réunion en ligne du 12/03');
  });

  it('is entered once the meeting has been held, into its consultation', () => {
    const held = stateAt({ status: 'published', startsAt: new Date(now.getTime() - 2 * hour), endsAt: new Date(now.getTime() - hour) }, now);
    expect(roomContributionRefusal(held, { consultationDocumentId: 'c1' })).toBeNull();
    expect(roomContributionRefusal(held, { consultationDocumentId: null })).toBe('meeting_without_consultation');
    expect(roomContributionRefusal('upcoming', { consultationDocumentId: 'c1' })).toBe('meeting_not_held');
    expect(roomContributionRefusal('cancelled', { consultationDocumentId: 'c1' })).toBe('meeting_cancelled');
  });
});

describe('minutes proposed to the registrants', () => {
  const proposed = { minutesProposedAt: new Date(now.getTime() - hour), remarksUntil: new Date(now.getTime() + hour), publishedAt: null };

  it('are open to remarks from the proposal to the deadline, and no longer once published', () => {
    expect(remarksWindow({ minutesProposedAt: null, remarksUntil: null, publishedAt: null }, now)).toBe('none');
    expect(remarksWindow(proposed, now)).toBe('open');
    expect(remarksWindow(proposed, new Date(now.getTime() + hour))).toBe('closed');
    expect(remarksWindow({ ...proposed, publishedAt: now }, now)).toBe('closed');
  });

  it('are proposed once, after the meeting, with minutes written, before the report is published', () => {
    const ready = { minutes: 'Compte rendu.', publishedAt: null, minutesProposedAt: null };
    expect(proposalRefusal('past', ready)).toBeNull();
    expect(proposalRefusal('ongoing', ready)).toBe('meeting_not_over');
    expect(proposalRefusal('cancelled', ready)).toBe('meeting_cancelled');
    expect(proposalRefusal('past', { ...ready, minutes: '  ' })).toBe('minutes_missing');
    expect(proposalRefusal('past', { ...ready, publishedAt: now })).toBe('report_already_published');
    expect(proposalRefusal('past', { ...ready, minutesProposedAt: now })).toBe('minutes_already_proposed');
  });

  it('take remarks from people who held a place, while open; the report waits for the end', () => {
    expect(remarkRefusal('open', 'registered')).toBeNull();
    expect(remarkRefusal('open', 'waitlisted')).toBe('not_registered');
    expect(remarkRefusal('open', 'cancelled')).toBe('not_registered');
    expect(remarkRefusal('open', null)).toBe('not_registered');
    expect(remarkRefusal('closed', 'registered')).toBe('remarks_closed');
    expect(remarkRefusal('none', 'registered')).toBe('minutes_not_proposed');
    // Reading outlasts the period, for the same people only.
    expect(minutesReadRefusal('closed', 'registered')).toBeNull();
    expect(minutesReadRefusal('closed', 'waitlisted')).toBe('not_registered');
    expect(minutesReadRefusal('closed', null)).toBe('not_registered');
    expect(minutesReadRefusal('none', 'registered')).toBe('minutes_not_proposed');
    expect(publicationRefusal('open')).toBe('remarks_open');
    expect(publicationRefusal('closed')).toBeNull();
    expect(publicationRefusal('none')).toBeNull();
  });
});
