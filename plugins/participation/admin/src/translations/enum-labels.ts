/**
 * French labels of the plugin's enumeration values in the Content Manager. Strapi's enumeration input labels each
 * option by translating its raw value (an unprefixed key), so these keys are registered without the plugin prefix.
 */
export const ENUM_LABELS: Record<string, Record<string, string>> = {
  fr: {
    a_priori: 'A priori : publiée après validation',
    a_posteriori: 'A posteriori : publiée aussitôt, modérée ensuite',
    retained: 'Retenue',
    under_study: "À l'étude",
    not_retained: 'Non retenue',
    already_done: 'Déjà réalisée',
    web: 'En ligne',
    paper: 'Formulaire papier',
    mail: 'Courrier',
    meeting: 'Réunion publique',
    pending: 'En attente',
    published: 'Publiée',
    rejected: 'Refusée',
    hidden: 'Masquée',
    departement: 'Département',
    epci: 'Intercommunalité (EPCI)',
    commune: 'Commune',
    spam: 'Spam',
    insulting: 'Injurieux',
    off_topic: 'Hors sujet',
    personal_data: 'Données personnelles',
    other: 'Autre',
  },
  en: {
    a_priori: 'Before publication',
    a_posteriori: 'After publication',
    retained: 'Retained',
    under_study: 'Under study',
    not_retained: 'Not retained',
    already_done: 'Already done',
    web: 'Online',
    paper: 'Paper form',
    mail: 'Mail',
    meeting: 'Public meeting',
  },
};
