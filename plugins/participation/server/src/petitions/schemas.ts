import * as z from 'zod/v4';
import { AUTHOR_KINDS, DECISIONS, EVENT_KINDS, PETITION_STATUSES, SCHEME_KINDS, TRIGGERS } from './domain/rules';
import { countsBy, Pagination, dateTime, nullable } from '../platform/schemas';

export const PetitionStage = z
  .object({
    key: z.string(),
    label: z.string(),
    signatures: nullable(z.int()),
    populationRatio: nullable(z.number()),
    withinDays: z.int(),
    minTerritories: nullable(z.int()),
    perTerritory: nullable(z.int()),
    perTerritoryRatio: nullable(z.number()),
    triggers: z.enum(TRIGGERS),
    triggersLabel: z.string(),
  })
  .meta({
    id: 'PetitionStage',
    description:
      '« N signatures en D jours », N fixe ou proportionnel à la population, avec ses conditions territoriales et ce que son franchissement déclenche.',
  });

export const PetitionScheme = z
  .object({
    slug: z.string(),
    name: z.string(),
    kind: z.enum(SCHEME_KINDS),
    description: nullable(z.string()),
    criteria: nullable(z.string()).meta({ description: 'Critères de recevabilité publiés.' }),
    minimumAge: z.int(),
    groupingKey: nullable(z.string()),
    retentionDays: z.int().meta({ description: 'Durée de conservation des données des signataires après la clôture (jours).' }),
    acceptsPetitions: z.boolean(),
    stages: z.array(PetitionStage),
  })
  .meta({ id: 'PetitionScheme' });

const PetitionSummaryFields = {
  documentId: z.string(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(PETITION_STATUSES),
  statusLabel: z.string(),
  scheme: nullable(z.object({ slug: z.string(), name: z.string(), kind: z.enum(SCHEME_KINDS) })),
  authorName: z.string(),
  authorKind: z.enum(AUTHOR_KINDS),
  channel: z.enum(['web', 'paper']),
  commune: nullable(z.object({ code: z.string(), name: z.string() })),
  signaturesCount: z.int(),
  openedAt: nullable(dateTime),
  closesAt: nullable(dateTime),
  answeredAt: nullable(dateTime),
  createdAt: dateTime,
};
export const PetitionSummary = z.object(PetitionSummaryFields).meta({ id: 'PetitionSummary' });

const TerritoryCount = z.object({ code: z.string(), name: z.string(), count: z.int() });
export const StageProgress = z
  .object({
    key: z.string(),
    label: z.string(),
    triggers: z.enum(TRIGGERS),
    required: z.int(),
    count: z.int(),
    deadline: dateTime,
    state: z.enum(['in_progress', 'reached', 'missed']),
    reachedAt: nullable(dateTime),
    territories: nullable(
      z.object({
        grouping: z.string(),
        minTerritories: z.int(),
        perTerritory: nullable(z.int()),
        reachedCount: z.int(),
        reached: z.array(TerritoryCount),
        missing: z.array(TerritoryCount.extend({ required: z.int() })),
      })
    ),
  })
  .meta({
    id: 'StageProgress',
    description: 'Une étape : signatures vérifiées, seuil, échéance, territoires atteints et manquants ; `reachedAt` une seule fois.',
  });

export const PetitionViewer = z
  .object({
    signedIn: z.boolean(),
    canSign: z.boolean(),
    reason: nullable(z.string()).meta({
      description: 'Pourquoi signer est refusé : authentication_required, petition_not_open, petition_closed, already_signed.',
    }),
    hasSigned: z.boolean(),
    signature: nullable(z.object({ communeCode: z.string(), territoryCode: nullable(z.string()), showName: z.boolean(), signedAt: dateTime })),
    canWithdraw: z.boolean(),
    isAuthor: z.boolean(),
    canAppeal: z.boolean(),
  })
  .meta({ id: 'PetitionViewer' });

export const PetitionDetail = z
  .object({
    ...PetitionSummaryFields,
    body: z.string(),
    scheme: PetitionScheme,
    decision: nullable(z.object({ reason: nullable(z.string()), decidedAt: nullable(dateTime), forwardedTo: nullable(z.string()) })),
    appeal: nullable(z.object({ decisionReason: nullable(z.string()) })),
    answer: nullable(z.object({ text: z.string(), answeredAt: nullable(dateTime) })),
    progress: z.array(StageProgress),
    history: z.array(z.object({ kind: z.enum(EVENT_KINDS), label: z.string(), stageKey: nullable(z.string()), reason: nullable(z.string()), at: dateTime })),
    viewer: PetitionViewer,
  })
  .meta({ id: 'PetitionDetail' });

export const SignatureResult = z.object({ slug: z.string(), signed: z.boolean(), signaturesCount: z.int() }).meta({ id: 'SignatureResult' });

export const PublicSignature = z
  .object({ name: z.string(), commune: z.string(), signedAt: dateTime })
  .meta({ id: 'PublicSignature', description: 'Une signature dont la personne a accepté d’afficher le nom.' });
export const PublicSignatures = z.object({
  data: z.array(PublicSignature),
  meta: z.object({ pagination: Pagination, anonymousCount: z.int().meta({ description: 'Signatures sans nom affiché.' }) }),
});

export const MyPetitions = z
  .object({
    filed: z.array(PetitionSummary.extend({ decisionReason: nullable(z.string()) })),
    signed: z.array(z.object({ petition: PetitionSummary, communeCode: z.string(), showName: z.boolean(), signedAt: dateTime })),
  })
  .meta({ id: 'MyPetitions' });

export const TerritoryGrouping = z
  .object({ key: z.string(), name: z.string(), source: z.enum(['builtin', 'imported']), territoriesCount: z.int() })
  .meta({ id: 'TerritoryGrouping', description: 'Un regroupement de communes (EPCI fournis ; cantons ou autres importés).' });
export const GroupingTerritory = z.object({ code: z.string(), name: z.string(), population: nullable(z.int()), communes: z.array(z.string()) }).meta({
  id: 'GroupingTerritory',
  description: 'Un territoire du regroupement, ses communes (codes INSEE) et sa population (somme de celles de ses communes).',
});

/* The agents' screens (admin API). */

export const AdminScheme = PetitionScheme.extend({ documentId: z.string() }).meta({ id: 'AdminPetitionScheme' });

export const AdminPetitionRow = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    title: z.string(),
    status: z.enum(PETITION_STATUSES),
    scheme: z.string(),
    authorName: z.string(),
    channel: z.enum(['web', 'paper']),
    signaturesCount: z.int(),
    paperPendingCount: z.int(),
    closesAt: nullable(dateTime),
    createdAt: dateTime,
  })
  .meta({ id: 'AdminPetitionRow' });

export const AdminPetitionList = z.object({
  data: z.array(AdminPetitionRow),
  meta: z.object({ pagination: Pagination, counts: countsBy(PETITION_STATUSES) }),
});

export const AdminPetitionDetail = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    title: z.string(),
    body: z.string(),
    status: z.enum(PETITION_STATUSES),
    authorName: z.string(),
    authorKind: z.enum(AUTHOR_KINDS),
    channel: z.enum(['web', 'paper']),
    provenance: nullable(z.string()),
    communeCode: nullable(z.string()),
    decisionReason: nullable(z.string()),
    decidedAt: nullable(dateTime),
    forwardedTo: nullable(z.string()),
    appealReason: nullable(z.string()),
    appealDecisionReason: nullable(z.string()),
    openedAt: nullable(dateTime),
    closesAt: nullable(dateTime),
    signaturesCount: z.int(),
    paperPendingCount: z.int(),
    answer: nullable(z.string()),
    answeredAt: nullable(dateTime),
    scheme: AdminScheme,
    progress: z.array(StageProgress),
    decisions: z
      .array(z.object({ decision: z.enum(DECISIONS), reasonRequired: z.boolean() }))
      .meta({ description: 'Les décisions que les règles permettent sur cette pétition maintenant.' }),
    history: z.array(
      z.object({ kind: z.enum(EVENT_KINDS), stageKey: nullable(z.string()), reason: nullable(z.string()), actorName: nullable(z.string()), at: dateTime })
    ),
    pendingPaperSignatures: z.array(
      z.object({
        id: z.int(),
        name: z.string(),
        communeCode: z.string(),
        territoryCode: nullable(z.string()),
        provenance: nullable(z.string()),
        note: nullable(z.string()),
        signedAt: dateTime,
      })
    ),
  })
  .meta({
    id: 'AdminPetitionDetail',
    description: 'Une pétition telle que les agents la voient : texte, provenance, recours, historique, signatures papier à vérifier.',
  });

export const GroupingImported = z
  .object({
    key: z.string(),
    name: z.string(),
    territoriesCount: z.int(),
    communesCount: z.int(),
    splitCommunes: z.array(z.string()).meta({ description: 'Communes réparties entre plusieurs territoires.' }),
    missingCommunes: z.array(z.string()).meta({ description: 'Communes du département absentes du fichier.' }),
  })
  .meta({ id: 'GroupingImported' });
