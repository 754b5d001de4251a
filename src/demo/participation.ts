/** Demo citizens and their contributions, in real French, for the open demo consultations. */

export const demoCitizens = [
  'camille.nantes',
  'yann.reze',
  'soizic.ancenis',
  'mathis.clisson',
  'nadia.stnazaire',
  'pierre.guerande',
  'lea.orvault',
  'thomas.vertou',
  'fatou.carquefou',
  'hugo.chateaubriant',
  'maelle.pornic',
  'jules.blain',
  'ines.couëron',
  'erwan.machecoul',
  'claire.oudon',
  'sami.bouguenais',
].map((username) => username.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));

type DemoContribution = {
  title: string;
  body: string;
  territory?: string;
  status?: 'pending' | 'published' | 'hidden';
  answer?: { status: string; text: string };
};

export const veloContributions: DemoContribution[] = [
  {
    title: 'Passer par la levée de la Divatte',
    body: 'La levée offre un itinéraire plat et magnifique. Il faudrait juste séparer les vélos des voitures entre Le Cellier et Mauves.',
    territory: '44028',
  },
  {
    title: 'Des arceaux à la gare d’Oudon',
    body: "Beaucoup de cyclistes combinent train et vélo. Il manque des arceaux couverts à la gare d'Oudon.",
    territory: '44115',
    answer: { status: 'retained', text: 'Vingt arceaux couverts seront installés en 2027 avec la SNCF.' },
  },
  {
    title: 'Éclairage sur les passages boisés',
    body: 'En hiver, la section entre Thouaré et Mauves est très sombre dès 17 h. Un éclairage solaire à détection serait rassurant.',
    territory: '44204',
  },
  {
    title: 'Traversée sécurisée à Mauves',
    body: 'La traversée de la RD 751 à Mauves-sur-Loire est dangereuse avec des enfants. Un plateau ou un feu à la demande serait bienvenu.',
    territory: '44094',
  },
  {
    title: 'Des aires de pique-nique',
    body: "Quelques tables et une fontaine à eau tous les dix kilomètres rendraient l'itinéraire plus agréable pour les familles.",
  },
  {
    title: 'Revêtement adapté aux vélos cargos',
    body: 'Le sable stabilisé est glissant sous la pluie avec un vélo cargo chargé. Un enrobé sur les pentes serait plus sûr.',
  },
  {
    title: 'Jalonnement vers les villages',
    body: "Indiquer les commerces et cafés des bourgs proches inciterait les cyclistes à s'arrêter et ferait vivre les villages.",
    territory: '44003',
  },
  {
    title: 'Respecter les zones humides',
    body: "Le tracé par les bords de Loire ne doit pas abîmer les prairies humides. Préférez une passerelle légère plutôt qu'un remblai.",
  },
  {
    title: 'Un comptage public des passages',
    body: "Installer des compteurs et publier les chiffres en ligne permettrait de mesurer l'usage réel de l'itinéraire.",
  },
  {
    title: 'Liaison avec les collèges',
    body: 'Le tracé pourrait desservir le collège de Saint-Julien-de-Concelles pour que les élèves viennent à vélo en sécurité.',
    territory: '44169',
  },
  { title: 'Des bornes de réparation', body: 'Une pompe et quelques outils attachés, à Ancenis et à Thouaré, dépanneraient bien des cyclistes.' },
  {
    title: 'Continuité à la sortie de Nantes',
    body: "Le vrai point noir est l'arrivée à Nantes par le boulevard de la Beaujoire. Sans continuité là, le reste servira moins.",
    territory: '44109',
  },
  { title: 'Toilettes publiques', body: "Il n'y a presque aucune toilette publique ouverte le long du parcours. Des sanitaires secs seraient très utiles." },
  {
    title: 'Pas de bitume sur la levée',
    body: 'Je préfère garder le charme du chemin en terre. Un bitume changerait complètement le paysage ligérien.',
    status: 'pending',
  },
  {
    title: 'Navette vélo le week-end',
    body: "Un car avec remorque à vélos le dimanche entre Nantes et Ancenis permettrait de ne faire que l'aller à vélo.",
    status: 'pending',
  },
  {
    title: 'Vitesse des vélos électriques',
    body: 'Les vélos électriques roulent vite au milieu des promeneurs. Une signalétique de partage de la voie serait utile.',
    status: 'pending',
  },
  { title: 'Arrêtez de dépenser notre argent', body: 'Encore un projet inutile pour une minorité, les routes sont pleines de trous !!!', status: 'hidden' },
];

export const autonomyContributions: DemoContribution[] = [
  {
    title: 'Un jardin partagé accessible à Saint-Herblain',
    body: 'Des bacs surélevés accessibles en fauteuil au pied des résidences seniors, pour jardiner et se rencontrer.',
    territory: '44162',
  },
  {
    title: 'Un minibus pour les bourgs ruraux',
    body: 'Un transport à la demande vers le marché et le médecin, une fois par semaine, pour les personnes qui ne conduisent plus.',
  },
  {
    title: 'Des visites de convivialité à Châteaubriant',
    body: 'Des bénévoles formés qui rendent visite chaque semaine aux personnes âgées isolées, en lien avec le CCAS.',
    territory: '44036',
  },
  {
    title: 'Adapter les logements avant la chute',
    body: "Un diagnostic gratuit du logement à 70 ans : barres d'appui, douche de plain-pied, éclairage des escaliers.",
    territory: '44131',
  },
  { title: 'Un numéro unique pour les aidants', body: "Les aidants ne savent pas à qui s'adresser. Un seul numéro, joignable le soir, pour les orienter." },
  { title: 'Des bancs tous les 200 mètres', body: "Pour marcher jusqu'aux commerces, il faut pouvoir s'asseoir. Des bancs réguliers dans les centres-bourgs." },
  {
    title: 'Un accueil de jour à Blain',
    body: 'Un accueil de jour pour les personnes atteintes de troubles de la mémoire, pour soulager les aidants.',
    territory: '44015',
  },
  {
    title: 'Des ateliers numériques à Saint-Nazaire',
    body: 'Apprendre à faire ses démarches en ligne avec des jeunes du service civique, au centre social de Kerlédé.',
    territory: '44184',
  },
  {
    title: 'Des repas partagés à Rezé',
    body: 'Un restaurant intergénérationnel le midi, ouvert aux retraités et aux étudiants, à petit prix.',
    territory: '44143',
  },
  {
    title: 'Colocations entre générations à Clisson',
    body: 'Mettre en relation des seniors qui ont une chambre libre et des jeunes qui cherchent un logement.',
    territory: '44043',
  },
  { title: 'Spam publicitaire', body: 'Achetez nos monte-escaliers à prix cassé, contactez-nous vite sur notre site !', status: 'published' },
];

export const demoComments = [
  'Très bonne idée, je soutiens !',
  "C'est exactement ce qui manque dans ma commune.",
  'Il faudrait aussi penser à l’entretien dans la durée.',
  'Attention au coût, mais ça vaut le coup.',
  'Je rejoins cette proposition, nous en parlions justement au conseil de quartier.',
];

/** Observations on the demo public inquiry (RD 723), online, by post and at the commissioner's permanence. */
export const inquiryObservations: { title: string; body: string; territory: string; channel: 'web' | 'mail' | 'meeting'; authorName?: string }[] = [
  {
    title: 'Passage à faune au ruisseau du Hâvre',
    body: 'Les chevreuils traversent chaque soir au niveau du ruisseau : le passage inférieur prévu doit être assez large pour eux.',
    territory: '44003',
    channel: 'web',
  },
  {
    title: 'Courrier de l’association des riverains de la Rouxière',
    body: 'Nous demandons un écran acoustique le long des habitations du lieu-dit la Rouxière et un accès sécurisé pour les engins agricoles.',
    territory: '44003',
    channel: 'mail',
    authorName: 'Association des riverains de la Rouxière',
  },
  {
    title: 'Giratoire de la zone d’activités',
    body: 'Le giratoire est bienvenu, mais son diamètre doit permettre aux convois exceptionnels de l’usine de tourner sans empiéter.',
    territory: '44003',
    channel: 'web',
  },
  {
    title: 'Observation orale à la permanence d’Ancenis',
    body: 'Un agriculteur exploitant de part et d’autre de la route demande que le chemin de desserte soit maintenu pendant les travaux.',
    territory: '44003',
    channel: 'meeting',
    authorName: 'Observation recueillie par le commissaire enquêteur',
  },
];
