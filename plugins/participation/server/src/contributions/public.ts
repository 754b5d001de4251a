/** What other capabilities may use of contributions: the content type's name, and a contribution or its title for follows. */
export { CONTRIBUTION, contributionTitles, findContribution } from './repository';
