/** What other capabilities may use of contributions: the content type's name, for the follows of a contribution. */
export { CONTRIBUTION } from './repository';
