import type { Core } from '@strapi/strapi';
import { meetingsRepository } from './repository';

/** What other capabilities may use of meetings. */

/** Published (and cancelled) meetings from `since` on, the soonest first, for the calendar feed: one statement. */
export async function calendarMeetings(strapi: Core.Strapi, since: Date, limit: number) {
  const { rows } = await meetingsRepository(strapi).list({ publishedOnly: true, from: since }, 1, limit, 'asc');
  return rows.map((m) => ({
    documentId: m.documentId,
    slug: m.slug,
    title: m.title,
    description: m.description,
    kind: m.kind,
    cancelled: m.status === 'cancelled',
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    place: m.kind === 'online' ? 'En ligne' : [m.address, m.communeName].filter(Boolean).join(', '),
    updatedAt: m.updatedAt,
  }));
}
