import accountSession from './account-session';
import answerTemplate from './answer-template';
import budgetBallot from './budget-ballot';
import budgetChoice from './budget-choice';
import budgetEvent from './budget-event';
import budgetProcess from './budget-process';
import budgetProject from './budget-project';
import comment from './comment';
import consultation from './consultation';
import consultationLifecycle from './consultation-lifecycle';
import contribution from './contribution';
import exportLog from './export-log';
import follow from './follow';
import importOrigin from './import-origin';
import openDataDump from './open-data-dump';
import lifecycleEvent from './lifecycle-event';
import outboxMessage from './outbox-message';
import meeting from './meeting';
import meetingRegistration from './meeting-registration';
import meetingRemark from './meeting-remark';
import moderationEvent from './moderation-event';
import notification from './notification';
import notificationPreference from './notification-preference';
import participant from './participant';
import petition from './petition';
import petitionEvent from './petition-event';
import petitionScheme from './petition-scheme';
import petitionSignature from './petition-signature';
import dossierDocument from './dossier-document';
import procedureReport from './procedure-report';
import questionnaire from './questionnaire';
import questionnaireFile from './questionnaire-file';
import questionnaireItem from './questionnaire-item';
import questionnaireResponse from './questionnaire-response';
import registerEntry from './register-entry';
import observationScan from './observation-scan';
import registerAnnex from './register-annex';
import registerHead from './register-head';
import report from './report';
import support from './support';
import territory from './territory';
import territoryGroupingMember from './territory-grouping-member';
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
  'dossier-document': dossierDocument,
  'procedure-report': procedureReport,
  'register-entry': registerEntry,
  'observation-scan': observationScan,
  'register-annex': registerAnnex,
  'register-head': registerHead,
  'moderation-event': moderationEvent,
  participant,
  'account-session': accountSession,
  'export-log': exportLog,
  'answer-template': answerTemplate,
  'outbox-message': outboxMessage,
  follow,
  'import-origin': importOrigin,
  'open-data-dump': openDataDump,
  notification,
  'notification-preference': notificationPreference,
  'territory-grouping-member': territoryGroupingMember,
  'petition-scheme': petitionScheme,
  petition,
  'petition-signature': petitionSignature,
  'petition-event': petitionEvent,
  'budget-process': budgetProcess,
  'budget-project': budgetProject,
  'budget-ballot': budgetBallot,
  'budget-choice': budgetChoice,
  'budget-event': budgetEvent,
  questionnaire,
  'questionnaire-response': questionnaireResponse,
  meeting,
  'meeting-registration': meetingRegistration,
  'meeting-remark': meetingRemark,
  'questionnaire-item': questionnaireItem,
  'questionnaire-file': questionnaireFile,
};
