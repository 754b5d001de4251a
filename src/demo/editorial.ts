/** Demo editorial content: what communications staff of the Département would publish. */

export const demoThemes = [
  { slug: 'mobilites', name: 'Mobilités', color: '#0072bc', description: 'Vélo, covoiturage, transports collectifs et déplacements du quotidien.' },
  { slug: 'colleges', name: 'Collèges', color: '#e5007d', description: 'Construction, rénovation et vie des 80 collèges publics du département.' },
  { slug: 'environnement', name: 'Environnement', color: '#3a9d23', description: 'Climat, biodiversité, espaces naturels sensibles et eau.' },
  { slug: 'solidarites', name: 'Solidarités', color: '#f39200', description: 'Autonomie, insertion, enfance et famille, accès aux droits.' },
  { slug: 'culture', name: 'Culture', color: '#7b2d8b', description: 'Patrimoine, lecture publique, sites culturels et enseignements artistiques.' },
  { slug: 'routes', name: 'Routes', color: '#5b5b5b', description: 'Aménagement et sécurité des 4 300 km de routes départementales.' },
  { slug: 'loire', name: 'Loire', color: '#00a6b4', description: 'Le fleuve, son estuaire, ses bacs et ses bords à partager.' },
  {
    slug: 'agriculture-alimentation',
    name: 'Agriculture et alimentation',
    color: '#a07d2d',
    description: 'Circuits courts, restauration collective, foncier agricole.',
  },
];

export const demoPages = [
  {
    slug: 'a-propos',
    title: 'À propos de la participation citoyenne',
    summary: 'Pourquoi et comment le Département associe les habitantes et habitants à ses décisions.',
    body:
      "Depuis 2013, le Département de Loire-Atlantique associe les habitantes et habitants à l'élaboration de ses politiques publiques.\n\n" +
      "Chaque consultation précise ce qui est soumis à la discussion, ce qui ne l'est pas, et comment vos contributions seront prises en compte. " +
      'À la fin de chaque démarche, le Département publie une synthèse et répond aux contributions.',
  },
  {
    slug: 'charte-de-participation',
    title: 'Charte de la participation',
    summary: 'Les engagements du Département et les règles de bonne conduite sur la plateforme.',
    body:
      '## Nos engagements\n\n- Dire clairement ce qui est ouvert à la discussion.\n- Répondre à chaque contribution recevable.\n- Rendre compte des décisions prises.\n\n' +
      '## Vos engagements\n\n- Respecter les autres participantes et participants.\n- Ne pas publier de données personnelles.\n- Rester en lien avec le sujet de la consultation.',
  },
  {
    slug: 'mentions-legales',
    title: 'Mentions légales et données personnelles',
    summary: 'Éditeur du site, hébergement, traitement de vos données et exercice de vos droits.',
    body:
      'Le site est édité par le Département de Loire-Atlantique, 3 quai Ceineray, 44000 Nantes.\n\n' +
      'Les données que vous transmettez servent uniquement à la gestion des consultations. Vous pouvez à tout moment exporter vos données ou supprimer votre compte depuis votre espace personnel.',
  },
];

export const demoArticles = [
  {
    slug: 'bilan-budget-participatif-2025',
    title: 'Budget participatif : 52 projets lauréats en 2025',
    summary: 'Plus de 18 000 votes ont désigné les projets financés dans les six territoires du département.',
    date: '2025-11-14',
    themes: ['solidarites', 'environnement'],
    body:
      "La troisième édition du budget participatif s'est achevée avec 18 342 votes. Jardins partagés, boîtes à livres, équipements sportifs de plein air : " +
      "52 projets seront réalisés d'ici fin 2026.",
  },
  {
    slug: 'velo-loire-ateliers',
    title: 'Itinéraire vélo le long de la Loire : trois ateliers en janvier',
    summary: 'Ancenis, Le Cellier et Couëron accueillent des ateliers pour dessiner le futur tracé.',
    date: '2026-11-02',
    themes: ['mobilites', 'loire'],
    body:
      'Le Département prépare la continuité cyclable entre Ancenis-Saint-Géréon et Saint-Brevin-les-Pins. ' +
      'Trois ateliers ouverts à toutes et tous permettront de discuter des variantes de tracé et des aménagements de sécurité.',
  },
  {
    slug: 'plan-climat-concertation',
    title: 'Plan climat départemental : la concertation est lancée',
    summary: 'Jusqu’au printemps, donnez votre avis sur les actions du futur plan climat.',
    date: '2026-10-20',
    themes: ['environnement'],
    body:
      'Rénovation des collèges, mobilités décarbonées, restauration scolaire : le futur plan climat fixe les priorités du Département pour 2027-2033. ' +
      'La concertation est ouverte en ligne et lors de rencontres dans chaque délégation.',
  },
];

export const demoHomepage = {
  hero: {
    title: 'Participer en Loire-Atlantique',
    subtitle: 'Donnez votre avis sur les projets du Département, suivez les consultations et découvrez ce qu’elles ont changé.',
    callToAction: { label: 'Voir les consultations ouvertes', url: '/consultations?etat=en-cours', external: false },
  },
  highlightedConsultationSlugs: [],
  blocks: [
    {
      __component: 'blocks.rich-text',
      body: 'Chaque consultation indique ce qui est ouvert à la discussion et comment vos contributions seront prises en compte.',
    },
    {
      __component: 'blocks.call-to-action',
      title: 'Une idée pour votre territoire ?',
      text: 'Le budget participatif finance les projets proposés et choisis par les habitantes et habitants.',
      link: { label: 'Découvrir le budget participatif', url: '/budgets', external: false },
    },
  ],
};

export const demoGlobal = {
  siteName: 'Participer — Loire-Atlantique',
  siteDescription: 'La plateforme de participation citoyenne du Département de Loire-Atlantique.',
  contactEmail: 'participation@loire-atlantique.fr',
  contactAddress: 'Département de Loire-Atlantique, 3 quai Ceineray, CS 94109, 44041 Nantes Cedex 1',
  footerLinks: [
    { label: 'À propos', url: '/pages/a-propos', external: false },
    { label: 'Charte de la participation', url: '/pages/charte-de-participation', external: false },
    { label: 'Mentions légales', url: '/pages/mentions-legales', external: false },
  ],
  socialLinks: [
    { network: 'facebook', url: 'https://www.facebook.com/loireatlantique' },
    { network: 'linkedin', url: 'https://www.linkedin.com/company/departement-de-loire-atlantique' },
  ],
};

/** Official answers agents reuse in the moderation queue's « Répondre » window (editable before sending). */
export const demoAnswerTemplates = [
  {
    name: 'Idée retenue',
    answerStatus: 'retained',
    text: 'Merci pour cette proposition. Elle est retenue : les services du Département l’intègrent au projet, et vous serez informé·e de sa mise en œuvre dans les suites de la consultation.',
  },
  {
    name: 'À l’étude par les services',
    answerStatus: 'under_study',
    text: 'Merci pour cette proposition. Les services du Département l’étudient (faisabilité, coût, calendrier) ; la réponse sera publiée avec les résultats de la consultation.',
  },
  {
    name: 'Hors des compétences du Département',
    answerStatus: 'not_retained',
    text: 'Merci pour cette proposition. Elle relève d’une autre collectivité (commune, intercommunalité ou Région), à qui nous la transmettons ; le Département ne peut pas la retenir dans ce projet.',
  },
  {
    name: 'Déjà réalisé ou programmé',
    answerStatus: 'already_done',
    text: 'Merci pour cette proposition. Elle est déjà réalisée ou programmée : vous en trouverez le détail sur la page du projet.',
  },
];
