import type { Core } from '@strapi/strapi';
import type * as z from 'zod/v4';
import { fail, notFound } from '../../platform/errors';
import { frenchDateTime, publicationRefusal, reportRefusal, stateAt } from '../domain/rules';
import type { reportBody } from '../inputs';
import { meetingsRepository } from '../repository';
import { windowOf } from './minutes';

/**
 * Writes a meeting's report once it has started: attendees (or the arrivals checked in), organisations present,
 * minutes, media links; public once published (its first publication date is kept when it is edited again), and not
 * before the end of the registrants' remarks period when the minutes were proposed to them.
 */
export async function saveReport(strapi: Core.Strapi, documentId: string, input: z.infer<typeof reportBody>, now = new Date()) {
  const repo = meetingsRepository(strapi);
  const m = await repo.meetingBy({ documentId });
  if (!m) throw notFound('Réunion introuvable.');
  const refusal = reportRefusal(stateAt(m, now));
  if (refusal) throw fail(refusal);
  const waiting = input.published && !m.report.publishedAt ? publicationRefusal(windowOf(m, now)) : null;
  if (waiting)
    throw fail(waiting, `Les inscrit·es peuvent faire leurs remarques jusqu’au ${frenchDateTime(m.report.remarksUntil!)} : le bilan se publie ensuite.`);
  await repo.saveReport(
    m.id,
    {
      attendees: input.attendees,
      organisations: input.organisations,
      minutes: input.minutes?.trim() || null,
      mediaLinks: input.mediaLinks,
      publishedAt: input.published ? (m.report.publishedAt ?? now) : null,
    },
    now
  );
}
