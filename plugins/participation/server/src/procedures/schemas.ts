import * as z from 'zod/v4';
import { dateTime, nullable } from '../platform/schemas';
import { PROCEDURE_KINDS } from './domain/rules';

/** Response schemas of the legal procedures: the procedure a consultation runs and the calendar the law gives it. */

export const ProcedureKind = z.enum(PROCEDURE_KINDS).meta({
  id: 'ProcedureKind',
  description:
    '`libre` ; `concertation_prealable` (C. env. L121-15-1 à L121-16-1, avec garant) ; `participation_electronique` (L123-19) ; `participation_hors_procedure` (L123-19-1) ; `enquete_publique` (L123-1 et s., R123-9 et s.) ; `consultation_crpa` (CRPA L131-1, L132-1).',
});

export const CalendarItem = z
  .object({
    key: z.enum(['notice', 'opening', 'minimum_closing', 'maximum_closing', 'closing', 'report', 'response', 'decision', 'keep_online']),
    label: z.string(),
    date: nullable(z.iso.date()).meta({ description: 'Jour à Paris ; null tant qu’il dépend d’une date encore inconnue.' }),
    bound: z.enum(['by', 'from', 'on']).meta({ description: '`by` : au plus tard ; `from` : au plus tôt ; `on` : ce jour-là.' }),
    article: nullable(z.string()).meta({ description: 'Article qui fixe ce délai (code de l’environnement, sauf « CRPA … »).' }),
  })
  .meta({ id: 'ProcedureCalendarItem' });

export const NoticeMention = z
  .object({
    key: z.enum(['projectOwner', 'decision', 'dossierPlaces', 'observationAddresses']),
    label: z.string().meta({ description: 'Ce que l’avis doit mentionner, tel que la loi le dit.' }),
    text: nullable(z.string()).meta({ description: 'Ce que l’avis en dit ; null tant que ce n’est pas écrit (la procédure n’ouvre pas avant).' }),
  })
  .meta({ id: 'ProcedureNoticeMention' });

export const Procedure = z
  .object({
    kind: ProcedureKind,
    label: z.string(),
    articles: z.array(z.string()),
    overseer: nullable(
      z.object({
        role: z.enum(['garant', 'commissaire_enqueteur']),
        name: nullable(z.string()).meta({ description: 'Null tant que personne n’est désigné : la procédure n’ouvre pas avant.' }),
      })
    ),
    noticePublishedAt: nullable(dateTime).meta({ description: 'Publication de l’avis au public.' }),
    environmentalAssessment: z.boolean(),
    notice: nullable(
      z.object({
        article: z.string(),
        mentions: z.array(NoticeMention),
      })
    ).meta({
      description:
        'Les mentions de l’avis au public que la procédure exige, au-delà de l’objet, des dates, de l’adresse en ligne et du garant ou commissaire enquêteur que la consultation porte déjà.',
    }),
    dossierSummary: nullable(z.string()).meta({ description: 'Le dossier en bref, en langage clair (texte brut).' }),
    calendar: z.array(CalendarItem),
  })
  .meta({ id: 'Procedure', description: 'La procédure légale que suit la consultation et le calendrier qu’en déduit le serveur.' });

export const RegisterHead = z
  .object({
    consultationDocumentId: z.string(),
    count: z.int().meta({ description: 'Observations inscrites, numérotées de 1 à `count` sans trou.' }),
    head: z.string().meta({
      description: 'Empreinte SHA-256 de la dernière observation (ou de départ si aucune) : un registre exporté qui aboutit à cette empreinte est intact.',
    }),
  })
  .meta({ id: 'RegisterHead' });

export const RegisterAnnex = z
  .object({
    day: z.iso.date().meta({ description: 'Jour (à Paris) à la fin duquel le registre est arrêté.' }),
    url: z.string().meta({ description: 'Le PDF, à imprimer pour l’annexe du registre papier.' }),
    bytes: z.int(),
    sha256: z.string().meta({ description: 'Empreinte SHA-256 du PDF tel que servi.' }),
    count: z.int().meta({ description: 'Observations inscrites à la fin de ce jour.' }),
    head: z.string().meta({ description: 'Empreinte de la dernière d’entre elles : celle du registre en ligne au même numéro.' }),
  })
  .meta({ id: 'RegisterAnnex' });

export const ScanAttachment = z
  .object({
    name: z.string(),
    mime: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
    bytes: z.int(),
    sha256: z.string().meta({ description: 'Empreinte SHA-256 du fichier tel que servi.' }),
    url: z.string(),
  })
  .meta({ id: 'RegisterScan', description: 'La numérisation d’une observation reçue sur papier, jointe par un agent.' });

export const RegisterEntry = z
  .object({
    number: z.int(),
    receivedAt: dateTime,
    channel: z.string().meta({ description: '`web`, `email`, `postal`, `meeting`… : comment l’observation est parvenue.' }),
    visibility: z.enum(['published', 'pending', 'withheld']).meta({
      description:
        '`published` : texte en ligne ; `pending` : en cours de modération ; `withheld` : retenue, dans les cas que la loi permet (le numéro et les empreintes restent).',
    }),
    title: nullable(z.string()),
    body: nullable(z.string()),
    territoryCode: nullable(z.string()),
    authorName: nullable(z.string()),
    textHash: z.string(),
    previousHash: z.string(),
    entryHash: z.string(),
    attachments: z.array(ScanAttachment).meta({
      description: 'Numérisations publiées avec l’observation (coordonnées masquées) ; hors de la chaîne d’empreintes, chacune avec la sienne.',
    }),
  })
  .meta({ id: 'RegisterEntry', description: 'Une observation du registre, telle que reçue, chaînée à la précédente.' });

export const RegisterPage = z.object({
  data: z.array(RegisterEntry),
  meta: z.object({
    pagination: z.object({ page: z.int(), pageSize: z.int(), pageCount: z.int(), total: z.int() }),
    register: RegisterHead,
  }),
});

export const RegisterExport = z
  .object({
    consultationDocumentId: z.string(),
    procedure: ProcedureKind,
    exportedAt: dateTime,
    head: z.string(),
    count: z.int(),
    entries: z.array(RegisterEntry),
  })
  .meta({ id: 'RegisterExport', description: 'Le registre entier, vérifiable hors ligne (`npm run register:verify -- fichier.json`).' });

export const ProcedureReport = z
  .object({
    kind: z
      .enum(['report', 'response'])
      .meta({ description: '`report` : bilan du garant, rapport du commissaire enquêteur ou synthèse ; `response` : réponse du maître d’ouvrage.' }),
    label: z.string(),
    title: z.string(),
    body: z.string(),
    date: z.iso.date().meta({ description: 'Date du document.' }),
    author: nullable(z.string()),
    publishedAt: dateTime,
  })
  .meta({ id: 'ProcedureReport' });

export const DossierPiece = z
  .object({
    name: z.string(),
    url: z.string(),
    mime: nullable(z.string()),
    size: nullable(z.number()).meta({ description: 'Taille en ko, comme la médiathèque la donne.' }),
    onlineFrom: dateTime,
    onlineUntil: nullable(dateTime).meta({ description: 'Null : toujours en ligne.' }),
  })
  .meta({ id: 'DossierPiece', description: 'Une pièce du dossier, et quand elle était en ligne.' });

export const ProcedurePage = z
  .object({
    consultationDocumentId: z.string(),
    slug: z.string(),
    procedure: Procedure,
    dossier: z.array(DossierPiece).meta({ description: 'Ce qui était en ligne dans le dossier, et quand, des plus anciennes aux plus récentes.' }),
    reports: z.array(ProcedureReport),
    register: RegisterHead,
  })
  .meta({ id: 'ProcedurePage', description: 'La procédure, son calendrier calculé, ses bilan, rapport ou réponse publiés et la tête de son registre.' });

/* The staff screens (admin API). */

export const AdminProcedure = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    title: z.string(),
    status: z.string(),
    procedure: Procedure,
    overseerEmail: nullable(z.string()),
    blocker: nullable(z.string()).meta({ description: 'Ce que la procédure attend encore avant d’ouvrir.' }),
    observations: z.int(),
    reports: z.array(ProcedureReport),
    actions: z.object({
      report: z.object({ allowed: z.boolean(), label: z.string(), reason: nullable(z.string()) }),
      response: z.object({ allowed: z.boolean(), label: z.string(), reason: nullable(z.string()) }),
      scan: z
        .object({ allowed: z.boolean(), label: z.string(), reason: nullable(z.string()) })
        .meta({ description: 'Joindre la numérisation d’une observation reçue sur papier : les agents qui règlent la consultation.' }),
    }),
  })
  .meta({ id: 'AdminProcedure' });

export const StaffObservation = z
  .object({
    number: z.int(),
    receivedAt: dateTime,
    channel: z.string(),
    status: z.string(),
    moderationReason: nullable(z.string()),
    title: nullable(z.string()),
    body: nullable(z.string()),
    authorName: nullable(z.string()),
    entryHash: z.string(),
    scans: z.array(ScanAttachment.extend({ publishable: z.boolean() })).meta({ description: 'Toutes les numérisations jointes, publiables ou non.' }),
  })
  .meta({ id: 'StaffObservation' });
