import * as z from 'zod/v4';
import { COMMENT_MODES, ELIGIBILITY_LINKS, FOLLOW_UP_STATUSES, METHODS, PROJECT_STATUSES, STAGES } from './domain/rules';
import { dateTime, nullable } from '../contract/base';

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
