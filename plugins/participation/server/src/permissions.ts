/** The plugin's admin permission actions, assignable to admin roles ("Agent participation", "Modérateur"...). */
export const PERMISSIONS = {
  consultationRead: 'plugin::participation.consultation.read',
  consultationTransition: 'plugin::participation.consultation.transition',
  consultationConfigure: 'plugin::participation.consultation.configure',
  moderate: 'plugin::participation.moderate',
  answer: 'plugin::participation.contribution.answer',
  enter: 'plugin::participation.contribution.enter',
  export: 'plugin::participation.export',
  exportPersonal: 'plugin::participation.export.personal-data',
  outbox: 'plugin::participation.outbox',
  webhooks: 'plugin::participation.webhooks',
  petitions: 'plugin::participation.petitions',
  petitionSignaturesExport: 'plugin::participation.petitions.signatures-export',
  budgets: 'plugin::participation.budgets',
  procedures: 'plugin::participation.procedures',
  questionnaires: 'plugin::participation.questionnaires',
  meetings: 'plugin::participation.meetings',
} as const;

const action = (uid: string, displayName: string) => ({ section: 'plugins', displayName, uid, pluginName: 'participation' });

export const PERMISSION_ACTIONS = [
  action('consultation.read', "Voir l'état et l'historique des consultations"),
  action('consultation.transition', "Changer l'état des consultations (programmer, ouvrir, clôturer, prolonger, publier les résultats, archiver)"),
  action(
    'consultation.configure',
    'Régler le calendrier, les phases et les règles de participation des consultations (dates, modération, compte obligatoire, seuils)'
  ),
  action('moderate', 'Modérer les contributions et commentaires (file de modération, décisions)'),
  action('contribution.answer', 'Répondre officiellement aux contributions'),
  action('contribution.enter', 'Saisir des contributions reçues sur papier, par courrier ou en réunion'),
  action('export', 'Exporter les contributions des consultations (CSV, XLSX), sans données personnelles'),
  action('export.personal-data', 'Inclure les données personnelles (courriel, identifiant) dans les exports ; chaque export est journalisé'),
  action('outbox', 'Voir la boîte d’envoi (webhooks et courriels : en attente, envoyés, en échec) et relancer un envoi'),
  action(
    'petitions',
    'Gérer les pétitions et interpellations : dispositifs et seuils, recevabilité, recours, saisie et vérification des signatures papier, réponses, regroupements territoriaux'
  ),
  action('petitions.signatures-export', 'Exporter la liste nominative des signataires d’une pétition (donnée sensible) ; chaque export est journalisé'),
  action(
    'budgets',
    'Gérer les budgets participatifs : calendrier et règles, modération et recevabilité des projets, saisie des projets et bulletins papier, résultats, suivi des lauréats'
  ),
  action(
    'procedures',
    'Suivre les procédures légales : registre complet (y compris les observations retenues et leur motif), calendrier, bilan ou rapport ; un·e garant·e ou commissaire enquêteur ne voit que celles où son adresse est indiquée'
  ),
  action(
    'questionnaires',
    'Gérer les questionnaires : construction (pages, questions, conditions), publication, saisie des questionnaires papier, résultats, lecture des réponses libres, graphiques publiés, export'
  ),
  action(
    'meetings',
    'Gérer les réunions publiques : création et publication, lieu et accessibilité, inscriptions et liste d’attente, invitations sur places réservées, pointage à l’entrée, annulation'
  ),
  action('webhooks', 'Gérer les webhooks de la participation (adresses, événements) et voir leur secret de signature'),
];
