import { capability } from '../capability';
import { outboxAdminRoutes } from './contract';
import adminOutbox from './controllers';
import outbox from './outbox';

/** The transactional outbox of webhooks and mails, and the participation webhooks: the admin's screens over them. */
export default capability({ adminRoutes: outboxAdminRoutes, controllers: { 'admin-outbox': adminOutbox }, services: { outbox } });
