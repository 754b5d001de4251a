import { capability } from '../platform/capability';
import alerts from './alerts';
import { moderationAdminRoutes } from './contract';
import adminModeration from './controllers';
import { moderationPersonalData } from './personal-data';
import moderation from './service';

/** The queue, decisions, reports, official answers and alerts. */
export default capability({
  adminRoutes: moderationAdminRoutes,
  controllers: { 'admin-moderation': adminModeration },
  services: { moderation, alerts },
  personalData: { moderation: moderationPersonalData },
});
