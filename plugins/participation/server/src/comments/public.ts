/** What other capabilities may use of comments: the threads of a contribution or a budget project, read and written. */
export { commentsRepository } from './repository';
export { commentCreated } from './threads';
