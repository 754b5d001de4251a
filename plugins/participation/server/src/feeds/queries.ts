import type { Core } from '@strapi/strapi';
import { Feed } from 'feed';
import ical from 'ical-generator';
import { feedRows } from '../consultations/public';
import { calendarMeetings } from '../meetings/public';
import { jsonColumn, type ConsultationCard } from '../consultations/domain/snapshot';
import { PUBLIC_STATUSES } from '../consultations/domain/lifecycle';
import { consultationPage, meetingPage, serverUrl, siteUrl } from '../platform/links';
import { toDate } from '../platform/database/rows';

/**
 * Staff text as a feed reader must read it: Atom declares titles and summaries `type="html"`, and RSS readers render
 * them as HTML, so `<script>` in a consultation title would be live markup there. The text is HTML-escaped (then
 * wrapped in CDATA by the feed library, which `]]>` could no longer close: its `>` is escaped too).
 */
const htmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** How many consultations a feed lists, newest first. */
const FEED_SIZE = 50;
/** How many meetings the calendar holds, the soonest first. */
const MEETINGS_IN_CALENDAR = 500;

type FeedEntry = {
  documentId: string;
  slug: string;
  card: ConsultationCard;
  status: string;
  opensAt: Date | null;
  closesAt: Date | null;
  publishedAt: Date;
  resultsAt: Date | null;
};
export type FeedKind = 'consultations' | 'results';
export type FeedFormat = 'rss' | 'atom';

/**
 * RSS 2.0 and Atom feeds of consultations and of published results, and an iCalendar of opening and closing
 * dates: built from the public cards only (never a draft), with links to the citizen site. Their ETag comes from
 * the body, as for every public read.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function entries(kind: FeedKind): Promise<FeedEntry[]> {
    const rows = await feedRows(strapi, kind, kind === 'results' ? ['results_published', 'archived'] : PUBLIC_STATUSES, FEED_SIZE);
    return rows.flatMap((r) => {
      const card = jsonColumn<ConsultationCard>(r.card);
      if (!card) return [];
      const opensAt = toDate(r.opensAt);
      return [
        {
          documentId: String(r.consultationDocumentId),
          slug: String(r.slug),
          card,
          status: String(r.status),
          opensAt,
          closesAt: toDate(r.closesAt),
          publishedAt: toDate(r.openedAt) ?? opensAt ?? toDate(r.createdAt) ?? new Date(0),
          resultsAt: toDate(r.resultsAt),
        },
      ];
    });
  }

  const apiBase = () => `${serverUrl(strapi)}/api/participation/feeds`;

  return {
    async feed(kind: FeedKind, format: FeedFormat): Promise<string> {
      const list = await entries(kind);
      const dated = (e: FeedEntry) => (kind === 'results' ? (e.resultsAt ?? e.publishedAt) : e.publishedAt);
      const feed = new Feed({
        id: `${apiBase()}/${kind}.${format}`,
        title: kind === 'results' ? 'Participer — résultats des consultations' : 'Participer — consultations',
        description:
          kind === 'results'
            ? 'Les résultats publiés des consultations citoyennes : synthèse, décisions et réponses apportées.'
            : 'Les consultations citoyennes ouvertes, à venir et passées.',
        link: siteUrl(strapi),
        language: 'fr',
        updated: list.length ? new Date(Math.max(...list.map((e) => dated(e).getTime()))) : new Date(0),
        generator: 'Participer',
        copyright: 'Licence Ouverte 2.0 (Etalab)',
        feedLinks: { rss: `${apiBase()}/${kind}.rss`, atom: `${apiBase()}/${kind}.atom` },
      });
      for (const e of list) {
        feed.addItem({
          id: `${consultationPage(strapi, e.slug)}${kind === 'results' ? '#resultats' : ''}`,
          link: consultationPage(strapi, e.slug),
          title: htmlText(kind === 'results' ? `Résultats : ${e.card.title}` : e.card.title),
          description: e.card.summary ? htmlText(e.card.summary) : undefined,
          date: dated(e),
          category: e.card.themes.map((t) => ({ name: t.name, term: t.slug })),
        });
      }
      return format === 'rss' ? feed.rss2() : feed.atom1();
    },

    /**
     * Opening and closing of every public consultation, as two events each, and the public meetings of the last 30
     * days and to come (a cancelled one marked so), stable across calls.
     */
    async calendar(): Promise<string> {
      const [list, meetings] = await Promise.all([
        entries('consultations'),
        calendarMeetings(strapi, new Date(Date.now() - 30 * 86_400_000), MEETINGS_IN_CALENDAR),
      ]);
      const host = new URL(serverUrl(strapi)).hostname;
      const calendar = ical({
        name: 'Participer — consultations et réunions publiques',
        prodId: { company: 'Participer', product: 'consultations', language: 'FR' },
        url: `${apiBase()}/calendar.ics`,
        ttl: 3600,
      });
      for (const e of list) {
        for (const [moment, at, label] of [
          ['ouverture', e.opensAt, 'Ouverture'],
          ['cloture', e.closesAt, 'Clôture'],
        ] as const) {
          if (!at) continue;
          calendar.createEvent({
            id: `${e.documentId}-${moment}@${host}`,
            start: at,
            end: new Date(at.getTime() + 60 * 60_000),
            stamp: e.publishedAt,
            summary: `${label} de la consultation « ${e.card.title} »`,
            description: e.card.summary ?? undefined,
            url: consultationPage(strapi, e.slug),
          });
        }
      }
      for (const m of meetings)
        calendar.createEvent({
          id: `${m.documentId}@${host}`,
          start: m.startsAt,
          end: m.endsAt,
          stamp: m.updatedAt,
          summary: m.cancelled ? `Annulée : ${m.title}` : m.title,
          description: m.description ?? undefined,
          location: m.place,
          url: meetingPage(strapi, m.slug),
          status: (m.cancelled ? 'CANCELLED' : 'CONFIRMED') as never,
        });
      return calendar.toString();
    },
  };
};
