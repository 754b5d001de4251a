import * as z from 'zod/v4';
import { dateTime, nullable } from '../platform/schemas';
import { ANSWER_STATUSES, MODERATION_STATUSES } from '../moderation/domain/moderation';
import { KINDS, REGISTRATION_STATUSES, SERVICES, STATES } from './domain/rules';

const Registration = z.object({
  enabled: z.boolean().meta({ description: 'On s’inscrit pour venir (sinon : entrée libre).' }),
  places: nullable(z.int()).meta({ description: 'Places ouvertes au public (hors places réservées) ; null : sans limite.' }),
  placesLeft: nullable(z.int()).meta({ description: 'Places encore libres ; null : sans limite.' }),
  waitlist: z.boolean().meta({ description: 'Une liste d’attente prend le relais quand c’est complet.' }),
  waiting: z.int().meta({ description: 'Personnes en liste d’attente.' }),
  open: z.boolean().meta({ description: 'On peut s’inscrire maintenant (réunion à venir, inscriptions ouvertes).' }),
});

const summaryFields = {
  documentId: z.string(),
  slug: z.string(),
  title: z.string(),
  kind: z.enum(KINDS),
  kindLabel: z.string(),
  state: z.enum(STATES),
  stateLabel: z.string(),
  startsAt: dateTime,
  endsAt: dateTime,
  consultationDocumentId: nullable(z.string()),
  budgetDocumentId: nullable(z.string()).meta({ description: 'Le budget participatif dont elle fait partie.' }),
  territoryCode: nullable(z.string()).meta({ description: 'Code INSEE de la commune du lieu.' }),
  communeName: nullable(z.string()),
  address: nullable(z.string()),
  services: z.array(z.object({ key: z.enum(SERVICES), label: z.string() })),
  registration: Registration,
};

export const MeetingSummary = z
  .object(summaryFields)
  .meta({ id: 'MeetingSummary', description: 'Une réunion publique (ou annulée) : quand, où, sous quelle forme, et les places qui restent.' });

export const MeetingDetail = z
  .object({
    ...summaryFields,
    description: nullable(z.string()),
    accessibility: nullable(z.string()),
    agenda: z.array(z.object({ time: nullable(z.string()), title: z.string() })),
    registrationTerms: nullable(z.string()),
    registrationQuestionnaire: nullable(z.object({ slug: z.string(), title: z.string() })).meta({
      description:
        'Questions d’inscription : le questionnaire à envoyer (`/questionnaires/{slug}`) avant de s’inscrire ; sinon 409 `registration_questions_unanswered`.',
    }),
    attendeesPublic: z.boolean().meta({ description: 'La liste des participant·es qui l’acceptent est publiée (`/meetings/{slug}/attendees`).' }),
    cancellationReason: nullable(z.string()),
    reportPublished: z.boolean().meta({ description: 'Le bilan est publié (`/meetings/{slug}/report`).' }),
    calendarUrl: z.string().meta({ description: 'Le fichier iCalendar de la réunion.' }),
    remarksUntil: nullable(dateTime).meta({
      description: 'Le compte rendu est soumis aux remarques des inscrit·es jusqu’à cette date (`/meetings/{slug}/minutes`) ; null sinon.',
    }),
    viewer: z.object({
      signedIn: z.boolean(),
      canRegister: z.boolean(),
      status: nullable(z.enum(REGISTRATION_STATUSES)).meta({ description: 'Votre inscription : place confirmée, liste d’attente, annulée, ou aucune.' }),
      position: nullable(z.int()).meta({ description: 'Votre place dans la liste d’attente (1 : la prochaine place libérée est pour vous).' }),
      canRemark: z.boolean().meta({ description: 'Vous aviez une place et le compte rendu attend vos remarques.' }),
    }),
  })
  .meta({ id: 'MeetingDetail', description: 'La page d’une réunion, et ce que la personne connectée peut y faire.' });

export const MeetingRegistration = z
  .object({
    status: z.enum(REGISTRATION_STATUSES),
    position: nullable(z.int()).meta({ description: 'Place dans la liste d’attente.' }),
    code: nullable(z.string()).meta({ description: 'Code d’entrée à présenter à l’accueil (8 caractères).' }),
    checkedIn: z.boolean(),
    onlineUrl: nullable(z.string()).meta({ description: 'Le lien de la réunion en ligne, une fois que l’équipe le donne, aux personnes qui ont une place.' }),
    showName: z.boolean(),
    organisation: nullable(z.string()),
    registeredAt: dateTime,
  })
  .meta({ id: 'MeetingRegistration', description: 'Son inscription à une réunion : état, rang en liste d’attente, code d’entrée.' });

const reportFields = {
  attendees: z.int().meta({ description: 'Participant·es présent·es (comptés par l’équipe, sinon les arrivées pointées).' }),
  checkedIn: z.int().meta({ description: 'Arrivées pointées à l’entrée.' }),
  byCommune: z
    .array(z.object({ code: z.string(), name: z.string(), count: z.int() }))
    .meta({ description: 'Les arrivées pointées par commune déclarée à l’inscription.' }),
  organisations: z.array(z.string()),
  minutes: nullable(z.string()).meta({ description: 'Le compte rendu, en texte.' }),
  mediaLinks: z.array(z.object({ title: z.string(), url: z.string() })),
  remarksUntil: nullable(dateTime).meta({ description: 'Fin de la période où les inscrit·es ont relu le compte rendu ; null : il ne leur a pas été soumis.' }),
  remarks: z
    .array(
      z.object({
        text: nullable(z.string()).meta({ description: 'La remarque, sans nom ; null quand l’équipe ne la publie pas.' }),
        withheldReason: nullable(z.string()).meta({ description: 'Pourquoi elle n’est pas publiée (propos injurieux, données personnelles…).' }),
        sentAt: dateTime,
      })
    )
    .meta({ description: 'Les remarques des inscrit·es sur le compte rendu, dans l’ordre où elles sont arrivées.' }),
  contributionsCount: z.int().meta({ description: 'Contributions dites en réunion et versées à la consultation (`/meetings/{slug}/contributions`).' }),
};

export const MeetingReport = z
  .object({ ...reportFields, publishedAt: dateTime })
  .meta({ id: 'MeetingReport', description: 'Le bilan publié d’une réunion : présent·es, par commune, structures, compte rendu, médias.' });

export const MeetingAttendee = z
  .object({ name: z.string(), organisation: nullable(z.string()) })
  .meta({ id: 'MeetingAttendee', description: 'Une personne inscrite qui a accepté d’apparaître dans la liste publique.' });

const counts = {
  registered: z.int().meta({ description: 'Places confirmées (public).' }),
  invited: z.int().meta({ description: 'Invitations sur places réservées.' }),
  waiting: z.int(),
  checkedIn: z.int().optional(),
};

export const AdminMeetingRow = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    title: z.string(),
    kind: z.enum(KINDS),
    state: z.enum(STATES),
    stateLabel: z.string(),
    startsAt: dateTime,
    endsAt: dateTime,
    communeName: nullable(z.string()),
    consultationDocumentId: nullable(z.string()),
    capacity: nullable(z.int()),
    reservedPlaces: z.int(),
    ...counts,
  })
  .meta({ id: 'AdminMeetingRow' });

export const AdminMeeting = z
  .object({
    documentId: z.string(),
    title: z.string(),
    slug: z.string(),
    description: nullable(z.string()),
    kind: z.enum(KINDS),
    published: z.boolean(),
    state: z.enum(STATES),
    stateLabel: z.string(),
    consultationDocumentId: nullable(z.string()),
    budgetDocumentId: nullable(z.string()),
    startsAt: dateTime,
    endsAt: dateTime,
    territoryCode: nullable(z.string()),
    communeName: nullable(z.string()),
    address: nullable(z.string()),
    accessibility: nullable(z.string()),
    services: z.array(z.enum(SERVICES)),
    agenda: z.array(z.object({ time: nullable(z.string()), title: z.string() })),
    onlineUrl: nullable(z.string()),
    onlineUrlRevealed: z.boolean(),
    registrationEnabled: z.boolean(),
    capacity: nullable(z.int()),
    reservedPlaces: z.int(),
    waitlistEnabled: z.boolean(),
    registrationTerms: nullable(z.string()),
    registrationQuestionnaireDocumentId: nullable(z.string()),
    attendeesPublic: z.boolean(),
    cancellationReason: nullable(z.string()),
    report: z.object({
      ...reportFields,
      attendeesEntered: nullable(z.int()).meta({ description: 'Le nombre saisi par l’équipe ; null : les arrivées pointées.' }),
      published: z.boolean(),
      publishedAt: nullable(dateTime),
      minutesProposedAt: nullable(dateTime).meta({ description: 'Quand le compte rendu a été proposé aux inscrit·es.' }),
      remarksWindow: z.enum(['none', 'open', 'closed']).meta({ description: '`none` : pas proposé ; `open` : remarques en cours ; `closed` : période finie.' }),
    }),
    ...counts,
  })
  .meta({ id: 'AdminMeeting', description: 'Une réunion telle que l’équipe la règle.' });

export const AdminRegistrant = z
  .object({
    id: z.int(),
    name: z.string(),
    email: nullable(z.string()),
    status: z.enum(REGISTRATION_STATUSES),
    invited: z.boolean(),
    position: nullable(z.int()),
    code: z.string(),
    checkedInAt: nullable(dateTime),
    organisation: nullable(z.string()),
    territoryCode: nullable(z.string()),
    registeredAt: dateTime,
  })
  .meta({ id: 'AdminRegistrant', description: 'Une inscription vue par l’équipe : la personne, son état, son rang, son code et son pointage.' });

export const CheckedIn = z
  .object({
    name: z.string(),
    organisation: nullable(z.string()),
    invited: z.boolean(),
    checkedInAt: dateTime,
    checkedIn: z.int().meta({ description: 'Personnes pointées à l’entrée jusqu’ici.' }),
  })
  .meta({ id: 'CheckedIn', description: 'Le pointage accepté : qui entre, et combien sont entrés.' });

export const MeetingContribution = z
  .object({
    documentId: z.string(),
    consultationDocumentId: z.string(),
    title: z.string(),
    body: z.string(),
    territory: nullable(z.object({ inseeCode: z.string(), name: nullable(z.string()) })),
    author: z.object({ displayName: z.string() }),
    provenance: z.string().meta({ description: '« Réunion du 12/03 à Rezé ».' }),
    createdAt: dateTime,
    counts: z.object({ supports: z.int(), comments: z.int() }),
    officialAnswer: nullable(z.object({ status: z.enum(ANSWER_STATUSES), answeredAt: nullable(dateTime) })),
    status: z.enum(MODERATION_STATUSES).optional().meta({ description: 'Pour l’équipe seulement.' }),
  })
  .meta({
    id: 'MeetingContribution',
    description: 'Une contribution dite en réunion, versée à la consultation (`/contributions/{documentId}` la montre en entier).',
  });

export const MinutesForRegistrant = z
  .object({
    minutes: z.string().meta({ description: 'Le compte rendu proposé.' }),
    remarksUntil: dateTime,
    open: z.boolean().meta({ description: 'On peut encore envoyer, modifier ou retirer sa remarque.' }),
    remark: nullable(
      z.object({
        body: z.string(),
        sentAt: dateTime,
        updatedAt: dateTime,
        withheld: z.boolean().meta({ description: 'L’équipe ne la publiera pas (le motif sera publié à sa place).' }),
      })
    ),
  })
  .meta({ id: 'MinutesForRegistrant', description: 'Le compte rendu proposé à une personne qui avait une place, et sa remarque.' });

export const AdminRemark = z
  .object({
    id: z.int(),
    authorName: z.string(),
    body: z.string(),
    withheld: z.boolean(),
    withheldReason: nullable(z.string()),
    sentAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'AdminRemark', description: 'Une remarque d’inscrit·e sur le compte rendu, vue par l’équipe.' });
