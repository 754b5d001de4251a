/** What other capabilities may use of follows: how many follow each target, as a table their own lists join. */
export { followersPerTarget } from './repository';
