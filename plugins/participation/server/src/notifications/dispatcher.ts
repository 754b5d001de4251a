import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { PluginConfig } from '../config';
import { backgroundJob } from '../platform/background';
import { citizenMailbox } from '../platform/citizen';
import type { Db } from '../platform/database/rows';
import { transaction } from '../platform/database/transaction';
import { siteUrl } from '../platform/links';
import { getService } from '../platform/services';
import { describeScope, dueAt, startOfLocalDay, type FollowTarget, type UnsubscribeScope } from './domain/rules';
import { unsubscribeLinks } from './links';
import { composeMail, type MailItem } from './mails';
import { notificationsRepository } from './repository';

export const NOTIFICATION_MAIL_EVENT = 'participation.notification';

/**
 * Sends what is due: after each commit that wrote an immediate notification, and every `pollMs` on every instance. Per
 * person, a conditional update claims what is due, folds it into one mail (or postpones it past the daily cap) and
 * writes that mail to the outbox in the same transaction: each notification leaves once, whatever the number of
 * instances. One run at a time in this process.
 */
export function notificationDispatcher(strapi: Core.Strapi) {
  const repository = () => notificationsRepository(strapi);
  const config = () => (strapi.config.get('plugin::participation') as PluginConfig).notifications;
  const links = unsubscribeLinks(strapi);
  let running: Promise<unknown> | null = null;

  /** Claims one person's due notifications, folds them into one mail (or postpones them past the daily cap). */
  async function dispatchTo(trx: Knex.Transaction, userId: number, now: Date) {
    const r = repository();
    const claim = randomUUID();
    if (!(await r.claimDue(trx, userId, claim, now))) return 0;
    if ((await r.mailsSince(trx, userId, startOfLocalDay(config().timeZone, now), claim)) >= config().maxMailsPerDay) {
      // Over the daily cap: everything waits for the next daily digest.
      await r.postpone(trx, claim, dueAt('daily', now, schedule()));
      return 0;
    }
    const mailbox = await citizenMailbox(strapi, trx, userId);
    if (!mailbox?.email || mailbox.blocked) {
      await r.markUndeliverable(trx, claim);
      return 0;
    }
    const claimed = await r.claimedItems(trx, claim);
    const items: MailItem[] = claimed.map((n) => {
      const [type, documentId] = String(n.followTarget ?? '').split(':');
      const follow = (type === 'consultation' || type === 'contribution') && documentId ? { type: type as FollowTarget, documentId } : null;
      return {
        subject: n.subject,
        body: n.body,
        link: n.link,
        linkLabel: n.kind === 'moderation_decided' || n.kind === 'comment_reply' ? 'Voir sur la plateforme' : 'Voir la consultation',
        unfollowUrl: follow ? links.confirmPageUrl(userId, { follow }) : null,
      };
    });
    // One kind in the mail: its link stops that kind; a digest of several: every notification mail.
    const kinds = [...new Set(claimed.map((n) => n.kind))];
    const scope: UnsubscribeScope = kinds.length === 1 ? { kind: kinds[0] } : { all: true };
    const mail = composeMail(items, {
      greetingName: mailbox.username,
      preferencesUrl: `${siteUrl(strapi)}#/notifications`,
      unsubscribeUrl: links.confirmPageUrl(userId, scope),
      unsubscribeLabel: `Se désabonner : ${describeScope(scope)}`,
    });
    await getService(strapi, 'outbox').enqueueMails(
      trx,
      [
        {
          event: NOTIFICATION_MAIL_EVENT,
          to: mailbox.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'List-Unsubscribe': `<${links.oneClickUrl(userId, scope)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          summary: items.length === 1 ? `Notification (${kinds[0]})` : `Récapitulatif de ${items.length} notifications`,
        },
      ],
      now
    );
    return 1;
  }

  /** Sends what is due at `now`, one mail per person; safe to run on every instance at once. */
  function dispatch(now = new Date()): Promise<{ mails: number }> {
    const run = async () => {
      let mails = 0;
      const seen = new Set<number>();
      for (let round = 0; round < 100; round += 1) {
        const fresh = (await repository().dueRecipients(now, 200)).filter((id) => !seen.has(id));
        if (!fresh.length) break;
        for (const userId of fresh) {
          seen.add(userId);
          mails += await transaction(strapi, (trx) => dispatchTo(trx, userId, now));
        }
      }
      await repository().purgeMailedBefore(new Date(now.getTime() - config().retentionDays * 86_400_000));
      return { mails };
    };
    // One run at a time in this process; the next waits for it (instances side by side are kept apart by the claim).
    // `running` only says when the run ends, never fails: the caller of `dispatch` gets the run's failure.
    const next = (running ?? Promise.resolve()).then(run);
    const settled: Promise<unknown> = next.then(
      () => undefined,
      () => undefined
    );
    running = settled;
    void settled.then(() => {
      if (running === settled) running = null;
    });
    return next;
  }

  const job = backgroundJob(strapi, 'notifications', () => dispatch());
  const schedule = () => ({ digestHour: config().digestHour, weeklyDay: config().weeklyDay, timeZone: config().timeZone });

  return {
    dispatch,
    /** Runs a dispatch once `db`'s transaction has committed (a notification written at once is mailed at once). */
    dispatchAfterCommit: (db: Db) => job.afterCommit(db),
    /** The dates of a notification by each frequency, in the platform's time zone. */
    schedule,
    start: () => job.start(config().pollMs),
    async stop() {
      await job.stop();
      await running;
    },
  };
}

export type NotificationDispatcher = ReturnType<typeof notificationDispatcher>;
