const action = (name: string) => [{ action: `plugin::participation.${name}`, subject: null }];

/** The plugin's admin permissions, as the admin panel asks Strapi about them (the server checks them again). */
export const PERMISSIONS = {
  moderate: action('moderate'),
  consultationRead: action('consultation.read'),
  consultationTransition: action('consultation.transition'),
  consultationConfigure: action('consultation.configure'),
  answer: action('contribution.answer'),
  enter: action('contribution.enter'),
  export: action('export'),
  exportPersonal: action('export.personal-data'),
  outbox: action('outbox'),
  webhooks: action('webhooks'),
  petitions: action('petitions'),
  petitionSignaturesExport: action('petitions.signatures-export'),
  budgets: action('budgets'),
  procedures: action('procedures'),
  questionnaires: action('questionnaires'),
  meetings: action('meetings'),
};
