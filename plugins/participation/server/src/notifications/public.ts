/** What other capabilities may use of notifications: the repository the follows capability asks who wants to hear of what. */
export { notificationsRepository } from './repository';
