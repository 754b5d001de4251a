import { capability } from '../platform/capability';
import { notificationsRoutes } from './contract';
import notificationsControllers from './controllers';
import { notificationsPersonalData } from './personal-data';
import notifications from './service';

/** Preferences, mails (at once, daily, weekly), the notification centre, unsubscribing. */
export default capability({
  routes: notificationsRoutes,
  controllers: { notifications: notificationsControllers },
  services: { notifications },
  personalData: { notifications: notificationsPersonalData },
});
