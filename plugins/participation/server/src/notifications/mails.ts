/**
 * The mails of notifications, in French, as plain text and as simple HTML a screen reader reads in order (a
 * language, a title, one heading per item, links that say where they go). No image, no tracking.
 */

export type MailItem = { subject: string; body: string; link: string | null; linkLabel: string; unfollowUrl: string | null };
export type MailFrame = { greetingName: string; preferencesUrl: string; unsubscribeUrl: string; unsubscribeLabel: string };

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

export function digestSubject(items: MailItem[]): string {
  return items.length === 1 ? items[0].subject : `Participer : ${items.length} nouvelles sur ce que vous suivez`;
}

export function composeMail(items: MailItem[], frame: MailFrame) {
  const subject = digestSubject(items);
  const single = items.length === 1;
  const text = [
    `Bonjour ${frame.greetingName},`,
    '',
    ...(single ? [] : [`Voici ${items.length} nouvelles sur ce que vous suivez.`, '']),
    ...items.flatMap((item) => [
      ...(single ? [] : [`— ${item.subject}`, '']),
      item.body,
      ...(item.link ? ['', `${item.linkLabel} : ${item.link}`] : []),
      ...(item.unfollowUrl ? [`Ne plus suivre : ${item.unfollowUrl}`] : []),
      '',
    ]),
    "L'équipe de la participation citoyenne",
    '',
    `Choisir quand recevoir ces courriels (tout de suite, chaque jour, chaque semaine) : ${frame.preferencesUrl}`,
    `${frame.unsubscribeLabel} : ${frame.unsubscribeUrl}`,
  ].join('\n');

  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(subject)}</title></head>
<body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; max-width: 40em;">
<p>Bonjour ${escape(frame.greetingName)},</p>
${single ? '' : `<p>Voici ${items.length} nouvelles sur ce que vous suivez.</p>`}
${items
  .map(
    (item) => `<section>
${single ? `<h1 style="font-size: 1.25em;">${escape(item.subject)}</h1>` : `<h2 style="font-size: 1.1em;">${escape(item.subject)}</h2>`}
${paragraphs(item.body)}
${item.link ? `<p><a href="${escape(item.link)}">${escape(item.linkLabel)}</a></p>` : ''}
${item.unfollowUrl ? `<p><a href="${escape(item.unfollowUrl)}">Ne plus suivre « ${escape(item.subject)} »</a></p>` : ''}
</section>`
  )
  .join('\n')}
<p>L'équipe de la participation citoyenne</p>
<hr>
<p style="font-size: 0.9em;"><a href="${escape(frame.preferencesUrl)}">Choisir quand recevoir ces courriels</a> · <a href="${escape(frame.unsubscribeUrl)}">${escape(frame.unsubscribeLabel)}</a></p>
</body>
</html>`;
  return { subject, text, html };
}
