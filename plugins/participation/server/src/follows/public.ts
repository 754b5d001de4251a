/** What other capabilities may use of follows: how many follow a target, as an expression for their own lists. */
export { followerCountExpression } from './repository';
