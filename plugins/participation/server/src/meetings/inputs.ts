import * as z from 'zod/v4';
import { documentId, honeypot, inseeCode, slug, text } from '../contract/base-inputs';
import { paginationQuery } from '../platform/validation';
import { KINDS, REMARKS_DAYS, SERVICES } from './domain/rules';

/** Request schemas of public meetings: controllers parse with them, the OpenAPI documents are generated from them. */

const dateTime = z.iso.datetime({ offset: true });
const optionalText = (max: number) => text(0, max).nullable().optional();

export const meetingBody = z
  .strictObject({
    title: text(3, 150),
    slug,
    description: z.string().max(10_000).nullable().optional(),
    kind: z.enum(KINDS).meta({ description: '`in_person` : sur place ; `online` : en ligne ; `hybrid` : les deux.' }),
    published: z.boolean().meta({ description: 'Publiée (visible de tous) ou brouillon.' }),
    consultationDocumentId: documentId.nullable().optional().meta({ description: 'La consultation (ou procédure) dont la réunion fait partie.' }),
    budgetDocumentId: documentId
      .nullable()
      .optional()
      .meta({ description: 'Le budget participatif dont la réunion fait partie (ou une consultation, pas les deux).' }),
    startsAt: dateTime,
    endsAt: dateTime,
    territoryCode: inseeCode.nullable().optional().meta({ description: 'Code INSEE de la commune où elle a lieu.' }),
    address: optionalText(300),
    accessibility: z.string().max(2000).nullable().optional().meta({ description: 'Accès au lieu : transports, stationnement, marches, accueil.' }),
    services: z.array(z.enum(SERVICES)).max(SERVICES.length).default([]),
    agenda: z
      .array(
        z.strictObject({
          time: z
            .string()
            .regex(/^\d{2}:\d{2}$/, { error: 'Une heure au format HH:MM.' })
            .nullable()
            .optional(),
          title: text(1, 200),
        })
      )
      .max(30)
      .default([]),
    onlineUrl: z
      .url({ protocol: /^https$/, error: 'Une adresse https:// est attendue.' })
      .max(500)
      .nullable()
      .optional(),
    onlineUrlRevealed: z.boolean().default(false).meta({ description: 'Le lien en ligne est montré aux personnes inscrites (jamais en public).' }),
    registrationEnabled: z.boolean(),
    capacity: z.int().min(1).max(100_000).nullable().optional().meta({ description: 'Nombre de places en tout ; vide : sans limite.' }),
    reservedPlaces: z.int().min(0).max(100_000).default(0).meta({ description: 'Places gardées pour les invitations de l’équipe.' }),
    waitlistEnabled: z.boolean().default(true),
    registrationTerms: z
      .string()
      .max(5000)
      .nullable()
      .optional()
      .meta({ description: 'Conditions à accepter pour s’inscrire (droit à l’image, enregistrement…).' }),
    attendeesPublic: z.boolean().default(false).meta({ description: 'La liste des participant·es qui l’acceptent est publique.' }),
    registrationQuestionnaireDocumentId: documentId.nullable().optional().meta({
      description:
        'Questions d’inscription : un questionnaire (réservé aux personnes connectées) à envoyer avant de s’inscrire ; ses résultats et exports sont ceux du questionnaire.',
    }),
  })
  .superRefine((b, ctx) => {
    if (new Date(b.endsAt) <= new Date(b.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'La fin doit suivre le début.' });
    if (b.kind !== 'online' && !b.territoryCode) ctx.addIssue({ code: 'custom', path: ['territoryCode'], message: 'Choisissez la commune du lieu.' });
    if (b.kind !== 'online' && !b.address) ctx.addIssue({ code: 'custom', path: ['address'], message: 'Indiquez l’adresse du lieu.' });
    if (b.kind !== 'in_person' && !b.onlineUrl) ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: 'Indiquez le lien de la réunion en ligne.' });
    if (b.consultationDocumentId && b.budgetDocumentId)
      ctx.addIssue({
        code: 'custom',
        path: ['budgetDocumentId'],
        message: 'Une réunion fait partie d’une consultation ou d’un budget participatif, pas des deux.',
      });
    if (b.capacity != null && b.reservedPlaces > b.capacity)
      ctx.addIssue({ code: 'custom', path: ['reservedPlaces'], message: 'Les places réservées ne peuvent dépasser la capacité.' });
  });

export const cancelMeetingBody = z.strictObject({
  reason: text(3, 1000).meta({ description: 'Le motif, écrit aux personnes inscrites.' }),
});

export const registrationBody = z.strictObject({
  acceptTerms: z.boolean().optional().meta({ description: 'Obligatoire quand la réunion a des conditions d’inscription.' }),
  showName: z.boolean().default(false).meta({ description: 'Apparaître (nom public) dans la liste des participant·es, si la réunion la publie.' }),
  organisation: text(1, 150).nullable().optional().meta({ description: 'L’association, l’entreprise ou le collectif représenté.' }),
  territoryCode: inseeCode.nullable().optional().meta({ description: 'Sa commune (facultatif), pour le bilan par territoire.' }),
  website: honeypot,
});

export const invitationBody = z.strictObject({
  name: text(2, 150),
  email: z.email({ error: 'Adresse e-mail invalide.' }).max(254).nullable().optional(),
  organisation: text(1, 150).nullable().optional(),
});

export const checkInBody = z.strictObject({
  code: z
    .string()
    .max(20)
    .regex(/^[A-Za-z0-9\s-]+$/, { error: 'Le code est fait de lettres et de chiffres.' })
    .meta({ description: 'Le code d’entrée, tapé ou lu dans le QR code (espaces et tirets ignorés).' }),
  at: dateTime.optional().meta({
    description: 'L’heure de l’arrivée quand l’accueil a pointé hors ligne et transmet au retour du réseau (dans les 24 heures) ; par défaut : maintenant.',
  }),
});

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const meetingsQuery = z.strictObject({
  consultation: documentId.optional().meta({ description: 'Les réunions d’une consultation.' }),
  budget: documentId.optional().meta({ description: 'Les réunions d’un budget participatif.' }),
  territory: inseeCode.optional().meta({ description: 'Code INSEE de la commune du lieu.' }),
  kind: z.enum(KINDS).optional(),
  from: dateTime.optional().meta({ description: 'Les réunions qui finissent après cette date (par défaut : maintenant ; `past=true` : avant).' }),
  to: dateTime.optional(),
  past: bool.optional().meta({ description: '`true` : les réunions passées, les plus récentes d’abord.' }),
  placesLeft: bool.optional().meta({ description: '`true` : seulement celles où l’on peut encore s’inscrire sur une place.' }),
  ...paginationQuery,
});

export const reportBody = z.strictObject({
  attendees: z.int().min(0).max(100_000).nullable().meta({ description: 'Participant·es présent·es ; vide : les arrivées pointées à l’entrée.' }),
  organisations: z.array(text(1, 150)).max(100).meta({ description: 'Les structures présentes (associations, communes, entreprises).' }),
  minutes: z.string().max(50_000).nullable().meta({ description: 'Le compte rendu, en texte.' }),
  mediaLinks: z
    .array(z.strictObject({ title: text(1, 150), url: z.url({ protocol: /^https$/, error: 'Une adresse https:// est attendue.' }).max(500) }))
    .max(20)
    .meta({ description: 'Enregistrement, diaporama, photos : des liens https.' }),
  published: z.boolean().meta({ description: 'Le bilan est public (sur la page de la réunion).' }),
});

export const registrantsExportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') });

export const adminMeetingsQuery = z.strictObject({
  consultation: documentId.optional(),
  ...paginationQuery,
});

export const meetingContributionsQuery = z.strictObject({ ...paginationQuery });

/** A contribution said in the room, as the agent enters it after the meeting (its date and provenance come from the meeting). */
export const roomContributionBody = z.strictObject({
  title: text(3, 140),
  body: text(10, 5000),
  territory: inseeCode.nullable().optional().meta({ description: 'La commune de la personne, si elle l’a dite ; par défaut celle de la réunion.' }),
  authorName: text(1, 80).optional().meta({ description: 'Le nom sous lequel la personne a parlé, si elle le souhaite.' }),
});

export const minutesProposalBody = z.strictObject({
  days: z
    .int()
    .min(REMARKS_DAYS.min)
    .max(REMARKS_DAYS.max)
    .default(REMARKS_DAYS.default)
    .meta({ description: `Durée de la période de remarques, en jours (${REMARKS_DAYS.min} à ${REMARKS_DAYS.max}).` }),
});

export const remarkBody = z.strictObject({
  body: text(3, 3000).meta({ description: 'La remarque : un oubli, une erreur, une précision sur ce qui a été dit.' }),
  website: honeypot,
});

export const remarkParams = z.object({ documentId, remarkId: z.coerce.number().int().positive().max(2_147_483_647) });

export const remarkModerationBody = z
  .strictObject({
    withheld: z.boolean().meta({ description: '`true` : la remarque n’est pas publiée ; son motif l’est à sa place.' }),
    reason: text(3, 500).nullable().optional(),
  })
  .refine((b) => !b.withheld || !!b.reason, { error: 'Indiquez le motif, publié à la place de la remarque.', path: ['reason'] });
