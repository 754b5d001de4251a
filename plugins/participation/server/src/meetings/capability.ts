import { capability } from '../platform/capability';
import adminMeetings from './admin-controllers';
import { meetingsAdminRoutes, meetingsRoutes } from './contract';
import meetingsControllers from './controllers';
import { meetingsPersonalData } from './personal-data';
import meetingReads from './queries';
import meetings from './service';

/** Public meetings: in person, online or both; registrations with places, reserved places and an ordered waitlist; check-in at the door; reminders. */
export default capability({
  routes: meetingsRoutes,
  adminRoutes: meetingsAdminRoutes,
  controllers: { meetings: meetingsControllers, 'admin-meetings': adminMeetings },
  services: { meetings, 'meeting-reads': meetingReads },
  personalData: { meetings: meetingsPersonalData },
});
