import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { PERMISSIONS } from '../permissions';
import { staffHolding } from '../platform/staff';
import { getService } from '../platform/services';
import { consultationTitles } from '../consultations/public';
import { moderationRepository } from './repository';
import type { PluginConfig } from '../config';
import { soleRunner, transaction } from '../platform/database/transaction';

const STORE_KEY = 'alerts-last-run';
const ALERT_LOCK_KEY = 7_244_002;
export const DIGEST_EVENT = 'participation.moderation.digest';

/**
 * Moderators' digest: items that crossed the waiting delay, and items hidden after reports, since the last run.
 * One mail per moderator per run, and none when there is nothing new: never one mail per report.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: 'participation' });

  const moderators = () => staffHolding(strapi, PERMISSIONS.moderate);

  async function newlyOverdue(trx: Knex.Transaction, from: Date, to: Date) {
    const repository = moderationRepository(strapi);
    const out: { type: string; consultationDocumentId: string | null; n: number }[] = [];
    for (const type of ['contribution', 'comment'] as const)
      out.push(...(await repository.pendingArrivedBetween(trx, type, from, to)).map((r) => ({ type, ...r })));
    return out;
  }

  return {
    /**
     * Writes the digest for what happened since the last run, with the new "last run", in one transaction: its mails
     * leave through the outbox after commit. On PostgreSQL one instance writes a given digest (advisory lock).
     */
    async digest(now = new Date()) {
      return transaction(strapi, async (trx) => {
        if (!(await soleRunner(strapi, trx, ALERT_LOCK_KEY))) return { mails: 0, skipped: true };
        return compose(trx, now);
      });
    },
  };

  async function compose(trx: Knex.Transaction, now: Date) {
    const config = strapi.config.get('plugin::participation') as PluginConfig;
    const delayMs = config.alerts.pendingDelayMinutes * 60_000;
    const last = (await store().get({ key: STORE_KEY })) as string | null;
    const since = last ? new Date(last) : new Date(now.getTime() - 60 * 60_000);
    await store().set({ key: STORE_KEY, value: now.toISOString() });

    const overdue = await newlyOverdue(trx, new Date(since.getTime() - delayMs), new Date(now.getTime() - delayMs));
    const hidden = await moderationRepository(strapi).autoHiddenBetween(trx, since, now);
    if (!overdue.length && !hidden) return { mails: 0, skipped: false };

    const titles = await consultationTitles(strapi, [...new Set(overdue.flatMap((o) => (o.consultationDocumentId ? [o.consultationDocumentId] : [])))], trx);
    const hours = Math.round((config.alerts.pendingDelayMinutes / 60) * 10) / 10;
    const lines = [
      'Bonjour,',
      '',
      ...(overdue.length
        ? [
            `Éléments en attente de modération depuis plus de ${hours} h :`,
            ...overdue.map(
              (o) =>
                `- ${o.consultationDocumentId ? (titles.get(o.consultationDocumentId)?.title ?? 'Consultation') : 'Projets de budget participatif'} : ${o.n} ${o.type === 'contribution' ? 'contribution(s)' : 'commentaire(s)'}`
            ),
            '',
          ]
        : []),
      ...(hidden ? [`${hidden} élément(s) masqué(s) automatiquement après signalements, à examiner.`, ''] : []),
      `File de modération : ${strapi.config.get('server.url') || ''}/admin/plugins/participation/moderation`,
    ];
    const recipients = await moderators();
    const subject = 'Participer : des éléments attendent la modération';
    await getService(strapi, 'outbox').enqueueMails(
      trx,
      recipients.map((m) => ({ event: DIGEST_EVENT, to: m.email, subject, text: lines.join('\n'), summary: 'Alerte de modération' })),
      now
    );
    return { mails: recipients.length, skipped: false, overdue: overdue.reduce((sum, o) => sum + o.n, 0), hidden };
  }
};
