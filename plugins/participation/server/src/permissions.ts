/** The plugin's admin permission actions, assignable to admin roles ("Agent participation", "Modérateur"...). */
export const PERMISSIONS = {
  consultationRead: 'plugin::participation.consultation.read',
  consultationTransition: 'plugin::participation.consultation.transition',
} as const;

export const PERMISSION_ACTIONS = [
  { section: 'plugins', displayName: "Voir l'état et l'historique des consultations", uid: 'consultation.read', pluginName: 'participation' },
  { section: 'plugins', displayName: "Changer l'état des consultations (programmer, ouvrir, clôturer, prolonger, publier les résultats, archiver)", uid: 'consultation.transition', pluginName: 'participation' },
];
