/**
 * What other capabilities may use of contributions: the content type's name, a contribution or its title for follows,
 * and the contributions said at a meeting (entered from the meeting's report, listed on its page).
 */
export { CONTRIBUTION, contributionTitles, findContribution, meetingContributions } from './repository';
export { enterContribution } from './commands/enter';
