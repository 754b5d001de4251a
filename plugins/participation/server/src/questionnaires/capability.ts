import { capability } from '../platform/capability';
import adminQuestionnaires from './admin-controllers';
import { questionnairesAdminRoutes, questionnairesRoutes } from './contract';
import questionnairesControllers from './controllers';
import { questionnairesPersonalData } from './personal-data';
import questionnaireReads from './queries';
import questionnaires from './service';

/** Questionnaires: conditional pages of questions, online (signed in or anonymous) and on paper, results counted by the database, a stable export. */
export default capability({
  routes: questionnairesRoutes,
  adminRoutes: questionnairesAdminRoutes,
  controllers: { questionnaires: questionnairesControllers, 'admin-questionnaires': adminQuestionnaires },
  services: { questionnaires, 'questionnaire-reads': questionnaireReads },
  personalData: { questionnaires: questionnairesPersonalData },
});
