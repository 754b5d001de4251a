import type { Core } from '@strapi/strapi';
import { CONSULTATION_UID, findLifecycle } from '../consultations/public';
import { PERMISSIONS } from '../permissions';
import { getService } from '../platform/services';
import { staffHolding } from '../platform/staff';
import { transaction } from '../platform/database/transaction';
import { calendarOf, factsOf, frenchDay, parisDay, PROCEDURES, addDays, settingsOf, type CalendarItem } from './domain/rules';
import { registerRepository } from './repository';

export const REMINDER_EVENT = 'participation.procedure.reminder';
/** How long before a due date its reminder goes out. */
const AHEAD_DAYS = 7;

type Due = { key: CalendarItem['key']; label: string; date: string; article: string | null; toOverseer: boolean };

/**
 * Reminders of a procedure's legal due dates, a week ahead (and at once if the date is nearer): the notice to publish
 * before the opening, the overseer's report after the closing, the owner's response after the report. To the agents
 * who configure consultations, and to the garant or commissaire enquêteur for their report. Once per recipient and
 * due date, whatever the instance or the run: the mail's outbox id is made of them (unique index).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  function dueItems(status: string, calendar: CalendarItem[], noticeOut: boolean, published: string[]): Due[] {
    const item = (key: CalendarItem['key']) => calendar.find((i) => i.key === key && i.date);
    const due: Due[] = [];
    const notice = item('notice');
    if (notice && !noticeOut && ['draft', 'scheduled'].includes(status))
      due.push({ key: 'notice', label: 'publier l’avis au public', date: notice.date!, article: notice.article, toOverseer: false });
    const closed = ['closed', 'results_published', 'archived'].includes(status);
    const report = item('report');
    if (report && closed && !published.includes('report'))
      due.push({ key: 'report', label: `publier : ${report.label}`, date: report.date!, article: report.article, toOverseer: true });
    const response = item('response');
    if (response && published.includes('report') && !published.includes('response'))
      due.push({ key: 'response', label: `publier : ${response.label}`, date: response.date!, article: response.article, toOverseer: false });
    return due;
  }

  return {
    async remind(now = new Date()) {
      const docs = (await strapi.documents(CONSULTATION_UID).findMany({
        status: 'published',
        filters: { procedure: { $notIn: ['libre'] } },
        fields: ['documentId', 'title', 'procedure', 'procedureNoticeAt', 'environmentalAssessment', 'overseerName', 'overseerEmail'],
        limit: 1000,
      } as never)) as unknown as ({ documentId: string; title: string; overseerEmail?: string | null } & Record<string, unknown>)[];
      if (!docs.length) return { mails: 0 };
      const agents = await staffHolding(strapi, PERMISSIONS.consultationConfigure);
      const reports = await registerRepository(strapi).reports(docs.map((d) => d.documentId));
      const horizon = addDays(parisDay(now), AHEAD_DAYS);
      const base = strapi.config.get('server.url') || '';
      let mails = 0;
      for (const doc of docs) {
        const row = await findLifecycle(strapi, doc.documentId);
        if (!row) continue;
        const settings = settingsOf(doc);
        const calendar = calendarOf(factsOf(settings, row.opensAt, row.closesAt));
        const published = (reports.get(doc.documentId) ?? []).map((r) => r.kind);
        for (const due of dueItems(row.status, calendar, !!settings.noticePublishedAt, published).filter((d) => d.date <= horizon)) {
          const recipients = [
            ...new Set([...agents.map((a) => a.email.toLowerCase()), ...(due.toOverseer && doc.overseerEmail ? [doc.overseerEmail.toLowerCase()] : [])]),
          ];
          const late = due.date < parisDay(now);
          const subject = `Participer : ${late ? 'échéance dépassée' : 'échéance proche'} — ${due.label} (${doc.title})`;
          const text = [
            'Bonjour,',
            '',
            `${PROCEDURES[settings.kind].label} « ${doc.title} » : ${due.label} ${late ? 'devait être fait' : 'est à faire'} au plus tard le ${frenchDay(due.date)}${due.article ? ` (article ${due.article})` : ''}.`,
            '',
            `La procédure : ${base}/admin/plugins/participation/procedures`,
          ].join('\n');
          await transaction(strapi, (trx) =>
            getService(strapi, 'outbox').enqueueMails(
              trx,
              recipients.map((to) => ({
                event: REMINDER_EVENT,
                eventId: `procedure:${doc.documentId}:${due.key}:${due.date}`,
                to,
                subject,
                text,
                summary: 'Échéance de procédure',
              })),
              now
            )
          );
          mails += recipients.length;
        }
      }
      return { mails };
    },
  };
};
