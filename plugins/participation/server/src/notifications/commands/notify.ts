import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { PluginConfig } from '../../config';
import type { Db } from '../../platform/database/rows';
import { budgetProjectPage, consultationPage, siteUrl } from '../../platform/links';
import { getService } from '../../platform/services';
import type { Decided } from '../../moderation/public';
import type { ResultsUpdate } from '../../consultations/domain/results-updates';
import { defaultFrequency, dueAt, KIND_OF_TRANSITION, type MailedFrequency, type NotificationKind } from '../domain/rules';
import type { NotificationDispatcher } from '../dispatcher';
import { chunks, notificationsRepository } from '../repository';

type News = { kind: NotificationKind; eventKey: string; subject: string; body: string; link: string | null; followTarget: string | null };

const STATUS_LABELS: Record<string, string> = { retained: 'Retenue', not_retained: 'Non retenue', under_study: "À l'étude", already_done: 'Déjà réalisée' };
const DECISION_SUBJECTS: Record<string, (what: string, title: string) => string> = {
  approve: (what, title) => `Votre ${what} « ${title} » est publié${what === 'contribution' ? 'e' : ''}`,
  reject: (what, title) => `Votre ${what} « ${title} » n'a pas été retenu${what === 'contribution' ? 'e' : ''} par la modération`,
  hide: (what, title) => `Votre ${what} « ${title} » a été masqué${what === 'contribution' ? 'e' : ''}`,
  restore: (what, title) => `Votre ${what} « ${title} » est de nouveau visible`,
  auto_hide: (what, title) => `Votre ${what} « ${title} » est masqué${what === 'contribution' ? 'e' : ''} en attendant un examen`,
};
const DECISION_EXPLANATIONS: Record<string, string> = {
  approve: 'Elle est désormais visible de toutes et tous sur la plateforme.',
  reject: "Elle n'est pas publiée sur la plateforme.",
  hide: "Elle n'est plus visible sur la plateforme.",
  restore: 'Elle est de nouveau visible de toutes et tous.',
  auto_hide: "Plusieurs personnes l'ont signalée : elle est masquée jusqu'à ce qu'un·e modérateur·rice l'examine.",
};

const frenchDate = (d: Date | null, timeZone: string) =>
  d ? new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(d) : null;

/**
 * What changes write, each in its own transaction: a notification per person concerned, dated by their preference
 * (at once, next daily or weekly digest), or none when they turned that kind off. The dispatcher mails them.
 */
export function notificationWriters(strapi: Core.Strapi, dispatcher: NotificationDispatcher) {
  const repository = () => notificationsRepository(strapi);
  const config = () => (strapi.config.get('plugin::participation') as PluginConfig).notifications;
  const consultationLink = (slug: string) => consultationPage(strapi, slug);

  /** One notification per recipient, in the caller's transaction, dated by each one's preference for its kind. */
  async function notify(trx: Db, recipients: number[], news: News, now = new Date()) {
    const people = [...new Set(recipients)].filter((id) => Number.isInteger(id) && id > 0);
    if (!people.length) return 0;
    const chosen = await repository().chosenFrequencies(trx, people, news.kind);
    const items = people
      .map((userId) => ({ userId, frequency: chosen.get(userId) ?? defaultFrequency(news.kind) }))
      .filter((r): r is { userId: number; frequency: MailedFrequency } => r.frequency !== 'off')
      .map((r) => ({
        ...news,
        userId: r.userId,
        frequency: r.frequency,
        dueAt: dueAt(r.frequency, new Date(Math.min(now.getTime(), Date.now())), dispatcher.schedule()),
      }));
    await repository().insertNotifications(trx, items, now);
    if (items.some((r) => r.frequency === 'immediate')) dispatcher.dispatchAfterCommit(trx);
    return items.length;
  }

  /** Followers of a consultation hear that it opened, closed or published its results. */
  async function onConsultationTransitioned(trx: Knex.Transaction, t: { documentId: string; slug: string; to: string; at: Date; closesAt: Date | null }) {
    const kind = KIND_OF_TRANSITION[t.to];
    if (!kind) return 0;
    const audience = await getService(strapi, 'follows').audience(trx, 'consultation', t.documentId);
    if (!audience.length) return 0;
    const title = (await repository().consultationCards([t.documentId], trx)).get(t.documentId)?.title ?? t.slug;
    const closes = frenchDate(t.closesAt, config().timeZone);
    const texts: Record<string, { subject: string; body: string }> = {
      consultation_opened: { subject: `La consultation « ${title} » est ouverte`, body: `Vous pouvez y participer${closes ? ` jusqu'au ${closes}` : ''}.` },
      consultation_closed: {
        subject: `La consultation « ${title} » est close`,
        body: 'Les contributions sont maintenant analysées. Vous serez prévenu·e quand les résultats seront publiés.',
      },
      results_published: {
        subject: `Les résultats de la consultation « ${title} » sont publiés`,
        body: 'Découvrez la synthèse, les décisions prises et les réponses apportées aux contributions.',
      },
    };
    return notify(
      trx,
      audience,
      {
        kind,
        eventKey: `consultation:${t.documentId}:${t.to}:${t.at.toISOString()}`,
        ...texts[kind],
        link: consultationLink(t.slug),
        followTarget: `consultation:${t.documentId}`,
      },
      t.at
    );
  }

  /** Followers of a consultation hear of each « Et ensuite » update (once each: its date and title make its key). */
  async function onResultsUpdates(trx: Knex.Transaction, u: { documentId: string; slug: string; updates: ResultsUpdate[] }, now = new Date()) {
    const audience = await getService(strapi, 'follows').audience(trx, 'consultation', u.documentId);
    if (!audience.length) return 0;
    const title = (await repository().consultationCards([u.documentId], trx)).get(u.documentId)?.title ?? u.slug;
    let written = 0;
    for (const update of u.updates) {
      const key = createHash('sha1').update(`${update.date}\n${update.title}`).digest('base64url');
      written += await notify(
        trx,
        audience,
        {
          kind: 'results_update',
          eventKey: `update:${u.documentId}:${key}`,
          subject: `Et ensuite ? « ${title} » : ${update.title}`,
          body: update.text,
          link: consultationLink(u.slug),
          followTarget: `consultation:${u.documentId}`,
        },
        now
      );
    }
    return written;
  }

  /** Followers of each contribution (its author first) hear of its official answer once it is public. */
  async function onAnswersPublished(trx: Knex.Transaction, answered: { documentId: string; at: Date }[]) {
    if (!answered.length) return 0;
    const answeredAt = new Map(answered.map((a) => [a.documentId, a.at]));
    let written = 0;
    for (const part of chunks([...answeredAt.keys()])) {
      const rows = await repository().answeredContributions(trx, part);
      const cards = await repository().consultationCards([...new Set(rows.map((r) => r.consultationDocumentId))], trx);
      for (const row of rows) {
        const at = answeredAt.get(row.documentId)!;
        const audience = await getService(strapi, 'follows').audience(trx, 'contribution', row.documentId);
        const card = cards.get(row.consultationDocumentId);
        written += await notify(
          trx,
          audience,
          {
            kind: 'official_answer',
            eventKey: `answer:${row.documentId}:${at.toISOString()}`,
            subject: `Réponse officielle à « ${row.title} »`,
            body: `${STATUS_LABELS[row.answerStatus] ?? 'Réponse'}${card ? ` (consultation « ${card.title} »)` : ''}.\n\n${row.answerText}`.trim(),
            link: card ? consultationLink(card.slug) : null,
            followTarget: `contribution:${row.documentId}`,
          },
          at
        );
      }
    }
    return written;
  }

  /** A reply published by a moderator's approval: told to the parent comment's author as if just posted. */
  async function onReplyApproved(trx: Knex.Transaction, commentId: number, at: Date) {
    const reply = await repository().replyContext(trx, commentId);
    if (!reply) return 0;
    let subjectTitle = '';
    let link: string | null = null;
    if (reply.about?.kind === 'budgetProject') {
      subjectTitle = reply.about.title;
      link = budgetProjectPage(strapi, reply.about.documentId);
    } else if (reply.about?.kind === 'contribution') {
      const card = (await repository().consultationCards([reply.about.consultationDocumentId], trx)).get(reply.about.consultationDocumentId);
      subjectTitle = reply.about.title;
      link = card ? consultationLink(card.slug) : null;
    }
    return onCommentReplied(trx, {
      parentAuthorId: reply.parentAuthorId,
      replierId: reply.authorId,
      replierName: reply.authorName ?? 'Une personne anonyme',
      replyDocumentId: reply.documentId,
      body: reply.body,
      subjectTitle,
      link,
      at,
    });
  }

  /** The author of a comment hears of a public reply to it (not of their own), with a link to the page it is on. */
  async function onCommentReplied(
    trx: Knex.Transaction,
    r: {
      parentAuthorId: number | null;
      replierId: number | null;
      replierName: string;
      replyDocumentId: string;
      body: string;
      subjectTitle: string;
      link: string | null;
      at: Date;
    }
  ) {
    if (!r.parentAuthorId || r.parentAuthorId === r.replierId) return 0;
    const excerpt = r.body.length > 300 ? `${r.body.slice(0, 297)}…` : r.body;
    return notify(
      trx,
      [r.parentAuthorId],
      {
        kind: 'comment_reply',
        eventKey: `reply:${r.replyDocumentId}`,
        subject: `${r.replierName} a répondu à votre commentaire sur « ${r.subjectTitle} »`,
        body: excerpt,
        link: r.link,
        followTarget: null,
      },
      r.at
    );
  }

  /** The author is told of a moderation decision on what they wrote (at once unless they chose otherwise). */
  async function onModerationDecided(trx: Knex.Transaction, d: Decided, at = new Date()) {
    // A reply held for moderation reaches the author of the comment it answers once approved.
    if (d.type === 'comment' && d.decision === 'approve' && d.from === 'pending') await onReplyApproved(trx, d.id, at);
    if (!d.authorId || d.authorId < 0) return 0;
    const what = d.type === 'contribution' ? 'contribution' : 'commentaire';
    const explanation = d.type === 'contribution' ? DECISION_EXPLANATIONS[d.decision] : DECISION_EXPLANATIONS[d.decision].replace(/^Elle/, 'Il');
    const body = [
      `${DECISION_SUBJECTS[d.decision](what, d.title)}.`,
      explanation,
      ...(d.reason ? ['', `Motif : ${d.reason}`] : []),
      ...(d.note ? ['', `Message de l'équipe de modération : ${d.note}`] : []),
      '',
      'Vous pouvez suivre toutes vos contributions depuis votre espace personnel.',
    ].join('\n');
    return notify(
      trx,
      [d.authorId],
      {
        kind: 'moderation_decided',
        eventKey: `moderation:${d.type}:${d.documentId}:${d.decision}:${at.toISOString()}`,
        subject: DECISION_SUBJECTS[d.decision](what, d.title),
        body,
        link: `${siteUrl(strapi)}#/mes-contributions`,
        followTarget: null,
      },
      at
    );
  }

  return { onConsultationTransitioned, onResultsUpdates, onAnswersPublished, onReplyApproved, onCommentReplied, onModerationDecided };
}
