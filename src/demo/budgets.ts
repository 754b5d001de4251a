import type { Core } from '@strapi/strapi';

/**
 * Participatory budgets in each stage, shaped on the Département's first one (2023: €2M, projects up to €50,000,
 * voters aged 16 and over who live, work or study in Loire-Atlantique, 3 to 10 votes each), driven through the real
 * use cases: projects filed and analysed, ballots cast, results computed by the rules, winners followed up.
 */
const DAY = 86_400_000;
const SETTINGS = {
  envelope: 2_000_000,
  territoryEnvelopes: [],
  groupingKey: 'epci',
  minProjectCost: 1_000,
  maxProjectCost: 50_000,
  method: 'approval' as const,
  minChoices: 1,
  maxChoices: 10,
  minimumAge: 16,
  eligibilityLinks: ['live' as const, 'work' as const, 'study' as const],
  oneWinnerPerTerritory: true,
  blankVoteAllowed: true,
  showLiveCounts: false,
};

const IDEAS: [string, string, number, string][] = [
  [
    'Des bancs et des fontaines le long de la Loire à vélo',
    'Des bancs ombragés et des points d’eau tous les cinq kilomètres sur l’itinéraire de la Loire à vélo entre Ancenis et Nantes.',
    45_000,
    '44003',
  ],
  [
    'Un verger partagé au collège',
    'Planter un verger pédagogique dans la cour du collège, entretenu par les élèves et les habitant·es du quartier.',
    18_000,
    '44109',
  ],
  ['Des boîtes à livres dans les gares routières', 'Installer des boîtes à livres abritées dans les gares routières du réseau Aléop.', 8_000, '44184'],
  [
    'Des abris vélos sécurisés près des arrêts de car',
    'Des abris vélos fermés à clé aux arrêts de car les plus fréquentés, pour combiner vélo et car.',
    40_000,
    '44162',
  ],
  ['Un ponton de pêche accessible aux fauteuils roulants', 'Un ponton de pêche accessible aux personnes à mobilité réduite sur l’Erdre.', 35_000, '44143'],
  [
    'Des nichoirs et des hôtels à insectes dans les espaces naturels sensibles',
    'Poser nichoirs et hôtels à insectes avec les écoles, dans les espaces naturels sensibles du Département.',
    6_000,
    '44212',
  ],
];

const PROCESSES = [
  { slug: 'budget-participatif-2027', name: 'Budget participatif 2027', stage: 'filing', filing: [-10, 20], vote: [60, 90] },
  { slug: 'budget-participatif-colleges-2026', name: 'Budget participatif des collèges 2026', stage: 'admissibility', filing: [-40, -5], vote: [10, 30] },
  { slug: 'budget-participatif-2026', name: 'Budget participatif 2026', stage: 'vote', filing: [-90, -60], vote: [-5, 15] },
  { slug: 'budget-participatif-2025', name: 'Budget participatif 2025', stage: 'results', filing: [-200, -170], vote: [-60, -30] },
  { slug: 'budget-participatif-2023', name: 'Budget participatif 2023', stage: 'follow_up', filing: [-900, -870], vote: [-800, -770] },
] as const;

export async function seedBudgets(strapi: Core.Strapi, citizens: { id: number; displayName: string }[]): Promise<string[]> {
  const budgets = strapi.plugin('participation').service('budgets');
  if ((await budgets.adminList()).data.length) return [];
  const actor = { id: 0, name: 'Équipe participation (démonstration)' };
  const day = (n: number) => new Date(Date.now() + n * DAY).toISOString();
  for (const demo of PROCESSES) {
    const input = (filing: readonly number[], vote: readonly number[], followUp: number | null) => ({
      name: demo.name,
      slug: demo.slug,
      description: '2 millions d’euros pour des projets proposés et choisis par les habitant·es de Loire-Atlantique, de 16 ans et plus.',
      filingOpensAt: day(filing[0]),
      filingClosesAt: day(filing[1]),
      voteOpensAt: day(vote[0]),
      voteClosesAt: day(vote[1]),
      followUpAt: followUp === null ? null : day(followUp),
      // Comments on projects: published at once while the 2026 vote runs, after moderation on the 2027 projects.
      settings: { ...SETTINGS, comments: demo.stage === 'vote' ? 'a_posteriori' : demo.stage === 'filing' ? 'a_priori' : 'closed' },
    });
    // Filing open first, so that projects are filed through the real use case; then the calendar the demo shows.
    const created = await budgets.saveProcess(null, input([-1, 1], [2, 3], null));
    const projects = [];
    for (const [i, [title, description, cost, communeCode]] of IDEAS.entries()) {
      projects.push(await budgets.fileProject(demo.slug, citizens[i % citizens.length], { title, description, estimatedCost: cost, communeCode }));
    }
    if (demo.stage === 'filing') {
      for (const p of projects.slice(0, 4)) await budgets.decideProject(p.documentId, { decision: 'publish' }, actor);
      await budgets.saveProcess(created.documentId, input(demo.filing, demo.vote, null));
      continue;
    }
    await budgets.saveProcess(created.documentId, input([-2, -1], [2, 3], null));
    for (const [i, p] of projects.entries()) {
      if (demo.stage === 'admissibility' && i >= 3) {
        await budgets.decideProject(p.documentId, { decision: 'publish' }, actor);
        continue;
      }
      if (i === 2)
        await budgets.decideProject(
          p.documentId,
          { decision: 'inadmissible', reason: 'Les gares routières relèvent de la Région, autorité organisatrice des transports.' },
          actor
        );
      else
        await budgets.decideProject(
          p.documentId,
          { decision: 'admissible', assignedService: 'Direction des routes', ...(i === 0 ? { revisedCost: 48_000 } : {}) },
          actor
        );
    }
    if (demo.stage === 'admissibility') {
      await budgets.saveProcess(created.documentId, input(demo.filing, demo.vote, null));
      continue;
    }
    await budgets.saveProcess(created.documentId, input([-3, -2], [-1, 3], null));
    const ballotable = projects.filter((_, i) => i !== 2).map((p) => p.documentId);
    for (const [i, citizen] of citizens.entries()) {
      const choices = i % 7 === 6 ? [] : ballotable.filter((_, j) => (i + j) % 3 !== 0).slice(0, 1 + (i % 4));
      await budgets.vote(demo.slug, citizen, {
        blank: choices.length === 0,
        choices,
        declaration: { fullName: citizen.displayName, birthDate: `19${60 + i}-03-1${i % 9}`, communeCode: IDEAS[i % IDEAS.length][3], link: 'live' },
      });
    }
    await budgets.saveProcess(created.documentId, input(demo.filing, demo.vote, demo.stage === 'follow_up' ? -700 : null));
    if (demo.stage === 'vote') {
      const first = await budgets.commentProject(projects[0].documentId, citizens[1], {
        body: 'Oui ! Avec de l’ombre : l’été, entre Oudon et Mauves, il n’y a rien pour s’arrêter.',
      });
      await budgets.commentProject(projects[0].documentId, citizens[2], {
        body: 'Et des fontaines qui restent ouvertes en juillet et août, svp.',
        parent: first.data.documentId,
      });
      await budgets.commentProject(projects[1].documentId, citizens[3], {
        body: 'Le collège de mon fils cherche justement un projet avec les habitant·es, bonne idée.',
      });
    }
    if (demo.stage === 'follow_up') {
      const winners = (await budgets.adminDetail(created.documentId)).data.projects.filter((p: { isWinner: boolean }) => p.isWinner);
      for (const [i, w] of winners.entries()) {
        await budgets.setFollowUp(
          w.documentId,
          {
            status: i === 0 ? 'delivered' : 'in_progress',
            milestones: [
              { date: '2024-03-01', label: 'Études et devis', done: true },
              { date: '2024-10-01', label: 'Travaux', done: i === 0 },
            ],
          },
          actor
        );
      }
    }
  }
  return [`${PROCESSES.length} budgets participatifs (un par étape)`];
}
