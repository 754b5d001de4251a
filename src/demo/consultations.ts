/** Demo consultations on Loire-Atlantique subjects, one or more in each lifecycle state. */
type DemoStatus = 'draft' | 'scheduled' | 'open' | 'closed' | 'results_published' | 'archived';

export type DemoConsultation = {
  status: DemoStatus;
  /** Days from today. */
  opensInDays: number;
  closesInDays: number;
  themes: string[];
  territory: string;
  data: Record<string, unknown>;
};

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

export const demoConsultations: DemoConsultation[] = [
  {
    status: 'open',
    opensInDays: -12,
    closesInDays: 40,
    themes: ['mobilites', 'loire'],
    territory: '44003',
    data: {
      title: 'Itinéraire vélo le long de la Loire : Ancenis – Nantes',
      summary:
        "Le Département prépare une continuité cyclable sécurisée de 35 km entre Ancenis-Saint-Géréon et Nantes. Où faire passer le tracé, quels aménagements, quels points d'arrêt ?",
      easyRead:
        'Le Département veut faire une piste pour les vélos.\n\nLa piste va d’Ancenis à Nantes, le long de la Loire.\n\nVous pouvez dire par où la piste doit passer.\n\nVous pouvez dire ce qu’il faut mettre le long de la piste : des bancs, des parkings pour les vélos.\n\nVous avez jusqu’à la fin de la consultation pour donner votre avis.',
      body:
        "La Loire à vélo attire chaque année plus de 600 000 cyclistes, mais entre Ancenis et Thouaré-sur-Loire, l'itinéraire emprunte encore des routes départementales fréquentées.\n\n" +
        "Trois variantes sont à l'étude : par les bords de Loire (levée), par le coteau nord, ou un tracé mixte. Vos contributions aideront le comité de pilotage à choisir au printemps.",
      textUpcoming: 'La concertation ouvre bientôt : trois ateliers publics accompagneront la participation en ligne.',
      textOpen:
        'Proposez vos idées de tracé et dites quels aménagements comptent pour vous : stationnements vélo, aires de pique-nique, traversées sécurisées…',
      textClosed: 'Merci pour vos contributions ! Le comité de pilotage les analyse ; la synthèse sera publiée ici.',
      moderationMode: 'a_priori',
      maxContributionsPerUser: 5,
      phases: [
        { kind: 'information', title: 'Découvrir les variantes', startsAt: day(-12), endsAt: day(-5) },
        { kind: 'contribution', title: 'Proposer et soutenir', startsAt: day(-5), endsAt: day(30) },
        { kind: 'vote', title: 'Soutenir les propositions', startsAt: day(30), endsAt: day(40) },
      ],
    },
  },
  {
    status: 'open',
    opensInDays: -30,
    closesInDays: 21,
    themes: ['solidarites', 'environnement'],
    territory: '44',
    data: {
      title: 'Bien vieillir en Loire-Atlantique : vos idées pour le schéma autonomie',
      summary:
        "Le Département prépare son schéma de l'autonomie 2027-2031 : aide à domicile, habitat adapté, lutte contre l'isolement. Quelles actions pour bien vieillir chez soi ?",
      body: "Le schéma de l'autonomie fixe pour cinq ans les actions du Département auprès des personnes âgées et des personnes en situation de handicap. Vos propositions seront analysées avec les partenaires (communes, CCAS, associations) avant l'adoption du schéma.",
      textOpen: 'Proposez une action, soutenez celles des autres. Chaque contribution est relue par le service avant publication.',
      moderationMode: 'a_posteriori',
      requireAccount: true,
    },
  },
  {
    status: 'scheduled',
    opensInDays: 10,
    closesInDays: 55,
    themes: ['colleges'],
    territory: '44110',
    data: {
      title: 'Un nouveau collège à Nort-sur-Erdre : quels équipements ?',
      summary: 'Le futur collège accueillera 700 élèves à la rentrée 2029. Élèves, parents, enseignants et riverains : donnez votre avis sur ses équipements.',
      body: "Le Département construit un collège pour répondre à la croissance démographique du nord de l'Erdre. Le programme prévoit un gymnase ouvert aux associations en soirée.",
      textUpcoming: 'La concertation ouvrira dans quelques jours. Une réunion publique se tiendra à la salle des fêtes de Nort-sur-Erdre.',
      allowComments: true,
      requireAccount: false,
    },
  },
  {
    status: 'closed',
    opensInDays: -60,
    closesInDays: -5,
    themes: ['environnement'],
    territory: '44',
    data: {
      title: 'Plan climat départemental 2027-2033',
      summary: 'Rénovation des collèges, mobilités décarbonées, restauration scolaire : quelles priorités pour le futur plan climat du Département ?',
      body: 'Le plan climat fixe les engagements du Département pour réduire ses émissions de gaz à effet de serre de 50 % d’ici 2033.',
      textClosed: 'La consultation est close : 1 840 contributions ont été reçues. Les services les analysent, la synthèse sera publiée en janvier.',
    },
  },
  {
    status: 'results_published',
    opensInDays: -150,
    closesInDays: -90,
    themes: ['routes', 'mobilites'],
    territory: '244400552',
    data: {
      title: 'Sécurité de la RD 723 entre Ancenis et Oudon',
      summary: 'Vitesse, traversées de bourgs, pistes cyclables : comment rendre plus sûre la route départementale 723 ?',
      textClosed: 'Merci pour votre participation.',
      textResults: 'Le Département a retenu quatre aménagements, réalisés en 2027.',
      resultsSynthesis:
        '312 contributions et 1 460 soutiens. Les habitantes et habitants demandent surtout des traversées sécurisées à Oudon et une limitation à 70 km/h sur la section boisée.',
      resultsKeyFigures: [
        { label: 'contributions', value: 312 },
        { label: 'soutiens', value: 1460 },
        { label: 'aménagements retenus', value: 4 },
      ],
      resultsDecisions:
        '- Deux plateaux ralentisseurs à Oudon\n- Limitation à 70 km/h entre La Riotière et Oudon\n- Piste cyclable entre Ancenis et la gare d’Oudon\n- Éclairage du passage piéton de la rue du Pont',
      resultsDecisionUrl: 'https://www.loire-atlantique.fr/44/assemblee-departementale/deliberations',
      resultsUpdates: [
        {
          date: '2026-09-15',
          title: 'Les plateaux d’Oudon sont posés',
          text: 'Les deux plateaux ralentisseurs sont en service depuis la rentrée ; la vitesse moyenne a baissé de 12 km/h.',
        },
        {
          date: '2026-06-01',
          title: 'Limitation à 70 km/h',
          text: 'L’arrêté est signé : la limitation s’applique entre La Riotière et Oudon depuis le 1er juin.',
        },
      ],
    },
  },
  {
    status: 'archived',
    opensInDays: -700,
    closesInDays: -640,
    themes: ['culture'],
    territory: '44',
    data: {
      title: 'Schéma départemental de lecture publique',
      summary: 'Quelles bibliothèques pour demain dans les communes de Loire-Atlantique ?',
      textResults: 'Le schéma a été adopté en 2025 ; cette consultation est archivée.',
      resultsSynthesis: '540 contributions ont nourri le schéma adopté en session de décembre 2025.',
    },
  },
  // The legal procedures, one of each on the Département's kind of subject (procedures/domain/rules.ts).
  {
    status: 'open',
    opensInDays: -10,
    closesInDays: 25,
    themes: ['mobilites'],
    territory: '44003',
    data: {
      title: 'Enquête publique : aménagement de la RD 723 entre Ancenis et Varades',
      summary:
        'Le Département soumet à enquête publique le réaménagement de 6 km de la route départementale 723 (créneau de dépassement, giratoire, passage à faune). Chacun peut consulter le dossier et déposer ses observations au registre.',
      textOpen:
        'Le dossier et l’avis d’enquête sont en ligne. Déposez vos observations ici, par courrier au commissaire enquêteur (Hôtel du Département, 3 quai Ceineray, Nantes) ou lors de ses permanences en mairie d’Ancenis-Saint-Géréon.',
      procedure: 'enquete_publique',
      procedureNoticeAt: day(-30),
      environmentalAssessment: true,
      overseerName: 'M. Yves Le Goff, commissaire enquêteur',
      noticeProjectOwner: 'Département de Loire-Atlantique, direction des infrastructures — service des grands projets routiers, 02 40 99 10 00',
      noticeDecision:
        'Déclaration de projet (art. L126-1 du code de l’environnement) et déclaration d’utilité publique, prononcée par le préfet de la Loire-Atlantique après délibération de l’Assemblée départementale.',
      noticeDossierPlaces:
        'Hôtel du Département, 3 quai Ceineray à Nantes, du lundi au vendredi de 9 h à 17 h ; mairies d’Ancenis-Saint-Géréon et de Vair-sur-Loire aux heures d’ouverture. Permanences du commissaire enquêteur en mairie d’Ancenis-Saint-Géréon.',
      noticeObservationAddresses:
        'Par courrier : M. le commissaire enquêteur, enquête RD 723, Hôtel du Département, 3 quai Ceineray, CS 94109, 44041 Nantes Cedex 1. Par courriel : enquete-rd723@loire-atlantique.fr.',
      dossierSummary:
        'La RD 723 relie Ancenis à Varades. Sur 6 km, le Département propose : une voie de dépassement dans les deux sens sur 1,2 km, un giratoire à la place du carrefour de la Davrays, et un passage sous la route pour les loutres et les petits animaux. Les travaux dureraient 18 mois. L’étude d’impact évalue le bruit, les zones humides touchées (0,8 ha, compensées à 200 %) et la sécurité. Ce qui peut encore changer : la forme du giratoire et les horaires des travaux.',
    },
  },
  {
    status: 'scheduled',
    opensInDays: 20,
    closesInDays: 62,
    themes: ['loire', 'mobilites'],
    territory: '44',
    data: {
      title: 'Concertation préalable : un nouveau franchissement de la Loire à l’est de Nantes',
      summary:
        'Avant toute décision, le Département ouvre une concertation préalable, sous l’égide d’une garante désignée par la Commission nationale du débat public, sur l’opportunité et les variantes d’un nouveau franchissement.',
      textUpcoming: 'La concertation ouvrira à la date annoncée par l’avis : dossier, réunions publiques et registre en ligne.',
      procedure: 'concertation_prealable',
      procedureNoticeAt: day(-2),
      overseerName: 'Mme Anne Rivière, garante (CNDP)',
      noticeProjectOwner: 'Département de Loire-Atlantique, mission franchissements de Loire, 02 40 99 10 00',
      noticeDossierPlaces: 'Hôtel du Département, 3 quai Ceineray à Nantes, et mairies de Thouaré-sur-Loire et de Basse-Goulaine, aux heures d’ouverture.',
      noticeObservationAddresses:
        'Par courrier : Mme la garante de la concertation, Commission nationale du débat public, 244 boulevard Saint-Germain, 75007 Paris. Par courriel : anne.riviere@garant-cndp.fr.',
      dossierSummary:
        'Aujourd’hui, trois ponts traversent la Loire dans l’agglomération nantaise et ils sont saturés aux heures de pointe. Faut-il un nouveau franchissement à l’est ? Le dossier présente trois réponses possibles : ne rien construire et renforcer les bacs et les transports en commun, un pont réservé aux bus, vélos et piétons, ou un pont pour tous les véhicules. Pour chacune, il donne le coût, les effets sur les déplacements, la nature et les riverains. Rien n’est décidé : la concertation sert à choisir.',
    },
  },
  {
    status: 'closed',
    opensInDays: -50,
    closesInDays: -8,
    themes: ['environnement'],
    territory: '44',
    data: {
      title: 'Participation du public : plan de gestion de l’espace naturel sensible du marais de Goulaine',
      summary:
        'Le plan de gestion 2027-2036 de l’espace naturel sensible du marais de Goulaine a été soumis à la participation du public par voie électronique. La synthèse des observations sera publiée au plus tard avec la décision.',
      procedure: 'participation_electronique',
      procedureNoticeAt: day(-70),
      noticeProjectOwner: 'Département de Loire-Atlantique, direction de l’environnement — service des espaces naturels sensibles',
      noticeDecision: 'Approbation du plan de gestion 2027-2036 par délibération de la Commission permanente du Département.',
      noticeDossierPlaces: 'Sur demande, le dossier papier se consulte à l’Hôtel du Département, 3 quai Ceineray à Nantes, du lundi au vendredi de 9 h à 17 h.',
      noticeObservationAddresses:
        'Par courriel : ens-goulaine@loire-atlantique.fr. Par courrier : direction de l’environnement, CS 94109, 44041 Nantes Cedex 1.',
      dossierSummary:
        'Le marais de Goulaine est une zone humide de 1 500 ha. Le plan de gestion fixe pour dix ans ce que le Département y fera : niveaux d’eau selon les saisons, fauche tardive pour les oiseaux nicheurs, sentiers ouverts au public, lutte contre la jussie. Il a fait l’objet d’une évaluation environnementale.',
    },
  },
  {
    status: 'open',
    opensInDays: -4,
    closesInDays: 20,
    themes: ['mobilites'],
    territory: '44',
    data: {
      title: 'Projet de règlement départemental de voirie',
      summary:
        'Le projet de règlement de voirie (occupation du domaine public routier, travaux des concessionnaires, plantations en bord de route) est soumis à la participation du public pendant au moins 21 jours avant son adoption.',
      procedure: 'participation_hors_procedure',
      procedureNoticeAt: day(-4),
      noticeDecision: 'Adoption du règlement départemental de voirie par délibération de l’Assemblée départementale.',
      noticeObservationAddresses: 'En ligne ici, ou par courriel : reglement-voirie@loire-atlantique.fr.',
      dossierSummary:
        'Le règlement de voirie dit qui peut occuper les routes départementales et comment : terrasses et échafaudages, travaux des réseaux d’eau, d’électricité et de fibre, plantations et clôtures en bord de route. Le projet raccourcit les délais de remise en état après travaux et fixe une distance minimale pour planter des arbres.',
    },
  },
  {
    status: 'draft',
    opensInDays: 45,
    closesInDays: 90,
    themes: ['loire', 'mobilites'],
    territory: '44',
    data: {
      title: 'Bacs de Loire : horaires et tarifs 2027',
      summary: 'Les bacs de Loire transportent 1,6 million de passagers par an. Comment adapter leurs horaires à vos trajets ?',
    },
  },
];
