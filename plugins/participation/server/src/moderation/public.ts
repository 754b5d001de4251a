/** What other capabilities may use of moderation: a decision as the notifications tell it, and reporting an item. */
export type { Decided } from './repository';
export { reportItem } from './commands/report';
export { pendingPerConsultation } from './repository/queue';
