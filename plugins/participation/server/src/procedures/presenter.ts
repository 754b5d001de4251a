import type * as z from 'zod/v4';
import { calendarOf, factsOf, NOTICE_MENTIONS, PROCEDURES, reportLabel, type NoticeField, type ProcedureSettings } from './domain/rules';
import type { ObservationScan, ProcedureReport, RegisterEntry } from './repository';
import type { Procedure } from './schemas';

/** A consultation's procedure as the public API shows it, or null for a free consultation. */
export function presentProcedure(
  settings: ProcedureSettings | undefined,
  dates: { opensAt: Date | null; closesAt: Date | null; resultsPublishedAt?: Date | null }
): z.infer<typeof Procedure> | null {
  if (!settings || settings.kind === 'libre') return null;
  const template = PROCEDURES[settings.kind];
  return {
    kind: settings.kind,
    label: template.label,
    articles: template.articles,
    overseer: template.overseer ? { role: template.overseer.kind, name: settings.overseerName } : null,
    noticePublishedAt: settings.noticePublishedAt,
    environmentalAssessment: settings.environmentalAssessment,
    notice: template.notice
      ? {
          article: template.notice.article,
          mentions: template.notice.mentions.map((field) => ({
            key: mentionKey(field),
            label: NOTICE_MENTIONS[field],
            text: settings.notice?.[field] ?? null,
          })),
        }
      : null,
    // A snapshot written before the notice's mentions existed has none.
    dossierSummary: settings.dossierSummary ?? null,
    calendar: calendarOf(factsOf(settings, dates.opensAt, dates.closesAt), dates.resultsPublishedAt ?? null),
  };
}

/** `noticeDossierPlaces` as the API names it: `dossierPlaces`. */
const mentionKey = (field: NoticeField) =>
  (field.charAt(6).toLowerCase() + field.slice(7)) as 'projectOwner' | 'decision' | 'dossierPlaces' | 'observationAddresses';

/** A published report or response, labelled as its procedure calls it. */
export const presentReport = (kind: Parameters<typeof reportLabel>[0], r: ProcedureReport) => ({
  kind: r.kind,
  label: reportLabel(kind, r.kind),
  title: r.title,
  body: r.body,
  date: r.reportDate,
  author: r.authorName,
  publishedAt: r.publishedAt.toISOString(),
});

/** An entry as the public reads it: the text only once moderation published it; the author's name on the page only, never in the export. */
export function presentEntry(e: RegisterEntry, withAuthor = true, scans: ObservationScan[] = []) {
  const visible = e.visibility === 'published';
  return {
    number: e.number,
    receivedAt: e.receivedAt.toISOString(),
    channel: e.channel,
    visibility: e.visibility,
    title: visible ? e.title : null,
    body: visible ? e.body : null,
    territoryCode: visible ? e.territoryCode : null,
    authorName: visible && withAuthor ? e.authorName : null,
    textHash: e.textHash,
    previousHash: e.previousHash,
    entryHash: e.entryHash,
    // A scan reaches the public with its published observation, and only when the agent said it may (details masked).
    attachments: visible ? scans.filter((scan) => scan.publishable).map(presentScan) : [],
  };
}

/** A scan as it is listed: its name, kind, size and SHA-256, and where to read it (an absolute address). */
export const presentScan = (scan: ObservationScan) => ({ name: scan.name, mime: scan.mime, bytes: scan.bytes, sha256: scan.sha256, url: scan.url });
