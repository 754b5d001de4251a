import * as z from 'zod/v4';
import { CONSULTATION_STATUSES } from '../consultations/domain/lifecycle';
import { ANSWER_STATUSES, MODERATION_STATUSES } from '../moderation/domain/moderation';
import { PHASE_KINDS } from '../consultations/domain/phases';
import { COMMENT_MODES, ELIGIBILITY_LINKS, FOLLOW_UP_STATUSES, METHODS, PROJECT_STATUSES, STAGES } from '../budgets/domain/rules';
import { AUTHOR_KINDS, EVENT_KINDS, PETITION_STATUSES, SCHEME_KINDS, TRIGGERS } from '../petitions/domain/rules';
import { FOLLOW_TARGETS, FREQUENCIES, KIND_NAMES, type NotificationKind } from '../notifications/domain/rules';

/**
 * Response schemas of the public API. The OpenAPI document is generated from them, and the contract tests
 * validate real responses against that document: a key the code adds without adding it here fails a test.
 */
const dateTime = z.iso.datetime({ offset: true });
const nullable = <T extends z.ZodType>(t: T) => t.nullable();

export const Pagination = z.object({ page: z.int(), pageSize: z.int(), pageCount: z.int(), total: z.int() }).meta({ id: 'Pagination' });
const listMeta = z.object({ pagination: Pagination });

export const ErrorEnvelope = z
  .object({
    data: z.null(),
    error: z.object({
      status: z.int(),
      name: z.string(),
      message: z.string(),
      details: z.object({
        code: z.string(),
        errors: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
      }),
    }),
  })
  .meta({ id: 'Error', description: "Enveloppe d'erreur de Strapi ; `details.code` est stable, `message` est en français." });

export const Territory = z
  .object({
    documentId: z.string(),
    kind: z.enum(['departement', 'epci', 'commune']),
    name: z.string(),
    inseeCode: z.string(),
    postalCodes: z.array(z.string()),
    population: nullable(z.int()),
    parentCode: nullable(z.string()),
  })
  .meta({ id: 'Territory' });

export const Theme = z
  .object({ documentId: z.string(), name: z.string(), slug: z.string(), description: nullable(z.string()), color: nullable(z.string()) })
  .meta({ id: 'Theme' });

export const Media = z
  .object({
    url: z.string(),
    alternativeText: nullable(z.string()),
    caption: nullable(z.string()),
    width: nullable(z.int()),
    height: nullable(z.int()),
    mime: z.string(),
    size: z.number(),
    name: z.string(),
    formats: nullable(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'Media' });

const ThemeRef = z.object({ slug: z.string(), name: z.string(), color: nullable(z.string()) }).meta({ id: 'ThemeRef' });
const TerritoryRef = z.object({ inseeCode: z.string(), name: z.string(), kind: z.enum(['departement', 'epci', 'commune']) }).meta({ id: 'TerritoryRef' });
const Counts = z.object({ contributions: z.int(), participants: z.int(), supports: z.int() }).meta({ id: 'ConsultationCounts' });
const Status = z.enum(CONSULTATION_STATUSES).meta({ id: 'ConsultationStatus' });

export const ConsultationSummary = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: nullable(z.string()),
    status: Status,
    opensAt: nullable(dateTime),
    closesAt: nullable(dateTime),
    cover: nullable(Media),
    themes: z.array(ThemeRef),
    territory: nullable(TerritoryRef),
    counts: Counts,
  })
  .meta({ id: 'ConsultationSummary' });

const phaseFields = {
  kind: z.enum(PHASE_KINDS),
  title: z.string(),
  description: z.string().optional(),
  startsAt: dateTime,
  endsAt: dateTime,
  allowContributions: z.boolean(),
  allowSupports: z.boolean(),
  allowComments: z.boolean(),
};

const REFUSALS = z.string().meta({
  description:
    'Pourquoi pas : consultation_not_open, consultation_closed, contributions_disabled, supports_disabled, comments_disabled, phase_does_not_allow, authentication_required',
});

export const ConsultationViewer = z
  .object({
    signedIn: z.boolean(),
    canContribute: z.boolean(),
    canSupport: z.boolean(),
    canComment: z.boolean(),
    reason: REFUSALS.optional(),
    reasons: z.object({ contribute: REFUSALS.optional(), support: REFUSALS.optional(), comment: REFUSALS.optional() }),
    isFollowing: z.boolean().optional().meta({ description: 'Pour une personne connectée : si elle suit la consultation.' }),
  })
  .meta({ id: 'ConsultationViewer', description: 'Ce que la personne qui consulte peut faire, et sinon pourquoi.' });

export const ConsultationDetail = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: nullable(z.string()),
    easyRead: nullable(z.string()).meta({ description: 'Résumé « facile à lire et à comprendre » (FALC), quand le service en a écrit un' }),
    body: nullable(z.string()),
    status: Status,
    stage: z.object({ status: Status, text: nullable(z.string()) }),
    opensAt: nullable(dateTime),
    closesAt: nullable(dateTime),
    phases: z.array(z.object({ ...phaseFields, current: z.boolean() })),
    currentPhase: nullable(z.object(phaseFields)),
    rules: z.object({
      allowContributions: z.boolean(),
      allowSupports: z.boolean(),
      allowComments: z.boolean(),
      requireAccount: z.boolean(),
      moderationMode: z.enum(['a_priori', 'a_posteriori']),
      maxContributionsPerUser: nullable(z.int()),
    }),
    themes: z.array(ThemeRef),
    territory: nullable(TerritoryRef),
    cover: nullable(Media),
    documents: z.array(Media),
    counts: Counts,
    results: nullable(
      z.object({
        synthesis: nullable(z.string()),
        keyFigures: z.array(z.object({ label: z.string(), value: z.union([z.string(), z.number()]), unit: z.string().optional() })),
        decisions: nullable(z.string()),
        decisionUrl: nullable(z.string()).meta({ description: "Lien vers la délibération de l'assemblée qui a statué, quand il y en a une." }),
        attachments: z.array(Media),
        updates: z
          .array(z.object({ date: z.iso.date(), title: z.string(), text: z.string() }))
          .meta({ description: '« Et ensuite » : ce que sont devenus les résultats, mises à jour datées, les plus récentes en premier.' }),
      })
    ),
    viewer: ConsultationViewer,
  })
  .meta({ id: 'ConsultationDetail' });

const contributionFields = {
  documentId: z.string(),
  title: z.string(),
  body: z.string(),
  territory: nullable(z.object({ inseeCode: z.string(), name: nullable(z.string()) })),
  author: z.object({ displayName: z.string() }),
  channel: z.enum(['web', 'paper', 'mail', 'meeting']),
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

export const AccountExport = z
  .object({
    account: z.object({ username: z.string(), email: z.string(), createdAt: nullable(dateTime), confirmed: z.boolean() }),
    contributions: z.array(z.record(z.string(), z.unknown())),
    comments: z.array(z.record(z.string(), z.unknown())),
    supports: z.array(z.object({ contribution: z.string(), at: nullable(dateTime) })),
    reports: z.array(
      z.object({
        type: z.enum(['contribution', 'comment']),
        target: nullable(z.string()),
        reason: z.string(),
        details: nullable(z.string()),
        at: nullable(dateTime),
      })
    ),
    consultations: z.array(z.object({ slug: nullable(z.string()), title: nullable(z.string()) })),
    follows: z.array(z.object({ target: z.string(), documentId: z.string(), following: z.boolean(), since: dateTime })),
    notificationPreferences: z.record(z.string(), z.enum(FREQUENCIES)),
    petitionSignatures: z.array(z.object({ petition: z.string(), slug: z.string(), communeCode: z.string(), showName: z.boolean(), signedAt: dateTime })),
    petitions: z.array(z.object({ title: z.string(), slug: z.string(), body: z.string(), status: z.string(), createdAt: dateTime })),
    budgetBallots: z.array(
      z.object({
        declaration: z.object({ fullName: z.string(), birthDate: z.string(), communeCode: z.string(), link: z.string() }),
        blank: z.boolean(),
        choices: z.array(z.string()),
        receipt: z.string(),
        updatedAt: dateTime,
      })
    ),
    budgetProjects: z.array(z.object({ title: z.string(), description: z.string(), estimatedCost: z.int(), communeCode: z.string(), createdAt: dateTime })),
    exportedAt: dateTime,
  })
  .meta({ id: 'AccountExport', description: 'Tout ce que la plateforme détient sur la personne connectée.' });

export const FollowState = z
  .object({ target: z.enum(FOLLOW_TARGETS), documentId: z.string(), following: z.boolean() })
  .meta({ id: 'FollowState', description: 'Ce que la personne suit désormais.' });

export const Follow = z
  .object({
    target: z.enum(FOLLOW_TARGETS),
    documentId: z.string(),
    title: nullable(z.string()),
    slug: nullable(z.string()).meta({ description: 'Slug de la consultation suivie (null pour une contribution).' }),
    followedAt: dateTime,
  })
  .meta({ id: 'Follow' });

export const Notification = z
  .object({
    documentId: z.string(),
    kind: z.enum(KIND_NAMES),
    subject: z.string(),
    body: z.string(),
    link: nullable(z.string()).meta({ description: 'Où voir ce dont parle la notification (page du site), si elle en a une.' }),
    createdAt: dateTime,
    read: z.boolean(),
  })
  .meta({ id: 'Notification', description: 'Ce que les courriels de notification disent, gardé pour le centre de notifications du site.' });

export const NotificationInbox = z
  .object({ data: z.array(Notification), meta: listMeta.extend({ unread: z.int().meta({ description: 'Notifications non lues, en tout.' }) }) })
  .meta({ id: 'NotificationInbox' });

export const NotificationsRead = z.object({ data: z.object({ unread: z.int() }) }).meta({ id: 'NotificationsRead' });

const FrequencyEnum = z
  .enum(FREQUENCIES)
  .meta({ description: '`immediate` : un courriel à chaque fois ; `daily` / `weekly` : un récapitulatif ; `off` : rien.' });

export const NotificationPreferences = z
  .object({
    frequencies: z.object(Object.fromEntries(KIND_NAMES.map((k) => [k, FrequencyEnum])) as Record<NotificationKind, typeof FrequencyEnum>),
    kinds: z.array(z.object({ kind: z.enum(KIND_NAMES), label: z.string(), frequency: FrequencyEnum, defaultFrequency: FrequencyEnum })),
  })
  .meta({
    id: 'NotificationPreferences',
    description: 'Quand recevoir chaque type de notification (par défaut : récapitulatif quotidien ; décisions de modération : tout de suite).',
  });

const UnsubscribeScope = z.union([
  z.object({ kind: z.enum(KIND_NAMES) }),
  z.object({ all: z.literal(true) }),
  z.object({ follow: z.object({ type: z.enum(FOLLOW_TARGETS), documentId: z.string() }) }),
]);

export const UnsubscribeLink = z.object({ scope: UnsubscribeScope, description: z.string() }).meta({ id: 'UnsubscribeLink' });
export const Unsubscribed = z.object({ unsubscribed: z.literal(true), scope: UnsubscribeScope, description: z.string() }).meta({ id: 'Unsubscribed' });

export const AccountErased = z.object({ erased: z.literal(true) }).meta({ id: 'AccountErased' });
export const SignedOut = z.object({ signedOut: z.literal(true) }).meta({ id: 'SignedOut' });

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

// Petitions and interpellation.

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

// Participatory budgets.

const BudgetCalendar = z.object({
  filingOpensAt: dateTime,
  filingClosesAt: dateTime,
  voteOpensAt: dateTime,
  voteClosesAt: dateTime,
  followUpAt: nullable(dateTime),
});
const budgetSummaryFields = {
  documentId: z.string(),
  slug: z.string(),
  name: z.string(),
  description: nullable(z.string()),
  stage: z.enum(STAGES),
  stageLabel: z.string(),
  calendar: BudgetCalendar,
  envelope: z.int(),
};
export const BudgetSummary = z
  .object(budgetSummaryFields)
  .meta({ id: 'BudgetSummary', description: 'Un budget participatif et son étape, qui suit son calendrier.' });

export const Ballot = z
  .object({
    receipt: z.string().meta({ description: 'Code de récépissé à conserver.' }),
    blank: z.boolean(),
    choices: z.array(z.string()),
    channel: z.literal('web'),
    updatedAt: dateTime,
  })
  .meta({ id: 'Ballot', description: 'Le bulletin de la personne connectée (modifiable jusqu’à la clôture du vote).' });

const Participation = z.object({ web: z.int(), paper: z.int(), blank: z.int(), total: z.int(), rejectedPaperBallots: z.int() });

export const BudgetDetail = z
  .object({
    ...budgetSummaryFields,
    rules: z.object({
      envelope: z.int(),
      territoryEnvelopes: z.array(z.object({ territoryCode: z.string(), amount: z.int() })),
      groupingKey: nullable(z.string()),
      minProjectCost: z.int(),
      maxProjectCost: z.int(),
      method: z.enum(METHODS),
      minChoices: z.int(),
      maxChoices: z.int(),
      minimumAge: z.int(),
      eligibilityLinks: z.array(z.object({ link: z.enum(ELIGIBILITY_LINKS), label: z.string() })),
      oneWinnerPerTerritory: z.boolean(),
      blankVoteAllowed: z.boolean(),
      tieBreak: z.string(),
      deliveryYears: z.int(),
      comments: z.enum(COMMENT_MODES).meta({
        description: 'Commentaires sur les projets : closed (aucun), a_priori (publiés après modération), a_posteriori (publiés aussitôt, modérés ensuite).',
      }),
    }),
    projectsCount: z.record(z.string(), z.int()),
    participation: nullable(Participation).meta({
      description: 'Bulletins comptés par canal (les votant·es papier comptent), blancs, bulletins papier refusés ; après la clôture du vote.',
    }),
    viewer: z.object({
      signedIn: z.boolean(),
      canFile: z.boolean(),
      canVote: z.boolean(),
      reason: nullable(z.string()).meta({ description: 'Pourquoi voter est refusé : authentication_required, vote_not_open, vote_closed.' }),
      ballot: nullable(Ballot),
    }),
  })
  .meta({ id: 'BudgetDetail' });

const Votes = nullable(z.object({ total: z.int(), web: z.int(), paper: z.int() })).meta({
  description: 'Après la clôture du vote seulement (ou en direct si le budget le prévoit).',
});
const budgetProjectFields = {
  documentId: z.string(),
  title: z.string(),
  description: z.string(),
  cost: z.int().meta({ description: 'Coût retenu (révisé par l’étude, sinon estimé).' }),
  estimatedCost: z.int(),
  revisedCost: nullable(z.int()),
  commune: z.object({ code: z.string(), name: z.string() }),
  territoryCode: nullable(z.string()),
  theme: nullable(z.string()),
  imageUrl: nullable(z.string()),
  authorName: z.string(),
  coAuthors: z.array(z.string()),
  channel: z.enum(['web', 'paper']),
  status: z.enum(PROJECT_STATUSES),
  statusLabel: z.string(),
  decisionReason: nullable(z.string()),
  isWinner: z.boolean(),
  votes: Votes,
  commentsCount: z.int().meta({ description: 'Commentaires publiés sur le projet.' }),
  followUp: nullable(
    z.object({
      status: nullable(z.enum(FOLLOW_UP_STATUSES)),
      statusLabel: nullable(z.string()),
      milestones: z.array(z.object({ date: z.string(), label: z.string(), done: z.boolean() })),
      deliveredAt: nullable(z.string()),
    })
  ),
  createdAt: dateTime,
};
export const BudgetProject = z.object(budgetProjectFields).meta({ id: 'BudgetProject' });
export const BudgetProjectDetail = z
  .object({
    ...budgetProjectFields,
    budget: z.object({ slug: z.string(), name: z.string() }),
    mergedInto: nullable(z.object({ documentId: z.string(), title: z.string() })),
    votesByTerritory: nullable(z.record(z.string(), z.int())),
    history: z.array(z.object({ kind: z.string(), reason: nullable(z.string()), at: dateTime })),
    comments: z
      .object({
        mode: z.enum(COMMENT_MODES),
        open: z.boolean().meta({ description: 'Vrai quand une personne connectée peut commenter ce projet maintenant.' }),
        reason: nullable(z.enum(['project_comments_disabled', 'project_comments_closed'])).meta({ description: 'Pourquoi les commentaires sont fermés.' }),
      })
      .meta({ description: 'Les commentaires du projet : ouverts ou non, et leur modération.' }),
  })
  .meta({ id: 'BudgetProjectDetail' });

/** « Près de chez moi »: what concerns one place, each list as its own public list shows it (at most 20 of each). */
export const PlaceOverview = z
  .object({
    place: z.object({
      code: z.string(),
      name: z.string(),
      kind: z.enum(['departement', 'epci', 'commune']),
      parent: nullable(z.object({ code: z.string(), name: z.string() })).meta({
        description: 'Le territoire qui contient ce lieu (l’EPCI d’une commune, le département d’un EPCI).',
      }),
    }),
    consultations: z
      .object({ total: z.int(), items: z.array(ConsultationSummary) })
      .meta({ description: 'Consultations ouvertes ou à venir qui concernent ce lieu, la plus proche de sa clôture d’abord.' }),
    pastConsultations: z
      .object({ total: z.int(), items: z.array(ConsultationSummary) })
      .meta({ description: 'Consultations closes qui concernent ce lieu, les plus récentes d’abord.' }),
    budgetProjects: z
      .object({
        total: z.int(),
        items: z.array(BudgetProject.extend({ budget: z.object({ slug: z.string(), name: z.string(), stage: z.enum(STAGES), stageLabel: z.string() }) })),
      })
      .meta({ description: 'Projets publics de budgets participatifs situés dans ce lieu, ceux des budgets en cours d’abord.' }),
    petitions: z
      .object({ total: z.int(), items: z.array(PetitionSummary) })
      .meta({ description: 'Pétitions publiques déposées depuis une commune de ce lieu, les plus récentes d’abord.' }),
  })
  .meta({ id: 'PlaceOverview' });

export const BudgetResults = z
  .object({
    computedAt: dateTime,
    participants: z.object({ web: z.int(), paper: z.int(), blank: z.int(), total: z.int() }),
    rejectedPaperBallots: z.int(),
    envelope: z.int(),
    spent: z.int(),
    remaining: z.int(),
    method: z.enum(METHODS),
    rules: z.string(),
    winners: z.array(
      z.object({
        documentId: z.string(),
        title: z.string(),
        cost: z.int(),
        votes: z.int(),
        territoryCode: nullable(z.string()),
        reason: z.enum(['territory_envelope', 'equity', 'general']),
      })
    ),
    projects: z.array(
      z.object({
        documentId: z.string(),
        title: z.string(),
        cost: z.int(),
        territoryCode: nullable(z.string()),
        votes: z.int(),
        web: z.int(),
        paper: z.int(),
        byTerritory: z.record(z.string(), z.int()),
        isWinner: z.boolean(),
        filedAt: dateTime,
      })
    ),
  })
  .meta({
    id: 'BudgetResults',
    description: 'Résultats calculés par le serveur selon les règles ; recalculables depuis les voix par projet publiées ici et en données ouvertes.',
  });

export const list = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), meta: listMeta });

/** A list that can also be walked by cursor (keyset pagination): same meta, plus the next page's cursor. */
export const cursorList = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    meta: listMeta.extend({
      nextCursor: nullable(z.string()).meta({
        description: 'À passer en `cursor` pour obtenir la page suivante, aussi vite en profondeur qu’en tête de liste ; null à la fin.',
      }),
    }),
  });
export const one = <T extends z.ZodType>(item: T) => z.object({ data: item });
