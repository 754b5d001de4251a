import account from './account';
import alerts from './alerts';
import citizen from './citizen';
import consultationReads from './consultation-reads';
import contentLabels from './content-labels';
import contract from './contract';
import consultationSnapshots from './consultation-snapshots';
import consultationSync from './consultation-sync';
import contributions from './contributions';
import counters from './counters';
import dashboard from './dashboard';
import lifecycle from './lifecycle';
import moderation from './moderation';
import notifications from './notifications';
import openData from './open-data';
import rateLimits from './rate-limits';
import readOnlyTypes from './read-only-types';
import taxonomy from './taxonomy';
import territoryLoader from './territory-loader';

export default {
  taxonomy,
  'territory-loader': territoryLoader,
  lifecycle,
  'consultation-sync': consultationSync,
  'consultation-snapshots': consultationSnapshots,
  'consultation-reads': consultationReads,
  citizen,
  account,
  alerts,
  contract,
  'content-labels': contentLabels,
  'open-data': openData,
  contributions,
  counters,
  dashboard,
  moderation,
  notifications,
  'rate-limits': rateLimits,
  'read-only-types': readOnlyTypes,
};
