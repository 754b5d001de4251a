import accountSession from './account-session';
import answerTemplate from './answer-template';
import comment from './comment';
import consultation from './consultation';
import consultationLifecycle from './consultation-lifecycle';
import contribution from './contribution';
import exportLog from './export-log';
import follow from './follow';
import openDataDump from './open-data-dump';
import lifecycleEvent from './lifecycle-event';
import outboxMessage from './outbox-message';
import moderationEvent from './moderation-event';
import notification from './notification';
import notificationPreference from './notification-preference';
import participant from './participant';
import report from './report';
import support from './support';
import territory from './territory';
import theme from './theme';

export default {
  theme,
  territory,
  consultation,
  'consultation-lifecycle': consultationLifecycle,
  'lifecycle-event': lifecycleEvent,
  contribution,
  support,
  comment,
  report,
  'moderation-event': moderationEvent,
  participant,
  'account-session': accountSession,
  'export-log': exportLog,
  'answer-template': answerTemplate,
  'outbox-message': outboxMessage,
  follow,
  'open-data-dump': openDataDump,
  notification,
  'notification-preference': notificationPreference,
};
