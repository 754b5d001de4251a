import type { Core } from '@strapi/strapi';

/**
 * Public meetings in every state, on the Département's subjects, driven through the real use cases: an upcoming
 * hybrid meeting with places left, a full workshop with its waitlist in order, a free-entry permanence of the
 * inquiry, an online draft, a cancelled one, and a past one whose attendees were checked in at the door, with what
 * was said in the room entered into its consultation and its minutes published with the registrants' remarks.
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;

type Person = { id: number; displayName: string };

export async function seedMeetings(strapi: Core.Strapi, people: Person[]): Promise<string[]> {
  const meetings = strapi.plugin('participation').service('meetings');
  const reads = strapi.plugin('participation').service('meeting-reads');
  if ((await reads.adminList({ page: 1, pageSize: 1 })).data.length) return [];
  const lifecycles = strapi.db.connection('participation_consultation_lifecycles');
  const consultation = async (prefix: string) =>
    ((await lifecycles.clone().select('consultation_document_id').where('slug', 'like', `%${prefix}%`).first())?.consultation_document_id as
      string | undefined) ?? null;
  const at = (days: number, hour: number) => {
    const d = new Date(Date.now() + days * DAY);
    d.setUTCHours(hour - 1, 0, 0, 0); // Paris in winter
    return d;
  };
  const base = (slug: string, title: string, days: number, hour: number, hours = 2) => ({
    slug,
    title,
    published: true,
    startsAt: at(days, hour).toISOString(),
    endsAt: new Date(at(days, hour).getTime() + hours * HOUR).toISOString(),
    services: [] as string[],
    agenda: [] as { time: string | null; title: string }[],
    onlineUrlRevealed: false,
    reservedPlaces: 0,
    waitlistEnabled: true,
    attendeesPublic: false,
  });
  const actor = { name: 'Accueil (démonstration)' };

  // Upcoming, hybrid, places left: the cycling route's public meeting.
  await meetings.save(null, {
    ...base('reunion-itineraire-velo-ancenis', 'Réunion publique : l’itinéraire vélo Ancenis – Nantes', 12, 18),
    description: 'Présentation des variantes du tracé, puis échanges par secteur. Les propositions faites en réunion rejoignent la consultation.',
    kind: 'hybrid',
    consultationDocumentId: await consultation('itineraire-velo'),
    territoryCode: '44003',
    address: 'Salle de la Charbonnière, 1 rue du Château',
    accessibility: 'Salle de plain-pied ; parking de 40 places ; gare d’Ancenis à 10 minutes à pied.',
    services: ['wheelchair', 'hearing_loop', 'sign_language'],
    agenda: [
      { time: '18:00', title: 'Accueil' },
      { time: '18:15', title: 'Présentation des trois variantes' },
      { time: '19:00', title: 'Ateliers par secteur' },
      { time: '19:45', title: 'Restitution et suites' },
    ],
    onlineUrl: 'https://visio.loire-atlantique.fr/itineraire-velo',
    registrationEnabled: true,
    capacity: 80,
    reservedPlaces: 10,
    registrationTerms: 'La réunion est filmée et diffusée en direct ; les personnes qui prennent la parole peuvent apparaître à l’image.',
    attendeesPublic: true,
  });
  for (const [i, p] of people.slice(0, 5).entries())
    await meetings.register('reunion-itineraire-velo-ancenis', p, { acceptTerms: true, showName: i < 3, organisation: i === 0 ? 'Place au vélo' : null });
  const velo = (await reads.adminList({ page: 1, pageSize: 10 })).data[0].documentId as string;
  await meetings.invite(velo, { name: 'Maire d’Ancenis-Saint-Géréon', organisation: 'Commune d’Ancenis-Saint-Géréon' });

  // Full, with its waitlist in order.
  await meetings.save(null, {
    ...base('atelier-bien-vieillir-reze', 'Atelier : bien vieillir chez soi', 5, 14, 3),
    description: 'Un atelier en petits groupes pour imaginer les services qui aident à rester chez soi.',
    kind: 'in_person',
    consultationDocumentId: await consultation('bien-vieillir'),
    territoryCode: '44143',
    address: 'Maison du Département, 8 rue Émile-Zola',
    accessibility: 'Ascenseur ; boucle magnétique en salle 2.',
    services: ['wheelchair', 'hearing_loop', 'easy_read'],
    registrationEnabled: true,
    capacity: 4,
  });
  for (const p of people.slice(0, 7)) await meetings.register('atelier-bien-vieillir-reze', p, {});

  // Free entry: the commissaire enquêteur's permanence.
  await meetings.save(null, {
    ...base('permanence-commissaire-enqueteur-oudon', 'Permanence du commissaire enquêteur', 8, 9, 3),
    description: 'Le commissaire enquêteur reçoit le public et recueille ses observations sur le registre papier.',
    kind: 'in_person',
    consultationDocumentId: await consultation('enquete-publique'),
    territoryCode: '44115',
    address: 'Mairie d’Oudon, place de la Mairie',
    accessibility: 'Accès de plain-pied par la cour.',
    services: ['wheelchair'],
    registrationEnabled: false,
  });

  // Online, still a draft.
  await meetings.save(null, {
    ...base('webinaire-budget-participatif', 'Webinaire : déposer un projet au budget participatif', 20, 12, 1),
    published: false,
    kind: 'online',
    onlineUrl: 'https://visio.loire-atlantique.fr/budget-participatif',
    registrationEnabled: true,
    capacity: null,
  });

  // Cancelled, its registrants told.
  await meetings.save(null, {
    ...base('reunion-college-nort-sur-erdre', 'Réunion publique : le nouveau collège de Nort-sur-Erdre', 15, 19),
    kind: 'in_person',
    consultationDocumentId: await consultation('nouveau-college'),
    territoryCode: '44110',
    address: 'Espace culturel Cap Nort, route d’Héric',
    registrationEnabled: true,
    capacity: 120,
  });
  for (const p of people.slice(2, 5)) await meetings.register('reunion-college-nort-sur-erdre', p, {});
  const college = (await reads.adminList({ page: 1, pageSize: 10 })).data.find((m: { slug: string }) => m.slug === 'reunion-college-nort-sur-erdre');
  await meetings.cancelMeeting(college.documentId, { reason: 'La salle est indisponible ; la réunion sera reprogrammée en janvier et vous serez prévenu·es.' });

  // Past: registered, checked in at the door, then held.
  const pastInput = {
    ...base('atelier-plan-climat-saint-nazaire', 'Atelier : le plan climat vu depuis l’estuaire', 4, 18),
    kind: 'in_person',
    consultationDocumentId: await consultation('plan-climat'),
    territoryCode: '44184',
    address: 'Agora 1901, 2 bis avenue Albert-de-Mun',
    services: ['wheelchair'],
    registrationEnabled: true,
    capacity: 30,
  };
  const pastId = await meetings.save(null, pastInput);
  const codes: string[] = [];
  for (const [i, p] of people.slice(0, 6).entries())
    codes.push((await meetings.register('atelier-plan-climat-saint-nazaire', p, { territoryCode: i % 2 ? '44184' : '44132' })).code);
  for (const code of codes.slice(0, 4)) await meetings.checkIn(pastId, code, actor);
  await meetings.save(pastId, { ...pastInput, startsAt: at(-6, 18).toISOString(), endsAt: new Date(at(-6, 18).getTime() + 2 * HOUR).toISOString() });
  // What was said in the room, entered into the consultation with its provenance.
  const said = [
    {
      title: 'Des aires de covoiturage près des zones d’activité',
      body: 'Un salarié de la zone de Brais demande des aires de covoiturage à l’entrée des zones d’activité, reliées aux lignes de car.',
      authorName: 'Un participant de Saint-Nazaire',
      territory: '44184',
    },
    {
      title: 'Un suivi public des travaux sur les marais',
      body: 'Le syndicat du bassin versant propose un tableau de bord public des travaux de restauration des marais de Brière, mis à jour chaque saison.',
      authorName: 'Syndicat du bassin versant du Brivet',
      territory: '44132',
    },
  ];
  for (const s of said) await meetings.enterContribution(pastId, { id: 0 }, s);
  const report = {
    attendees: 27,
    organisations: ['Collectif Estuaire en transition', 'CARENE', 'Syndicat du bassin versant du Brivet'],
    minutes:
      'Après la présentation des objectifs du plan climat, trois ateliers ont travaillé sur la mobilité, les zones humides et la rénovation des logements.\n\nLes participant·es demandent des aires de covoiturage près des zones d’activité et un suivi public des travaux sur les marais. Ces propositions ont rejoint la consultation.',
    mediaLinks: [{ title: 'Diaporama de présentation', url: 'https://www.loire-atlantique.fr/plan-climat/diaporama.pdf' }],
  };
  // The minutes went to the registrants for three days, who sent their remarks; then the report was published with them.
  await meetings.saveReport(pastId, { ...report, published: false });
  await meetings.proposeMinutes(pastId, 3, new Date(Date.now() - 5 * DAY));
  await meetings.sendRemark(
    'atelier-plan-climat-saint-nazaire',
    people[0],
    'Le compte rendu ne dit pas que l’atelier mobilité a aussi demandé des abris vélos sécurisés à la gare de Saint-Nazaire.',
    new Date(Date.now() - 4 * DAY)
  );
  await meetings.sendRemark(
    'atelier-plan-climat-saint-nazaire',
    people[1],
    'Précision : les zones humides citées sont celles de l’estuaire et de la Brière, pas seulement la Brière.',
    new Date(Date.now() - 4 * DAY)
  );
  await meetings.saveReport(pastId, { ...report, published: true });

  return [
    '6 réunions publiques (à venir, complète avec liste d’attente, entrée libre, brouillon, annulée, passée avec son bilan, ses contributions dites en réunion et les remarques des inscrit·es sur son compte rendu)',
  ];
}
