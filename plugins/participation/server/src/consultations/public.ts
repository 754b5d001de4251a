/**
 * What other capabilities may use of consultations (ESLint refuses any other file of it to them): the lifecycle row
 * a participation is checked and counted against, titles for lists and mails, and the date format of the API.
 */
export {
  consultationTitles,
  contextColumns,
  CONSULTATION_UID,
  feedRows,
  findLifecycle,
  holdOpen,
  incrementLifecycle,
  LIFECYCLE_UID,
  lifecycleTable,
  momentOf,
  participationContext,
  procedureConsultations,
  publicConsultationTitles,
  type LifecycleRow,
  type ParticipationContext,
} from './repository';
export { iso } from './presenter';
