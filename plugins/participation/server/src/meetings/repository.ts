import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { numberParam, param, runPrepared } from '../platform/database/prepared';
import { fromJson, isTrue, rowsOf, toDate, type Db, type RawRow } from '../platform/database/rows';
import type { Capacity, Kind, RegistrationStatus, RemarkStatus, Service, Status } from './domain/rules';

export type AgendaItem = { time: string | null; title: string };

export type Meeting = Capacity & {
  id: number;
  documentId: string;
  title: string;
  slug: string;
  description: string | null;
  kind: Kind;
  status: Status;
  consultationDocumentId: string | null;
  /** The participatory budget it belongs to (a meeting belongs to a consultation, a budget, or stands alone). */
  budgetDocumentId: string | null;
  startsAt: Date;
  endsAt: Date;
  territoryCode: string | null;
  communeName: string | null;
  address: string | null;
  accessibility: string | null;
  services: Service[];
  agenda: AgendaItem[];
  onlineUrl: string | null;
  onlineUrlRevealed: boolean;
  registrationTerms: string | null;
  /** The questionnaire a person sends before registering (its own routes, results and exports); null: none. */
  registrationQuestionnaireDocumentId: string | null;
  attendeesPublic: boolean;
  cancellationReason: string | null;
  cancelledAt: Date | null;
  report: MeetingReport;
  updatedAt: Date;
};

/** After the meeting: attendees (null: the arrivals checked in), organisations present, minutes, media; public once published. */
export type MeetingReport = {
  attendees: number | null;
  organisations: string[];
  minutes: string | null;
  mediaLinks: { title: string; url: string }[];
  publishedAt: Date | null;
  /** When the minutes went to the registrants for their remarks, and until when they may send them. */
  minutesProposedAt: Date | null;
  remarksUntil: Date | null;
};

/** What staff set; the counts and the queue are the repository's own. */
export type MeetingFields = Omit<
  Meeting,
  'id' | 'documentId' | 'updatedAt' | 'registeredCount' | 'invitedCount' | 'waitlistCount' | 'cancellationReason' | 'cancelledAt' | 'report'
>;

export type Registration = {
  id: number;
  userId: number | null;
  status: RegistrationStatus;
  invited: boolean;
  queue: number;
  code: string;
  checkedInAt: Date | null;
  publicName: string | null;
  organisation: string | null;
  territoryCode: string | null;
  createdAt: Date;
};

/** A registrant's remark on the proposed minutes: published with them (without a name) unless staff withhold it. */
export type Remark = {
  id: number;
  userId: number | null;
  body: string;
  status: RemarkStatus;
  withheldReason: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A registration and the place in the waitlist it holds (1 for the first waiting), null when not waiting. */
export type ViewerRegistration = Registration & { position: number | null };

export type NewRegistration = Pick<Registration, 'userId' | 'status' | 'invited' | 'code' | 'publicName' | 'organisation' | 'territoryCode'> & {
  inviteeName?: string | null;
  inviteeEmail?: string | null;
};

export type ListFilter = {
  publishedOnly: boolean;
  consultationDocumentId?: string;
  budgetDocumentId?: string;
  territoryCode?: string;
  kind?: Kind;
  from?: Date;
  to?: Date;
  placesLeft?: boolean;
  upcomingAfter?: Date;
};

/** A registrant as staff see them: their account's name and address, or the invitee's. */
export type StaffRegistrant = Registration & { name: string; email: string | null; position: number | null };

const MEETING_ATTRS = [
  'id',
  'documentId',
  'title',
  'slug',
  'description',
  'kind',
  'status',
  'consultationDocumentId',
  'budgetDocumentId',
  'startsAt',
  'endsAt',
  'territoryCode',
  'communeName',
  'address',
  'accessibility',
  'services',
  'agenda',
  'onlineUrl',
  'onlineUrlRevealed',
  'registrationEnabled',
  'capacity',
  'reservedPlaces',
  'waitlistEnabled',
  'registrationTerms',
  'registrationQuestionnaireDocumentId',
  'attendeesPublic',
  'registeredCount',
  'invitedCount',
  'waitlistCount',
  'cancellationReason',
  'cancelledAt',
  'reportAttendees',
  'reportOrganisations',
  'reportMinutes',
  'reportMediaLinks',
  'reportPublishedAt',
  'minutesProposedAt',
  'remarksUntil',
  'updatedAt',
];
const REMARK_ATTRS = ['id', 'userId', 'body', 'status', 'withheldReason', 'createdAt', 'updatedAt'];
const REGISTRATION_ATTRS = ['id', 'userId', 'status', 'invited', 'queue', 'code', 'checkedInAt', 'publicName', 'organisation', 'territoryCode', 'createdAt'];
const COUNTS = ['registrationEnabled', 'capacity', 'reservedPlaces', 'waitlistEnabled', 'registeredCount', 'invitedCount', 'waitlistCount'] as const;

const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

const built = new WeakMap<Core.Strapi, ReturnType<typeof buildRepository>>();

/**
 * Typed records in and out of the meeting tables: the only place they are read or written. Built once per app, so
 * that its row mappers stay the same functions from one request to the next (V8 optimises them once, not per request).
 */
export function meetingsRepository(strapi: Core.Strapi) {
  let repository = built.get(strapi);
  if (!repository) built.set(strapi, (repository = buildRepository(strapi)));
  return repository;
}

function buildRepository(strapi: Core.Strapi) {
  const meetings = rowsOf(strapi, 'plugin::participation.meeting');
  const registrations = rowsOf(strapi, 'plugin::participation.meeting-registration');
  const users = rowsOf(strapi, 'plugin::users-permissions.user');
  const remarks = rowsOf(strapi, 'plugin::participation.meeting-remark');
  const knex = () => strapi.db.connection;
  const m = (attr: string) => `m.${meetings.column(attr)}`;
  const g = (attr: string) => `g.${registrations.column(attr)}`;

  const toCapacity = (row: RawRow): Capacity => ({
    registrationEnabled: isTrue(row.registrationEnabled),
    capacity: numberOrNull(row.capacity),
    reservedPlaces: Number(row.reservedPlaces ?? 0),
    waitlistEnabled: isTrue(row.waitlistEnabled),
    registeredCount: Number(row.registeredCount ?? 0),
    invitedCount: Number(row.invitedCount ?? 0),
    waitlistCount: Number(row.waitlistCount ?? 0),
  });
  // Every field written out, no spread first: V8 builds an object literal that starts with a spread and goes on
  // with 30 properties about 70 times slower (measured: 70 µs against 1 µs), and the list maps 20 of them a request.
  const toMeeting = (row: RawRow): Meeting => ({
    registrationEnabled: isTrue(row.registrationEnabled),
    capacity: numberOrNull(row.capacity),
    reservedPlaces: Number(row.reservedPlaces ?? 0),
    waitlistEnabled: isTrue(row.waitlistEnabled),
    registeredCount: Number(row.registeredCount ?? 0),
    invitedCount: Number(row.invitedCount ?? 0),
    waitlistCount: Number(row.waitlistCount ?? 0),
    id: Number(row.id),
    documentId: String(row.documentId),
    title: String(row.title),
    slug: String(row.slug),
    description: textOrNull(row.description),
    kind: row.kind as Kind,
    status: row.status as Status,
    consultationDocumentId: textOrNull(row.consultationDocumentId),
    budgetDocumentId: textOrNull(row.budgetDocumentId),
    startsAt: toDate(row.startsAt)!,
    endsAt: toDate(row.endsAt)!,
    territoryCode: textOrNull(row.territoryCode),
    communeName: textOrNull(row.communeName),
    address: textOrNull(row.address),
    accessibility: textOrNull(row.accessibility),
    services: fromJson<Service[]>(row.services, []),
    agenda: fromJson<AgendaItem[]>(row.agenda, []),
    onlineUrl: textOrNull(row.onlineUrl),
    onlineUrlRevealed: isTrue(row.onlineUrlRevealed),
    registrationTerms: textOrNull(row.registrationTerms),
    registrationQuestionnaireDocumentId: textOrNull(row.registrationQuestionnaireDocumentId),
    attendeesPublic: isTrue(row.attendeesPublic),
    cancellationReason: textOrNull(row.cancellationReason),
    cancelledAt: toDate(row.cancelledAt),
    report: {
      attendees: numberOrNull(row.reportAttendees),
      organisations: fromJson<string[]>(row.reportOrganisations, []),
      minutes: textOrNull(row.reportMinutes),
      mediaLinks: fromJson<{ title: string; url: string }[]>(row.reportMediaLinks, []),
      publishedAt: toDate(row.reportPublishedAt),
      minutesProposedAt: toDate(row.minutesProposedAt),
      remarksUntil: toDate(row.remarksUntil),
    },
    updatedAt: toDate(row.updatedAt)!,
  });
  const toRemark = (row: RawRow): Remark => ({
    id: Number(row.id),
    userId: numberOrNull(row.userId),
    body: String(row.body),
    status: row.status as RemarkStatus,
    withheldReason: textOrNull(row.withheldReason),
    createdAt: toDate(row.createdAt)!,
    updatedAt: toDate(row.updatedAt)!,
  });
  /** A person's remark on a meeting's minutes. */
  const remarkOf = async (meetingId: number, userId: number): Promise<Remark | null> => {
    const row = (await knex()(remarks.table)
      .select(remarks.select(REMARK_ATTRS))
      .where(remarks.column('meetingId'), meetingId)
      .where(remarks.column('userId'), userId)
      .first()) as RawRow | undefined;
    return row ? toRemark(row) : null;
  };
  const toRegistration = (row: RawRow, prefix = ''): Registration => ({
    id: Number(row[`${prefix}id`]),
    userId: numberOrNull(row[`${prefix}userId`]),
    status: row[`${prefix}status`] as RegistrationStatus,
    invited: isTrue(row[`${prefix}invited`]),
    queue: Number(row[`${prefix}queue`]),
    code: String(row[`${prefix}code`]),
    checkedInAt: toDate(row[`${prefix}checkedInAt`]),
    publicName: textOrNull(row[`${prefix}publicName`]),
    organisation: textOrNull(row[`${prefix}organisation`]),
    territoryCode: textOrNull(row[`${prefix}territoryCode`]),
    createdAt: toDate(row[`${prefix}createdAt`])!,
  });
  const meetingColumns = (fields: Partial<MeetingFields>) =>
    meetings.toColumns({
      ...fields,
      ...(fields.services ? { services: JSON.stringify(fields.services) } : {}),
      ...(fields.agenda ? { agenda: JSON.stringify(fields.agenda) } : {}),
    });
  /** The place in the waitlist of the registration `g`: those waiting before it, plus one. */
  const positionOf = (db: Db) =>
    db({ w: registrations.table })
      .count('*')
      .where(`w.${registrations.column('meetingId')}`, db.ref(g('meetingId')))
      .where(`w.${registrations.column('status')}`, 'waitlisted')
      .where(`w.${registrations.column('queue')}`, '<=', db.ref(g('queue')));
  /** The list's filters, as a shape (which filters apply) whose values are bound at each call (prepared.ts). */
  type Shape = {
    publishedOnly: boolean;
    consultation: boolean;
    budget: boolean;
    territory: boolean;
    kind: boolean;
    from: boolean;
    to: boolean;
    placesLeft: boolean;
  };
  const shapeOf = (f: ListFilter): Shape => ({
    publishedOnly: f.publishedOnly,
    consultation: !!f.consultationDocumentId,
    budget: !!f.budgetDocumentId,
    territory: !!f.territoryCode,
    kind: !!f.kind,
    from: !!f.from,
    to: !!f.to,
    placesLeft: !!f.placesLeft,
  });
  const filtered = (q: Knex.QueryBuilder, f: Shape) => {
    if (f.publishedOnly) q.whereIn(m('status'), ['published', 'cancelled']);
    if (f.consultation) q.where(m('consultationDocumentId'), param('consultation'));
    if (f.budget) q.where(m('budgetDocumentId'), param('budget'));
    if (f.territory) q.where(m('territoryCode'), param('territory'));
    if (f.kind) q.where(m('kind'), param('kind'));
    if (f.from) q.where(m('endsAt'), '>=', param('from'));
    if (f.to) q.where(m('startsAt'), '<', param('to'));
    if (f.placesLeft)
      q.where(m('status'), 'published')
        .where(m('registrationEnabled'), true)
        .where((w) => w.whereNull(m('capacity')).orWhereRaw(`?? - ?? - ?? > 0`, [m('capacity'), m('reservedPlaces'), m('registeredCount')]));
    return q;
  };

  return {
    /** A meeting by id, documentId, slug, or `slugOrId`: its slug or its documentId (the link a contribution said there keeps). */
    async meetingBy(where: { slug?: string; documentId?: string; id?: number; slugOrId?: string }, db: Db = knex()): Promise<Meeting | null> {
      const q = db({ m: meetings.table }).select(meetings.select(MEETING_ATTRS, 'm'));
      const { slugOrId, ...exact } = where;
      if (slugOrId !== undefined) q.where((w) => w.where(m('slug'), slugOrId).orWhere(m('documentId'), slugOrId));
      for (const [k, v] of Object.entries(exact)) if (v !== undefined) q.where(m(k), v);
      const row = (await q.first()) as RawRow | undefined;
      return row ? toMeeting(row) : null;
    },

    /**
     * A meeting by slug and, for a signed-in person, their registration with its place in the waitlist: one statement
     * (a left join on the unique index, the position counted on the queue index), whatever the number of registrations.
     */
    async meetingWithRegistration(slug: string, userId: number | null): Promise<{ meeting: Meeting; registration: ViewerRegistration | null } | null> {
      const db = knex();
      // By its slug, or by its documentId (the link a contribution said there keeps, whatever the slug becomes).
      const q = db({ m: meetings.table })
        .select(meetings.select(MEETING_ATTRS, 'm'))
        .where((w) => w.where(m('slug'), slug).orWhere(m('documentId'), slug));
      if (userId !== null)
        q.leftJoin({ g: registrations.table }, (on) => on.on(g('meetingId'), m('id')).andOn(g('userId'), db.raw('?', [userId])))
          .select(Object.fromEntries(REGISTRATION_ATTRS.map((a) => [`r_${a}`, g(a)])))
          .select({ r_position: positionOf(db) });
      const row = (await q.first()) as RawRow | undefined;
      if (!row) return null;
      const registration =
        row.r_id === null || row.r_id === undefined
          ? null
          : { ...toRegistration(row, 'r_'), position: row.r_status === 'waitlisted' ? Number(row.r_position) : null };
      return { meeting: toMeeting(row), registration };
    },

    /**
     * A page of meetings, the soonest first (or the latest first for the past), with how many match counted by the
     * same statement (a window count); a second statement only for a page past the end. Each is built once per shape
     * of filters and then only bound (the list is the hot public read).
     */
    async list(filter: ListFilter, page: number, pageSize: number, order: 'asc' | 'desc'): Promise<{ rows: Meeting[]; total: number }> {
      const db = knex();
      const shape = shapeOf(filter);
      const values = {
        consultation: filter.consultationDocumentId,
        budget: filter.budgetDocumentId,
        territory: filter.territoryCode,
        kind: filter.kind,
        from: filter.from,
        to: filter.to,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      };
      const rows = await runPrepared<RawRow, Shape & { order: string }>(
        db,
        'meetings-page',
        { ...shape, order },
        (s) =>
          filtered(
            db({ m: meetings.table })
              .select(meetings.select(MEETING_ATTRS, 'm'))
              .select(db.raw('COUNT(*) OVER () AS ??', ['total'])),
            s
          )
            .orderBy(m('startsAt'), s.order)
            .orderBy(m('id'), s.order)
            .limit(numberParam('limit'))
            .offset(numberParam('offset')),
        values
      );
      if (rows.length || page === 1) return { rows: rows.map(toMeeting), total: rows.length ? Number(rows[0].total) : 0 };
      const [{ total }] = await runPrepared<{ total: number | string }, Shape>(
        db,
        'meetings-count',
        shape,
        (s) => filtered(db({ m: meetings.table }).count({ total: '*' }), s),
        values
      );
      return { rows: [], total: Number(total) };
    },

    /** A new meeting; a taken slug is a unique violation for the caller to turn into a field error. */
    async insertMeeting(fields: MeetingFields, now: Date): Promise<string> {
      const row = meetings.newRow({ registeredCount: 0, invitedCount: 0, waitlistCount: 0, queueSequence: 0 }, now);
      await knex()(meetings.table).insert({ ...row, ...meetingColumns(fields) });
      return String(row[meetings.column('documentId')]);
    },

    async updateMeeting(trx: Db, id: number, fields: Partial<MeetingFields & Pick<Meeting, 'cancellationReason' | 'cancelledAt'>>, now: Date) {
      await trx(meetings.table)
        .where(meetings.column('id'), id)
        .update({ ...meetingColumns(fields), [meetings.column('updatedAt')]: now });
    },

    /**
     * Takes the meeting's registration lock for the rest of the transaction and returns its counts as they are now,
     * and the next number in its queue. The first statement of every registration change is this write on the
     * meeting's row, so changes to one meeting's registrations run one after the other, whichever instance makes
     * them (PostgreSQL's row lock, SQLite's single writer), and every count read after it is exact.
     */
    async lock(trx: Knex.Transaction, meetingId: number): Promise<(Capacity & { queue: number }) | null> {
      const seq = meetings.column('queueSequence');
      const [row] = (await trx(meetings.table)
        .where(meetings.column('id'), meetingId)
        .update({ [seq]: trx.raw('?? + 1', [seq]) })
        .returning([...COUNTS.map((c) => meetings.column(c)), seq])) as RawRow[];
      if (!row) return null;
      const byAttr = Object.fromEntries(COUNTS.map((c) => [c, row[meetings.column(c)]]));
      return { ...toCapacity(byAttr), queue: Number(row[seq]) };
    },

    async setCounts(trx: Knex.Transaction, meetingId: number, counts: Pick<Capacity, 'registeredCount' | 'invitedCount' | 'waitlistCount'>) {
      const { registeredCount, invitedCount, waitlistCount } = counts;
      await trx(meetings.table).where(meetings.column('id'), meetingId).update(meetings.toColumns({ registeredCount, invitedCount, waitlistCount }));
    },

    async registrationOf(db: Db, meetingId: number, userId: number): Promise<Registration | null> {
      const row = (await db(registrations.table)
        .select(registrations.select(REGISTRATION_ATTRS))
        .where(registrations.column('meetingId'), meetingId)
        .where(registrations.column('userId'), userId)
        .first()) as RawRow | undefined;
      return row ? toRegistration(row) : null;
    },

    async insertRegistration(trx: Knex.Transaction, meetingId: number, row: NewRegistration & { queue: number }, now: Date): Promise<number> {
      const [inserted] = (await trx(registrations.table)
        .insert(registrations.newRow({ meetingId, ...row }, now))
        .returning([registrations.column('id')])) as RawRow[];
      return Number(inserted[registrations.column('id')]);
    },

    async updateRegistration(
      trx: Knex.Transaction,
      id: number,
      fields: Partial<NewRegistration & Pick<Registration, 'queue'>> & { cancelledAt?: Date | null },
      now: Date
    ) {
      await trx(registrations.table)
        .where(registrations.column('id'), id)
        .update({ ...registrations.toColumns(fields), [registrations.column('updatedAt')]: now });
    },

    /** The first `count` people waiting, in queue order, moved to a place; returns who they are, to tell them. */
    async promote(
      trx: Knex.Transaction,
      meetingId: number,
      count: number,
      now: Date
    ): Promise<{ id: number; userId: number | null; inviteeEmail: string | null; code: string }[]> {
      if (count <= 0) return [];
      const rows = (await trx(registrations.table)
        .select(registrations.select(['id', 'userId', 'inviteeEmail', 'code']))
        .where(registrations.column('meetingId'), meetingId)
        .where(registrations.column('status'), 'waitlisted')
        .orderBy(registrations.column('queue'))
        .limit(count)) as RawRow[];
      if (!rows.length) return [];
      await trx(registrations.table)
        .whereIn(
          registrations.column('id'),
          rows.map((r) => Number(r.id))
        )
        .update(registrations.toColumns({ status: 'registered', promotedAt: now, updatedAt: now }));
      return rows.map((r) => ({ id: Number(r.id), userId: numberOrNull(r.userId), inviteeEmail: textOrNull(r.inviteeEmail), code: String(r.code) }));
    },

    /**
     * Checks a code in, once: a conditional update on a confirmed place not yet checked in. When it changes nothing,
     * the registration as it is says why (unknown code, already checked in, not a confirmed place).
     */
    async checkIn(meetingId: number, code: string, by: string, at: Date, now: Date): Promise<{ done: boolean; registration: Registration | null }> {
      const db = knex();
      const where = (q: Knex.QueryBuilder) => q.where(registrations.column('meetingId'), meetingId).where(registrations.column('code'), code);
      const changed = await where(db(registrations.table))
        .where(registrations.column('status'), 'registered')
        .whereNull(registrations.column('checkedInAt'))
        .update(registrations.toColumns({ checkedInAt: at, checkedInBy: by, updatedAt: now }));
      const row = (await where(db(registrations.table).select(registrations.select(REGISTRATION_ATTRS))).first()) as RawRow | undefined;
      return { done: Number(changed) === 1, registration: row ? toRegistration(row) : null };
    },

    /** Staff's list: every registration with its person's name and address and its place in the waitlist. */
    /** Who was just checked in (their name as staff see it) and how many arrivals the meeting has: one statement. */
    async arrival(meetingId: number, registrationId: number): Promise<{ name: string; organisation: string | null; invited: boolean; checkedIn: number }> {
      const db = knex();
      const arrivals = db({ a: registrations.table })
        .count('*')
        .where(`a.${registrations.column('meetingId')}`, meetingId)
        .whereNotNull(`a.${registrations.column('checkedInAt')}`);
      const row = (await db({ g: registrations.table })
        .leftJoin({ u: users.table }, `u.${users.column('id')}`, g('userId'))
        .select({
          inviteeName: g('inviteeName'),
          publicName: g('publicName'),
          organisation: g('organisation'),
          invited: g('invited'),
          username: `u.${users.column('username')}`,
          checkedIn: arrivals,
        })
        .where(g('id'), registrationId)
        .first()) as RawRow;
      return {
        name: String(row.inviteeName ?? row.publicName ?? row.username ?? 'Compte supprimé'),
        organisation: textOrNull(row.organisation),
        invited: isTrue(row.invited),
        checkedIn: Number(row.checkedIn),
      };
    },

    async registrants(meetingId: number): Promise<StaffRegistrant[]> {
      const db = knex();
      const rows = (await db({ g: registrations.table })
        .leftJoin({ u: users.table }, `u.${users.column('id')}`, g('userId'))
        .select(Object.fromEntries(REGISTRATION_ATTRS.map((a) => [a, g(a)])))
        .select({
          inviteeName: g('inviteeName'),
          inviteeEmail: g('inviteeEmail'),
          username: `u.${users.column('username')}`,
          email: `u.${users.column('email')}`,
        })
        .where(g('meetingId'), meetingId)
        .orderBy(g('queue'))) as RawRow[];
      let waiting = 0;
      return rows.map((row) => {
        const r = toRegistration(row);
        return {
          ...r,
          name: String(row.inviteeName ?? row.publicName ?? row.username ?? 'Compte supprimé'),
          email: textOrNull(row.inviteeEmail ?? row.email),
          position: r.status === 'waitlisted' ? (waiting += 1) : null,
        };
      });
    },

    /**
     * The addresses of a meeting's registrants in the given states (accounts' and invitees', or accounts' only), for a
     * mail in `db`'s transaction.
     */
    async recipients(
      db: Db,
      meetingId: number,
      statuses: RegistrationStatus[],
      accountsOnly = false
    ): Promise<{ registrationId: number; email: string; code: string; status: RegistrationStatus }[]> {
      const q = db({ g: registrations.table });
      if (accountsOnly) q.whereNotNull(g('userId'));
      const rows = (await q
        .leftJoin({ u: users.table }, `u.${users.column('id')}`, g('userId'))
        .select({
          id: g('id'),
          code: g('code'),
          status: g('status'),
          inviteeEmail: g('inviteeEmail'),
          email: `u.${users.column('email')}`,
          blocked: `u.${users.column('blocked')}`,
        })
        .where(g('meetingId'), meetingId)
        .whereIn(g('status'), statuses)) as RawRow[];
      return rows.flatMap((r) => {
        const email = textOrNull(r.inviteeEmail ?? r.email);
        return email && !isTrue(r.blocked) ? [{ registrationId: Number(r.id), email, code: String(r.code), status: r.status as RegistrationStatus }] : [];
      });
    },

    /** The names of the registered people who agreed to appear on the public list, in registration order. */
    async publicAttendees(meetingId: number): Promise<{ name: string; organisation: string | null }[]> {
      const rows = (await knex()(registrations.table)
        .select(registrations.select(['publicName', 'organisation']))
        .where(registrations.column('meetingId'), meetingId)
        .where(registrations.column('status'), 'registered')
        .whereNotNull(registrations.column('publicName'))
        .orderBy(registrations.column('queue'))) as RawRow[];
      return rows.map((r) => ({ name: String(r.publicName), organisation: textOrNull(r.organisation) }));
    },

    /** Published meetings that start within `aheadMs` and whose reminder has not gone out. */
    async remindable(now: Date, aheadMs: number): Promise<Meeting[]> {
      const rows = (await knex()({ m: meetings.table })
        .select(meetings.select(MEETING_ATTRS, 'm'))
        .where(m('status'), 'published')
        .whereNull(m('reminderSentAt'))
        .where(m('startsAt'), '>', now)
        .where(m('startsAt'), '<=', new Date(now.getTime() + aheadMs))
        .limit(100)) as RawRow[];
      return rows.map(toMeeting);
    },

    /** The report of a meeting, as staff write it (the remarks period is set apart, by `proposeMinutes`). */
    async saveReport(meetingId: number, report: Omit<MeetingReport, 'minutesProposedAt' | 'remarksUntil'>, now: Date) {
      await knex()(meetings.table)
        .where(meetings.column('id'), meetingId)
        .update(
          meetings.toColumns({
            reportAttendees: report.attendees,
            reportOrganisations: JSON.stringify(report.organisations),
            reportMinutes: report.minutes,
            reportMediaLinks: JSON.stringify(report.mediaLinks),
            reportPublishedAt: report.publishedAt,
            updatedAt: now,
          })
        );
    },

    /** Opens the registrants' remarks period in `trx`: true for the one caller whose conditional update changed the row. */
    async proposeMinutes(trx: Knex.Transaction, meetingId: number, now: Date, until: Date): Promise<boolean> {
      const changed = await trx(meetings.table)
        .where(meetings.column('id'), meetingId)
        .whereNull(meetings.column('minutesProposedAt'))
        .whereNull(meetings.column('reportPublishedAt'))
        .update(meetings.toColumns({ minutesProposedAt: now, remarksUntil: until, updatedAt: now }));
      return Number(changed) === 1;
    },

    remarkOf,

    /** Writes a person's remark, or replaces the one they sent (one per person: the unique index, one statement). */
    async saveRemark(meetingId: number, userId: number, body: string, now: Date): Promise<Remark> {
      const row = remarks.newRow({ meetingId, userId, body, status: 'received' }, now);
      await knex()(remarks.table)
        .insert(row)
        .onConflict([remarks.column('meetingId'), remarks.column('userId')])
        .merge(remarks.toColumns({ body, updatedAt: now }));
      return (await remarkOf(meetingId, userId))!;
    },

    /** Withdraws a person's remark; false when there was none. */
    async deleteRemark(meetingId: number, userId: number): Promise<boolean> {
      const deleted = await knex()(remarks.table).where(remarks.column('meetingId'), meetingId).where(remarks.column('userId'), userId).delete();
      return Number(deleted) > 0;
    },

    /** A meeting's remarks in the order they came, with their author's account name for staff (`withAuthors`). */
    async remarks(meetingId: number, withAuthors: boolean): Promise<(Remark & { authorName: string | null })[]> {
      const r = (attr: string) => `r.${remarks.column(attr)}`;
      const q = knex()({ r: remarks.table })
        .select(remarks.select(REMARK_ATTRS, 'r'))
        .where(r('meetingId'), meetingId)
        .orderBy(r('createdAt'))
        .orderBy(r('id'));
      if (withAuthors) q.leftJoin({ u: users.table }, `u.${users.column('id')}`, r('userId')).select({ authorName: `u.${users.column('username')}` });
      const rows = (await q) as RawRow[];
      return rows.map((row) => ({ ...toRemark(row), authorName: textOrNull(row.authorName) }));
    },

    /** Withholds a remark from publication (with the reason, said publicly in place of it), or gives it back; false when not found. */
    async setRemarkStatus(meetingId: number, remarkId: number, status: RemarkStatus, reason: string | null, now: Date): Promise<boolean> {
      const changed = await knex()(remarks.table)
        .where(remarks.column('meetingId'), meetingId)
        .where(remarks.column('id'), remarkId)
        .update(remarks.toColumns({ status, withheldReason: status === 'withheld' ? reason : null, updatedAt: now }));
      return Number(changed) === 1;
    },

    /** A person's remarks with their meeting, for their data export. */
    async remarksOfUser(userId: number) {
      const rows = (await knex()({ r: remarks.table })
        .join({ m: meetings.table }, m('id'), `r.${remarks.column('meetingId')}`)
        .select({ meeting: m('title'), slug: m('slug') })
        .select(remarks.select(['body', 'status', 'createdAt', 'updatedAt'], 'r'))
        .where(`r.${remarks.column('userId')}`, userId)
        .orderBy(`r.${remarks.column('id')}`)) as RawRow[];
      return rows.map((r) => ({
        meeting: String(r.meeting),
        slug: String(r.slug),
        body: String(r.body),
        status: r.status as RemarkStatus,
        sentAt: toDate(r.createdAt)!.toISOString(),
        updatedAt: toDate(r.updatedAt)!.toISOString(),
      }));
    },

    /**
     * A person's remarks, on erasure: withdrawn where the minutes are not published yet; kept without their account
     * where they are (they were published without a name, as part of the meeting's record).
     */
    async eraseRemarks(trx: Db, userId: number) {
      const published = trx(meetings.table).select(meetings.column('id')).whereNotNull(meetings.column('reportPublishedAt'));
      await trx(remarks.table).where(remarks.column('userId'), userId).whereNotIn(remarks.column('meetingId'), published).delete();
      await trx(remarks.table)
        .where(remarks.column('userId'), userId)
        .update(remarks.toColumns({ userId: null }));
    },

    /** The arrivals checked in at the door, by the commune each person declared (null: not declared): one statement. */
    async attendance(meetingId: number): Promise<{ territoryCode: string | null; count: number }[]> {
      const rows = (await knex()(registrations.table)
        .select({ territoryCode: registrations.column('territoryCode') })
        .count({ count: '*' })
        .where(registrations.column('meetingId'), meetingId)
        .whereNotNull(registrations.column('checkedInAt'))
        .groupBy(registrations.column('territoryCode'))) as RawRow[];
      return rows.map((r) => ({ territoryCode: textOrNull(r.territoryCode), count: Number(r.count) }));
    },

    /** Claims a meeting's reminder in `trx`: true for the one instance whose conditional update changed the row. */
    async claimReminder(trx: Knex.Transaction, meetingId: number, now: Date): Promise<boolean> {
      const changed = await trx(meetings.table)
        .where(meetings.column('id'), meetingId)
        .whereNull(meetings.column('reminderSentAt'))
        .update(meetings.toColumns({ reminderSentAt: now }));
      return Number(changed) === 1;
    },

    /** A person's registrations with their meeting, for their data export. */
    async registrationsOfUser(userId: number, db: Db = knex()) {
      const rows = (await db({ g: registrations.table })
        .join({ m: meetings.table }, m('id'), g('meetingId'))
        .select({ meeting: m('title'), slug: m('slug'), startsAt: m('startsAt'), status: g('status'), code: g('code'), checkedInAt: g('checkedInAt') })
        .select({ publicName: g('publicName'), organisation: g('organisation'), territoryCode: g('territoryCode'), createdAt: g('createdAt') })
        .where(g('userId'), userId)
        .orderBy(g('id'))) as RawRow[];
      return rows.map((r) => ({
        meeting: String(r.meeting),
        slug: String(r.slug),
        startsAt: toDate(r.startsAt)!.toISOString(),
        status: r.status as RegistrationStatus,
        code: String(r.code),
        checkedInAt: toDate(r.checkedInAt)?.toISOString() ?? null,
        publicName: textOrNull(r.publicName),
        organisation: textOrNull(r.organisation),
        territoryCode: textOrNull(r.territoryCode),
        registeredAt: toDate(r.createdAt)!.toISOString(),
      }));
    },

    /** The meetings where a person holds a registration that is not cancelled (their erasure frees them). */
    async activeMeetingsOf(trx: Db, userId: number): Promise<number[]> {
      const rows = (await trx(registrations.table)
        .select(registrations.column('meetingId'))
        .where(registrations.column('userId'), userId)
        .whereNot(registrations.column('status'), 'cancelled')) as RawRow[];
      return rows.map((r) => Number(r[registrations.column('meetingId')]));
    },

    /** A person's registrations, once cancelled, kept as anonymous rows (the counts and the check-in history hold). */
    async anonymiseUser(trx: Db, userId: number) {
      await trx(registrations.table)
        .where(registrations.column('userId'), userId)
        .update(registrations.toColumns({ userId: null, publicName: null, organisation: null }));
    },
  };
}

export type MeetingsRepository = ReturnType<typeof buildRepository>;
