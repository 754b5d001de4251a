import * as z from 'zod/v4';
import { CONTRIBUTION_CHANNELS } from './domain/policy';
import { ANSWER_STATUSES, MODERATION_STATUSES } from '../moderation/domain/moderation';
import { Status } from '../consultations/schemas';
import { dateTime, nullable } from '../platform/schemas';

const contributionFields = {
  documentId: z.string(),
  title: z.string(),
  body: z.string(),
  territory: nullable(z.object({ inseeCode: z.string(), name: nullable(z.string()) })),
  author: z.object({ displayName: z.string() }),
  channel: z.enum(CONTRIBUTION_CHANNELS),
  meeting: nullable(
    z.object({
      documentId: z.string().meta({ description: 'La réunion (`GET /meetings/{documentId}` la lit comme son slug).' }),
      provenance: z.string().meta({ description: '« Réunion du 12/03 à Rezé » : où et quand elle a été dite.' }),
    })
  ).meta({ description: 'Dite en réunion publique et saisie par l’équipe : la réunion, liée dans les deux sens.' }),
  origin: nullable(
    z.object({
      platform: z.enum(['decidim']).meta({ description: 'La plateforme d’où elle a été importée (« importée de Decidim »).' }),
      url: nullable(z.string()).meta({ description: 'Son adresse sur cette plateforme.' }),
      figures: z
        .object({ supports: nullable(z.int()), endorsements: nullable(z.int()), comments: nullable(z.int()) })
        .meta({ description: 'Ses chiffres là-bas au moment de l’import (soutiens, adhésions, commentaires) : jamais comptés comme des soutiens ici.' }),
    })
  ).meta({ description: 'Importée d’une autre plateforme (Decidim) : sa provenance. Null pour ce qui a été déposé ici.' }),
  createdAt: dateTime,
  counts: z.object({ supports: z.int(), comments: z.int() }),
  officialAnswer: nullable(z.object({ status: z.enum(ANSWER_STATUSES), text: nullable(z.string()), answeredAt: nullable(dateTime) })),
  moderation: z
    .object({ status: z.enum(MODERATION_STATUSES), reason: nullable(z.string()) })
    .optional()
    .meta({ description: 'Seulement pour son auteur·rice.' }),
  viewer: z.object({
    isAuthor: z.boolean(),
    canEdit: z.boolean(),
    canSupport: z.boolean(),
    hasSupported: z.boolean(),
    canComment: z.boolean(),
    canReport: z.boolean(),
    hasReported: z.boolean(),
    reason: z.string().optional(),
    isFollowing: z
      .boolean()
      .optional()
      .meta({ description: 'Sur la lecture d’une contribution, pour une personne connectée : si elle la suit (son auteur·rice la suit d’office).' }),
  }),
};

export const Contribution = z.object(contributionFields).meta({ id: 'Contribution' });
export const ContributionDetail = z
  .object({ ...contributionFields, consultation: nullable(z.object({ slug: z.string(), title: z.string(), status: Status })) })
  .meta({ id: 'ContributionDetail' });
export const MyContribution = z
  .object({ ...contributionFields, consultation: nullable(z.object({ slug: nullable(z.string()), title: nullable(z.string()) })) })
  .meta({ id: 'MyContribution' });

export const MyComment = z
  .object({
    documentId: z.string(),
    body: z.string(),
    status: z.enum(['pending', 'published', 'hidden', 'rejected']),
    moderationReason: nullable(z.string()).meta({ description: 'Le motif donné par la modération, pour un commentaire masqué ou refusé.' }),
    createdAt: dateTime,
    contribution: nullable(
      z.object({ documentId: z.string(), title: nullable(z.string()).meta({ description: 'Null quand la contribution n’est plus publique.' }) })
    ).meta({
      description: 'La contribution commentée (null pour un commentaire sur un projet de budget participatif).',
    }),
    project: nullable(
      z.object({
        documentId: z.string(),
        title: nullable(z.string()).meta({ description: 'Null quand le projet n’est plus public.' }),
        budget: z.object({ slug: z.string(), name: z.string() }),
      })
    ).meta({ description: 'Le projet de budget participatif commenté (null pour un commentaire sur une contribution).' }),
  })
  .meta({ id: 'MyComment' });

export const MySupport = z
  .object({
    contribution: z
      .object({ documentId: z.string(), title: nullable(z.string()), supportsCount: nullable(z.int()) })
      .meta({ description: 'Titre et soutiens null quand la contribution n’est plus publique.' }),
    supportedAt: dateTime,
  })
  .meta({ id: 'MySupport' });

export const CommentNode: z.ZodType = z
  .object({
    documentId: z.string(),
    body: nullable(z.string()),
    author: nullable(z.object({ displayName: z.string() })),
    removed: z.boolean(),
    depth: z.int(),
    createdAt: dateTime,
    viewer: z.object({ canReport: z.boolean(), hasReported: z.boolean() }),
    get replies() {
      return z.array(CommentNode);
    },
  })
  .meta({
    id: 'CommentNode',
    description: 'Un commentaire et ses réponses ; un commentaire retiré par la modération reste comme emplacement vide s’il a des réponses visibles.',
  });

export const CommentCreated = z
  .object({
    documentId: z.string(),
    body: z.string(),
    parent: nullable(z.string()),
    depth: z.int(),
    author: z.object({ displayName: z.string() }),
    status: z.enum(MODERATION_STATUSES),
    createdAt: dateTime,
  })
  .meta({ id: 'CommentCreated' });

export const SupportResult = z.object({ documentId: z.string(), supportsCount: z.int(), hasSupported: z.boolean() }).meta({ id: 'SupportResult' });
export const ReportResult = z.object({ documentId: z.string(), reported: z.literal(true), hidden: z.boolean() }).meta({ id: 'ReportResult' });

export const OpenData = z
  .object({
    consultation: z.object({ slug: z.string(), title: z.string(), status: Status }),
    contributions: z.array(
      z.object({
        documentId: z.string(),
        title: z.string(),
        body: z.string(),
        territory: nullable(z.string()),
        channel: z.string(),
        createdAt: dateTime,
        supports: z.int(),
        comments: z.int(),
        answerStatus: nullable(z.string()),
        answerText: nullable(z.string()),
      })
    ),
  })
  .meta({ id: 'OpenData' });

const TableField = z.object({
  name: z.string(),
  type: z.enum(['string', 'integer', 'datetime']),
  description: z.string(),
  format: z.string().optional(),
  constraints: z.record(z.string(), z.unknown()).optional(),
});

export const DataPackage = z
  .object({
    profile: z.literal('tabular-data-package'),
    name: z.string(),
    title: z.string(),
    description: z.string(),
    homepage: z.string().optional(),
    licenses: z.array(z.object({ name: z.string(), title: z.string(), path: z.string() })),
    created: dateTime,
    resources: z.array(
      z.object({
        profile: z.literal('tabular-data-resource'),
        name: z.string(),
        path: z.string(),
        format: z.literal('csv'),
        mediatype: z.literal('text/csv'),
        encoding: z.string(),
        dialect: z.object({ delimiter: z.string(), lineTerminator: z.string(), header: z.boolean() }),
        schema: z.object({ fields: z.array(TableField), primaryKey: z.array(z.string()), missingValues: z.array(z.string()) }),
      })
    ),
  })
  .meta({ id: 'DataPackage', description: 'Data Package frictionless (Table Schema de chaque fichier, licence) : https://specs.frictionlessdata.io/' });

export const OpenDataDump = z
  .object({ day: z.iso.date(), url: z.string(), rows: z.int(), bytes: z.int(), sha256: z.string(), createdAt: dateTime })
  .meta({ id: 'OpenDataDump', description: 'Un fichier daté des données ouvertes (CSV de toutes les consultations publiques, Licence Ouverte 2.0).' });
