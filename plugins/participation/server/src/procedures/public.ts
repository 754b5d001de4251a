/** What other capabilities may use of procedures (ESLint refuses any other file of it to them). */
export { presentProcedure } from './presenter';
export { keepsRegister, recordObservation } from './commands/record';
export { recordDossier } from './commands/record-dossier';
export { REGISTER_FIELDS } from './open-data';
