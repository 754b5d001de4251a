import type { Core } from '@strapi/strapi';
import ical from 'ical-generator';
import type * as z from 'zod/v4';
import type { Citizen } from '../platform/citizen';
import { notFound } from '../platform/errors';
import { meetingPage, serverUrl } from '../platform/links';
import { territoryNames } from '../territories/public';
import { paginationMeta } from '../platform/validation';
import { meetingContributions } from '../contributions/public';
import { questionnaireLink } from '../questionnaires/public';
import { KIND_LABELS, placesLeft, publicPlaces, registrationRefusal, remarkRefusal, SERVICE_LABELS, STATE_LABELS, stateAt } from './domain/rules';
import { windowOf } from './commands/minutes';
import type { adminMeetingsQuery, meetingContributionsQuery, meetingsQuery } from './inputs';
import { meetingsRepository, type Meeting } from './repository';

/** The public and staff reads of meetings, each in a bounded number of statements whatever the number of registrations. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const repo = () => meetingsRepository(strapi);
  const apiBase = () => `${serverUrl(strapi)}/api/participation/meetings`;

  const summary = (m: Meeting, now: Date) => {
    const state = stateAt(m, now);
    return {
      documentId: m.documentId,
      slug: m.slug,
      title: m.title,
      kind: m.kind,
      kindLabel: KIND_LABELS[m.kind],
      state,
      stateLabel: STATE_LABELS[state],
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      consultationDocumentId: m.consultationDocumentId,
      budgetDocumentId: m.budgetDocumentId,
      territoryCode: m.territoryCode,
      communeName: m.communeName,
      address: m.address,
      services: m.services.map((key) => ({ key, label: SERVICE_LABELS[key] })),
      registration: {
        enabled: m.registrationEnabled,
        places: m.registrationEnabled ? publicPlaces(m) : null,
        placesLeft: m.registrationEnabled ? placesLeft(m) : null,
        waitlist: m.registrationEnabled && m.waitlistEnabled,
        waiting: m.waitlistCount,
        open: registrationRefusal(state, m) === null,
      },
    };
  };

  /** What a report says, with the arrivals counted by the database by declared commune (named from the territories). */
  const reportOf = async (m: Meeting) => {
    const [attendance, remarks, said] = await Promise.all([
      repo().attendance(m.id),
      m.report.minutesProposedAt ? repo().remarks(m.id, false) : Promise.resolve([]),
      meetingContributions(strapi, m.documentId, true, 1, 0),
    ]);
    const codes = attendance.flatMap((a) => (a.territoryCode ? [a.territoryCode] : []));
    const names = codes.length ? await territoryNames(strapi, codes) : new Map<string, string>();
    const checkedIn = attendance.reduce((n, a) => n + a.count, 0);
    return {
      attendees: m.report.attendees ?? checkedIn,
      checkedIn,
      byCommune: attendance
        .filter((a) => a.territoryCode)
        .map((a) => ({ code: a.territoryCode!, name: names.get(a.territoryCode!) ?? a.territoryCode!, count: a.count }))
        .sort((x, y) => y.count - x.count || x.name.localeCompare(y.name, 'fr')),
      organisations: m.report.organisations,
      minutes: m.report.minutes,
      mediaLinks: m.report.mediaLinks,
      remarksUntil: m.report.remarksUntil?.toISOString() ?? null,
      // Published without a name; a remark staff withhold is said to be, with the reason, in its place.
      remarks: remarks.map((r) =>
        r.status === 'withheld'
          ? { text: null, withheldReason: r.withheldReason ?? 'Non publiée.', sentAt: r.createdAt.toISOString() }
          : { text: r.body, withheldReason: null, sentAt: r.createdAt.toISOString() }
      ),
      contributionsCount: said.total,
    };
  };

  const staffCounts = (m: Meeting) => ({ registered: m.registeredCount, invited: m.invitedCount, waiting: m.waitlistCount });

  return {
    /** Published (and cancelled) meetings: upcoming and ongoing ones the soonest first, or past ones the latest first. */
    async list(query: z.infer<typeof meetingsQuery>, now = new Date()) {
      const past = query.past === true;
      const { rows, total } = await repo().list(
        {
          publishedOnly: true,
          consultationDocumentId: query.consultation,
          budgetDocumentId: query.budget,
          territoryCode: query.territory,
          kind: query.kind,
          placesLeft: query.placesLeft,
          ...(past
            ? { to: query.to ? new Date(query.to) : now }
            : { from: query.from ? new Date(query.from) : now, to: query.to ? new Date(query.to) : undefined }),
        },
        query.page,
        query.pageSize,
        past ? 'desc' : 'asc'
      );
      return { data: rows.map((m) => summary(m, now)), meta: { pagination: paginationMeta(query.page, query.pageSize, total) } };
    },

    /** A meeting's page and what the viewer can do there: one statement. */
    async detail(slug: string, citizen: Citizen | null, now = new Date()) {
      const found = await repo().meetingWithRegistration(slug, citizen?.id ?? null);
      if (!found || found.meeting.status === 'draft') throw notFound('Réunion introuvable.');
      const { meeting: m, registration: r } = found;
      const base = summary(m, now);
      const questions = m.registrationQuestionnaireDocumentId ? await questionnaireLink(strapi, m.registrationQuestionnaireDocumentId) : null;
      const active = r && r.status !== 'cancelled';
      return {
        data: {
          ...base,
          description: m.description,
          accessibility: m.accessibility,
          agenda: m.agenda,
          registrationTerms: m.registrationTerms,
          registrationQuestionnaire: questions?.published ? { slug: questions.slug, title: questions.title } : null,
          attendeesPublic: m.attendeesPublic,
          cancellationReason: m.cancellationReason,
          reportPublished: m.report.publishedAt !== null,
          remarksUntil: windowOf(m, now) === 'open' ? m.report.remarksUntil!.toISOString() : null,
          calendarUrl: `${apiBase()}/${m.slug}/calendar.ics`,
          viewer: {
            signedIn: citizen !== null,
            canRegister: base.registration.open && !active && (base.registration.placesLeft !== 0 || base.registration.waitlist),
            status: r?.status ?? null,
            position: r?.position ?? null,
            canRemark: remarkRefusal(windowOf(m, now), r?.status ?? null) === null,
          },
        },
      };
    },

    /**
     * The published report: attendees (as staff counted them, else the arrivals checked in), the arrivals by the
     * commune each declared, organisations, minutes, media; null while it is not published. Two statements.
     */
    async report(slug: string) {
      const m = await repo().meetingBy({ slugOrId: slug });
      if (!m || m.status === 'draft') throw notFound('Réunion introuvable.');
      if (!m.report.publishedAt) return { data: null };
      return { data: { ...(await reportOf(m)), publishedAt: m.report.publishedAt.toISOString() } };
    },

    /** The registered people who agreed to appear, when the meeting publishes its list (else an empty list). */
    async attendees(slug: string) {
      const m = await repo().meetingBy({ slugOrId: slug });
      if (!m || m.status === 'draft') throw notFound('Réunion introuvable.');
      return { data: m.attendeesPublic ? await repo().publicAttendees(m.id) : [] };
    },

    /** The meeting as an iCalendar event (cancelled: `STATUS:CANCELLED`, so calendars that imported it update). */
    async calendar(slug: string): Promise<string> {
      const m = await repo().meetingBy({ slugOrId: slug });
      if (!m || m.status === 'draft') throw notFound('Réunion introuvable.');
      const host = new URL(serverUrl(strapi)).hostname;
      const calendar = ical({
        name: m.title,
        prodId: { company: 'Participer', product: 'reunions', language: 'FR' },
        url: `${apiBase()}/${m.slug}/calendar.ics`,
      });
      calendar.createEvent({
        id: `${m.documentId}@${host}`,
        start: m.startsAt,
        end: m.endsAt,
        stamp: m.updatedAt,
        summary: m.status === 'cancelled' ? `Annulée : ${m.title}` : m.title,
        description: [m.description, `${KIND_LABELS[m.kind]}.`, meetingPage(strapi, m.slug)].filter(Boolean).join('\n\n'),
        location: m.kind === 'online' ? 'En ligne' : [m.address, m.communeName].filter(Boolean).join(', '),
        url: meetingPage(strapi, m.slug),
        status: m.status === 'cancelled' ? ('CANCELLED' as never) : ('CONFIRMED' as never),
      });
      return calendar.toString();
    },

    /** Staff's list: every meeting with its counts, the latest to start first. Two statements. */
    async adminList(query: z.infer<typeof adminMeetingsQuery>, now = new Date()) {
      const { rows, total } = await repo().list({ publishedOnly: false, consultationDocumentId: query.consultation }, query.page, query.pageSize, 'desc');
      return {
        data: rows.map((m) => {
          const state = stateAt(m, now);
          return {
            documentId: m.documentId,
            slug: m.slug,
            title: m.title,
            kind: m.kind,
            state,
            stateLabel: STATE_LABELS[state],
            startsAt: m.startsAt.toISOString(),
            endsAt: m.endsAt.toISOString(),
            communeName: m.communeName,
            consultationDocumentId: m.consultationDocumentId,
            capacity: m.capacity,
            reservedPlaces: m.reservedPlaces,
            ...staffCounts(m),
          };
        }),
        meta: { pagination: paginationMeta(query.page, query.pageSize, total) },
      };
    },

    async adminDetail(documentId: string, now = new Date()) {
      const m = await repo().meetingBy({ documentId });
      if (!m) throw notFound('Réunion introuvable.');
      const state = stateAt(m, now);
      return {
        data: {
          documentId: m.documentId,
          title: m.title,
          slug: m.slug,
          description: m.description,
          kind: m.kind,
          published: m.status !== 'draft',
          state,
          stateLabel: STATE_LABELS[state],
          consultationDocumentId: m.consultationDocumentId,
          budgetDocumentId: m.budgetDocumentId,
          startsAt: m.startsAt.toISOString(),
          endsAt: m.endsAt.toISOString(),
          territoryCode: m.territoryCode,
          communeName: m.communeName,
          address: m.address,
          accessibility: m.accessibility,
          services: m.services,
          agenda: m.agenda,
          onlineUrl: m.onlineUrl,
          onlineUrlRevealed: m.onlineUrlRevealed,
          registrationEnabled: m.registrationEnabled,
          capacity: m.capacity,
          reservedPlaces: m.reservedPlaces,
          waitlistEnabled: m.waitlistEnabled,
          registrationTerms: m.registrationTerms,
          registrationQuestionnaireDocumentId: m.registrationQuestionnaireDocumentId,
          attendeesPublic: m.attendeesPublic,
          cancellationReason: m.cancellationReason,
          report: {
            ...(await reportOf(m)),
            attendeesEntered: m.report.attendees,
            published: m.report.publishedAt !== null,
            publishedAt: m.report.publishedAt?.toISOString() ?? null,
            minutesProposedAt: m.report.minutesProposedAt?.toISOString() ?? null,
            remarksWindow: windowOf(m, now),
          },
          ...staffCounts(m),
        },
      };
    },

    /** The contributions said at the meeting (published ones for the public, all with their status for staff), in order. */
    async contributions(slugOrId: { slugOrId: string } | { documentId: string }, query: z.infer<typeof meetingContributionsQuery>, staff = false) {
      const m = await repo().meetingBy(slugOrId);
      if (!m || (!staff && m.status === 'draft')) throw notFound('Réunion introuvable.');
      const { rows, total } = await meetingContributions(strapi, m.documentId, !staff, query.pageSize, (query.page - 1) * query.pageSize);
      const codes = [...new Set(rows.flatMap((c) => (c.territoryCode ? [c.territoryCode] : [])))];
      const names = codes.length ? await territoryNames(strapi, codes) : new Map<string, string>();
      return {
        data: rows.map((c) => ({
          documentId: c.documentId,
          consultationDocumentId: c.consultationDocumentId,
          title: c.title,
          body: c.body,
          territory: c.territoryCode ? { inseeCode: c.territoryCode, name: names.get(c.territoryCode) ?? null } : null,
          author: { displayName: c.authorName ?? 'Anonyme' },
          provenance: c.provenance ?? '',
          createdAt: c.createdAt.toISOString(),
          counts: { supports: c.supportsCount, comments: c.commentsCount },
          officialAnswer: c.officialAnswerStatus ? { status: c.officialAnswerStatus, answeredAt: c.officialAnswerAt?.toISOString() ?? null } : null,
          ...(staff ? { status: c.status } : {}),
        })),
        meta: { pagination: paginationMeta(query.page, query.pageSize, total) },
      };
    },

    /** The remarks registrants sent on the proposed minutes, with their author's name and whether staff withhold them. */
    async remarks(documentId: string) {
      const m = await repo().meetingBy({ documentId });
      if (!m) throw notFound('Réunion introuvable.');
      const rows = await repo().remarks(m.id, true);
      return {
        data: rows.map((r) => ({
          id: r.id,
          authorName: r.authorName ?? 'Compte supprimé',
          body: r.body,
          withheld: r.status === 'withheld',
          withheldReason: r.withheldReason,
          sentAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
        meta: { remarksUntil: m.report.remarksUntil?.toISOString() ?? null, window: windowOf(m, new Date()) },
      };
    },

    /** Registrants in queue order, with their name, address, code and check-in: the list staff print or check from. */
    async registrants(documentId: string) {
      const m = await repo().meetingBy({ documentId });
      if (!m) throw notFound('Réunion introuvable.');
      const rows = await repo().registrants(m.id);
      return {
        data: rows.map((r) => ({
          id: r.id,
          name: r.name,
          email: r.email,
          status: r.status,
          invited: r.invited,
          position: r.position,
          code: r.code,
          checkedInAt: r.checkedInAt?.toISOString() ?? null,
          organisation: r.organisation,
          territoryCode: r.territoryCode,
          registeredAt: r.createdAt.toISOString(),
        })),
      };
    },
  };
};
