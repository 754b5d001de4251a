import adminLifecycle from './admin-lifecycle';
import consultations from './consultations';
import taxonomy from './taxonomy';

export default { taxonomy, consultations, 'admin-lifecycle': adminLifecycle };
