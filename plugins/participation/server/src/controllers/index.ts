import account from './account';
import adminLifecycle from './admin-lifecycle';
import adminModeration from './admin-moderation';
import consultations from './consultations';
import contract from './contract';
import contributions from './contributions';
import openData from './open-data';
import taxonomy from './taxonomy';

export default {
  taxonomy,
  consultations,
  contributions,
  account,
  contract,
  'open-data': openData,
  'admin-lifecycle': adminLifecycle,
  'admin-moderation': adminModeration,
};
