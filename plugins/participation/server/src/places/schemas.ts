import * as z from 'zod/v4';
import { STAGES } from '../budgets/domain/rules';
import { BudgetProject } from '../budgets/schemas';
import { ConsultationSummary } from '../consultations/schemas';
import { nullable } from '../platform/schemas';
import { PetitionSummary } from '../petitions/schemas';

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
