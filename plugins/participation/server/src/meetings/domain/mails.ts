import { frenchDateTime, KIND_LABELS, onlineLinkFor, type Kind } from './rules';

/** What a mail about a meeting says; the text is plain, one mail per registrant. Pure. */

export const MEETING_MAIL_EVENT = 'participation.meeting.mail';

export type MailMeeting = {
  title: string;
  kind: Kind;
  startsAt: Date;
  communeName: string | null;
  address: string | null;
  onlineUrl: string | null;
  onlineUrlRevealed: boolean;
  cancellationReason: string | null;
};

export type MeetingMailKind = 'registered' | 'waitlisted' | 'promoted' | 'reminder' | 'cancelled' | 'invited';

const where = (m: MailMeeting) =>
  m.kind === 'online' ? 'En ligne' : [m.address, m.communeName].filter(Boolean).join(', ') + (m.kind === 'hybrid' ? ' (et en ligne)' : '');

/** A registrant's mail: subject and text, with the code to show at the door when they hold a place. */
export function meetingMail(
  kind: MeetingMailKind,
  m: MailMeeting,
  r: { code: string; position?: number | null },
  page: string
): { subject: string; text: string; summary: string } {
  const when = frenchDateTime(m.startsAt);
  const online = onlineLinkFor(m, kind === 'waitlisted' || kind === 'cancelled' ? 'waitlisted' : 'registered');
  const placeLines = [`Quand : ${when}`, `Où : ${where(m)}`, `Format : ${KIND_LABELS[m.kind]}`, ...(online ? [`Lien de la réunion en ligne : ${online}`] : [])];
  const door = [`Votre code d’entrée : ${r.code.slice(0, 4)} ${r.code.slice(4)}`, 'Présentez-le à l’accueil (ou son QR code, sur la page de la réunion).'];
  const footer = ['', `La page de la réunion : ${page}`, 'Vous pouvez y annuler votre inscription à tout moment, pour laisser votre place.'];
  switch (kind) {
    case 'registered':
    case 'invited':
      return {
        subject: `Inscription confirmée : ${m.title}`,
        summary: 'Inscription à une réunion',
        text: ['Bonjour,', '', `Votre inscription à la réunion « ${m.title} » est confirmée.`, '', ...placeLines, '', ...door, ...footer].join('\n'),
      };
    case 'waitlisted':
      return {
        subject: `Liste d’attente : ${m.title}`,
        summary: 'Liste d’attente d’une réunion',
        text: [
          'Bonjour,',
          '',
          `La réunion « ${m.title} » est complète : vous êtes en liste d’attente${r.position ? `, en position ${r.position}` : ''}.`,
          'Dès qu’une place se libère, elle revient à la première personne de la liste, et nous vous écrivons.',
          '',
          ...placeLines,
          ...footer,
        ].join('\n'),
      };
    case 'promoted':
      return {
        subject: `Une place s’est libérée : ${m.title}`,
        summary: 'Place libérée dans une réunion',
        text: ['Bonjour,', '', `Une place s’est libérée : vous êtes inscrit·e à la réunion « ${m.title} ».`, '', ...placeLines, '', ...door, ...footer].join(
          '\n'
        ),
      };
    case 'reminder':
      return {
        subject: `Rappel : ${m.title}, ${when}`,
        summary: 'Rappel de réunion',
        text: ['Bonjour,', '', `La réunion « ${m.title} » a lieu bientôt.`, '', ...placeLines, '', ...door, ...footer].join('\n'),
      };
    case 'cancelled':
      return {
        subject: `Réunion annulée : ${m.title}`,
        summary: 'Réunion annulée',
        text: [
          'Bonjour,',
          '',
          `La réunion « ${m.title} » prévue ${when} est annulée.`,
          ...(m.cancellationReason ? ['', `Motif : ${m.cancellationReason}`] : []),
          '',
          'Nous vous prions de nous excuser pour ce changement.',
          `La page de la réunion : ${page}`,
        ].join('\n'),
      };
  }
}

/** The mail that proposes a meeting's minutes to a registrant, until the end of the remarks period. */
export function minutesMail(m: { title: string; startsAt: Date }, until: Date, page: string): { subject: string; text: string; summary: string } {
  return {
    subject: `Compte rendu à relire : ${m.title}`,
    summary: 'Compte rendu proposé aux inscrit·es',
    text: [
      'Bonjour,',
      '',
      `Vous étiez inscrit·e à la réunion « ${m.title} » du ${frenchDateTime(m.startsAt)}.`,
      'Son compte rendu vous est proposé avant sa publication : relisez-le et faites vos remarques, en vous connectant,',
      `jusqu’au ${frenchDateTime(until)}.`,
      '',
      'Vos remarques seront publiées avec le compte rendu, sans votre nom.',
      '',
      `Le compte rendu : ${page}`,
    ].join('\n'),
  };
}
