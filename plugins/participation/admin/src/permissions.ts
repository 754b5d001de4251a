export const PERMISSIONS = {
  moderate: [{ action: 'plugin::participation.moderate', subject: null }],
  consultationRead: [{ action: 'plugin::participation.consultation.read', subject: null }],
  consultationTransition: [{ action: 'plugin::participation.consultation.transition', subject: null }],
};
