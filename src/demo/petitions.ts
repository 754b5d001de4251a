import type { Core } from '@strapi/strapi';

/**
 * Two petition schemes, as the Département runs them and as the reform reported in 2025 would: the current right of
 * interpellation (20,000 signatures in a year from at least 10 territories; the Département counts cantons, which
 * an agent imports from INSEE's file — the demo counts intercommunalités, shipped with the product) and the reform's
 * first "dialogue" stage at 100 signatures within 3 months.
 */
export const demoSchemes = [
  {
    name: "Droit d'interpellation (dispositif actuel)",
    slug: 'droit-interpellation',
    kind: 'interpellation' as const,
    description:
      "Toute personne de 16 ans et plus habitant, travaillant ou étudiant en Loire-Atlantique peut demander l'inscription d'un sujet à l'ordre du jour de l'assemblée départementale.",
    criteria:
      "Le sujet relève des compétences du Département (solidarités, collèges, routes départementales, espaces naturels, culture, sport). La demande ne vise pas une personne, n'est ni injurieuse ni diffamatoire, et ne porte pas sur une procédure en cours devant un juge ou sur une élection.",
    minimumAge: 16,
    groupingKey: 'epci',
    stages: [
      {
        key: 'assemblee',
        label: "Inscription à l'ordre du jour de l'assemblée",
        signatures: 20000,
        withinDays: 365,
        minTerritories: 10,
        triggers: 'assembly_agenda' as const,
      },
    ],
    retentionDays: 365,
    acceptsPetitions: true,
  },
  {
    name: 'Pétition citoyenne (réforme : dialogue puis assemblée)',
    slug: 'petition-citoyenne',
    kind: 'petition' as const,
    description:
      'À 100 signatures en trois mois, les élu·es rencontrent les pétitionnaires ; à un centième de la population en un an, depuis au moins 5 intercommunalités, le sujet est inscrit à l’ordre du jour.',
    criteria: "Mêmes critères que le droit d'interpellation ; une pétition hors des compétences du Département est transmise à l'autorité compétente.",
    minimumAge: 16,
    groupingKey: 'epci',
    stages: [
      { key: 'dialogue', label: 'Rencontre de dialogue avec les élu·es', signatures: 100, withinDays: 90, triggers: 'dialogue_meeting' as const },
      {
        key: 'assemblee',
        label: "Inscription à l'ordre du jour de l'assemblée",
        populationRatio: 0.01,
        withinDays: 365,
        minTerritories: 5,
        triggers: 'assembly_agenda' as const,
      },
    ],
    retentionDays: 180,
    acceptsPetitions: true,
  },
];

type DemoPetition = {
  scheme: string;
  title: string;
  body: string;
  communeCode: string;
  state: 'submitted' | 'open' | 'inadmissible' | 'forwarded' | 'answered';
  reason?: string;
  forwardedTo?: string;
  answer?: string;
  signers?: number;
};

export const demoPetitions: DemoPetition[] = [
  {
    scheme: 'petition-citoyenne',
    title: 'Rétablir la ligne Aléop du dimanche entre Ancenis et Nantes',
    body: 'Depuis la suppression des cars du dimanche, les étudiant·es et les personnes sans voiture ne peuvent plus rejoindre Nantes le week-end. Nous demandons au Département de rétablir au moins deux allers-retours le dimanche sur la ligne Ancenis – Nantes.',
    communeCode: '44003',
    state: 'open',
    signers: 12,
  },
  {
    scheme: 'droit-interpellation',
    title: "Des menus 100 % locaux dans les collèges de Loire-Atlantique d'ici 2030",
    body: "Nous demandons à l'assemblée départementale de débattre d'un objectif de produits locaux et de saison dans la restauration des collèges publics, avec un calendrier et un budget.",
    communeCode: '44109',
    state: 'open',
    signers: 9,
  },
  {
    scheme: 'petition-citoyenne',
    title: 'Une passerelle piétonne au-dessus de la RD 751 à Saint-Brevin',
    body: 'Traverser la route départementale à pied pour rejoindre la plage est dangereux l’été. Nous demandons une passerelle ou un passage protégé.',
    communeCode: '44154',
    state: 'answered',
    signers: 6,
    answer:
      "Le Département a étudié la demande avec la commune : un passage piéton protégé avec feu à déclenchement sera réalisé avant l'été prochain. Une passerelle n'est pas retenue (coût et emprise), mais le carrefour sera réaménagé.",
  },
  {
    scheme: 'petition-citoyenne',
    title: 'Ouvrir la piscine municipale le dimanche matin',
    body: 'Nous souhaitons que la piscine de notre commune ouvre le dimanche matin pour les familles.',
    communeCode: '44184',
    state: 'forwarded',
    reason: "Les horaires d'une piscine municipale relèvent de la commune, non du Département.",
    forwardedTo: 'Mairie de Saint-Nazaire',
  },
  {
    scheme: 'droit-interpellation',
    title: 'Interdire la chasse le dimanche dans tout le département',
    body: 'Nous demandons au Département d’interdire la chasse le dimanche pour que chacun puisse se promener en sécurité.',
    communeCode: '44162',
    state: 'inadmissible',
    reason:
      "La réglementation de la chasse relève de l'État (préfet) : le Département ne peut pas l'interdire. Vous pouvez former un recours gracieux dans les deux mois.",
  },
  {
    scheme: 'petition-citoyenne',
    title: 'Planter des haies le long des routes départementales du vignoble',
    body: 'Des haies bocagères le long des routes départementales du vignoble protégeraient la biodiversité et limiteraient le ruissellement.',
    communeCode: '44212',
    state: 'submitted',
  },
];

/** Schemes, then petitions driven through the real use cases (decisions, signatures, answers), once. */
export async function seedPetitions(strapi: Core.Strapi, citizens: { id: number; displayName: string }[]): Promise<string[]> {
  const petitions = strapi.plugin('participation').service('petitions');
  const existing = (await petitions.adminSchemes()).data as { slug: string }[];
  if (existing.length) return [];
  for (const scheme of demoSchemes) await petitions.saveScheme(null, scheme);
  const actor = { id: 0, name: 'Équipe participation (démonstration)' };
  const epci = (await strapi.plugin('participation').service('groupings').territories('epci')) as { code: string; communes: string[] }[];
  const communes = epci.filter((t) => t.communes.length).map((t) => t.communes[0]);
  for (const [i, demo] of demoPetitions.entries()) {
    const author = citizens[i % citizens.length];
    const filed = await petitions.file(author, {
      scheme: demo.scheme,
      title: demo.title,
      body: demo.body,
      authorKind: 'citizen',
      communeCode: demo.communeCode,
      confirmsMinimumAge: true,
    });
    if (demo.state === 'submitted') continue;
    if (demo.state === 'inadmissible' || demo.state === 'forwarded') {
      await petitions.decide(
        filed.documentId,
        { decision: demo.state === 'forwarded' ? 'forward' : 'inadmissible', reason: demo.reason, forwardedTo: demo.forwardedTo },
        actor
      );
      continue;
    }
    await petitions.decide(filed.documentId, { decision: 'admissible' }, actor);
    const signers = citizens.filter((c) => c.id !== author.id).slice(0, demo.signers ?? 0);
    for (const [j, signer] of signers.entries()) {
      await petitions.sign(filed.slug, signer, { communeCode: communes[j % communes.length], showName: j % 3 === 0, confirmsMinimumAge: true });
    }
    if (demo.answer) await petitions.answer(filed.documentId, demo.answer, actor);
  }
  return [`${demoSchemes.length} dispositifs de pétition`, `${demoPetitions.length} pétitions`];
}
