/** The plugin's admin permission actions, assignable to admin roles ("Agent participation", "Modérateur"...). */
export const PERMISSIONS = {
  consultationRead: 'plugin::participation.consultation.read',
  consultationTransition: 'plugin::participation.consultation.transition',
  moderate: 'plugin::participation.moderate',
  answer: 'plugin::participation.contribution.answer',
  enter: 'plugin::participation.contribution.enter',
} as const;

const action = (uid: string, displayName: string) => ({ section: 'plugins', displayName, uid, pluginName: 'participation' });

export const PERMISSION_ACTIONS = [
  action('consultation.read', "Voir l'état et l'historique des consultations"),
  action('consultation.transition', "Changer l'état des consultations (programmer, ouvrir, clôturer, prolonger, publier les résultats, archiver)"),
  action('moderate', 'Modérer les contributions et commentaires (file de modération, décisions)'),
  action('contribution.answer', 'Répondre officiellement aux contributions'),
  action('contribution.enter', 'Saisir des contributions reçues sur papier, par courrier ou en réunion'),
];
