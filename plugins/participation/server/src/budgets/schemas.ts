import * as z from 'zod/v4';
import { budgetSettings, COMMENT_MODES, ELIGIBILITY_LINKS, FOLLOW_UP_STATUSES, METHODS, PROJECT_DECISIONS, PROJECT_STATUSES, STAGES } from './domain/rules';
import { dateTime, nullable } from '../platform/schemas';

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

/* The agents' screens (admin API). */

const Settings = budgetSettings.meta({ id: 'BudgetSettings', description: 'Les règles d’un budget, telles qu’un agent les règle.' });
const Milestone = z.object({ date: z.string(), label: z.string(), done: z.boolean() }).meta({ id: 'Milestone' });

export const AdminBudgetRow = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    name: z.string(),
    description: nullable(z.string()),
    stage: z.enum(STAGES),
    filingOpensAt: dateTime,
    filingClosesAt: dateTime,
    voteOpensAt: dateTime,
    voteClosesAt: dateTime,
    followUpAt: nullable(dateTime),
    settings: Settings,
  })
  .meta({ id: 'AdminBudgetRow' });

export const AdminBudgetProject = z
  .object({
    documentId: z.string(),
    title: z.string(),
    description: z.string(),
    cost: z.int(),
    estimatedCost: z.int(),
    revisedCost: nullable(z.int()),
    communeCode: z.string(),
    communeName: z.string(),
    territoryCode: nullable(z.string()),
    territoryName: nullable(z.string()),
    authorName: z.string(),
    coAuthors: z.array(z.string()),
    channel: z.enum(['web', 'paper']),
    provenance: nullable(z.string()),
    status: z.enum(PROJECT_STATUSES),
    assignedService: nullable(z.string()),
    analysis: nullable(z.string()),
    decisionReason: nullable(z.string()),
    isWinner: z.boolean(),
    followUpStatus: nullable(z.enum(FOLLOW_UP_STATUSES)),
    milestones: z.array(Milestone),
    votes: nullable(z.int()).meta({ description: 'Null tant que les décomptes ne sont pas visibles.' }),
    decisions: z
      .array(z.object({ decision: z.enum(PROJECT_DECISIONS), reasonRequired: z.boolean() }))
      .meta({ description: 'Les décisions que les règles permettent sur ce projet maintenant.' }),
    createdAt: dateTime,
  })
  .meta({ id: 'AdminBudgetProject' });

export const AdminBudgetDetail = z
  .object({
    documentId: z.string(),
    slug: z.string(),
    name: z.string(),
    stage: z.enum(STAGES),
    settings: Settings,
    participation: Participation,
    countsVisible: z.boolean(),
    results: nullable(
      z.object({
        computedAt: dateTime,
        participants: z.object({ web: z.int(), paper: z.int(), blank: z.int(), total: z.int() }),
        rejectedPaperBallots: z.int(),
        envelope: z.int(),
        spent: z.int(),
        remaining: z.int(),
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
      })
    ),
    projects: z.array(AdminBudgetProject),
    history: z.array(z.object({ projectId: nullable(z.int()), kind: z.string(), reason: nullable(z.string()), actorName: nullable(z.string()), at: dateTime })),
  })
  .meta({
    id: 'AdminBudgetDetail',
    description: 'Un budget tel que les agents le voient : chaque projet, modération comprise, bulletins par canal, décomptes.',
  });

export const ProjectDecided = z.object({ documentId: z.string(), status: z.enum(PROJECT_STATUSES), cost: z.int() }).meta({ id: 'ProjectDecided' });
export const FollowUpSaved = z
  .object({ documentId: z.string(), followUpStatus: nullable(z.enum(FOLLOW_UP_STATUSES)), milestones: z.array(Milestone), deliveredAt: nullable(z.iso.date()) })
  .meta({ id: 'FollowUpSaved' });
export const PaperBallotEntered = z
  .object({ outcome: z.enum(['counted', 'rejected', 'already_voted_online']), reason: nullable(z.string()) })
  .meta({ id: 'PaperBallotEntered', description: 'Le sort d’un bulletin papier : compté, écarté (motif), ou écarté car la personne a voté en ligne.' });
