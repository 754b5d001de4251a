import adminLifecycle from './admin-lifecycle';
import adminModeration from './admin-moderation';
import consultations from './consultations';
import contributions from './contributions';
import taxonomy from './taxonomy';

export default { taxonomy, consultations, contributions, 'admin-lifecycle': adminLifecycle, 'admin-moderation': adminModeration };
