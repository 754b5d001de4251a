/** What other capabilities may use of imports: where an imported item came from, for its public face. */
export { importedFrom, type ImportedFrom } from './repository';
