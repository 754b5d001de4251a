import account from '../accounts/service';
import alerts from '../moderation/alerts';
import citizen from '../accounts/citizen';
import consultationReads from '../consultations/queries';
import contentLabels from '../platform/content-manager/labels';
import contract from '../contract/service';
import consultationSnapshots from '../consultations/snapshots';
import consultationSync from '../consultations/commands/sync';
import contributions from '../contributions/service';
import counters from '../contributions/counters';
import dashboard from '../consultations/dashboard';
import exportsService from '../exports/service';
import feeds from '../feeds/service';
import lifecycle from '../consultations/commands/transition';
import moderation from '../moderation/service';
import follows from '../follows/service';
import notifications from '../notifications/service';
import outbox from '../platform/outbox/outbox';
import petitions from '../petitions/service';
import budgets from '../budgets/service';
import budgetReads from '../budgets/queries';
import petitionReads from '../petitions/queries';
import groupings from '../territories/groupings';
import openData from '../open-data/service';
import openDataDumps from '../open-data/dumps';
import rateLimits from '../platform/rate-limits';
import readOnlyTypes from '../platform/content-manager/read-only-types';
import shutdown from '../platform/shutdown';
import places from '../places/queries';
import taxonomy from '../territories/queries';
import territoryLoader from '../territories/loader';

export default {
  taxonomy,
  places,
  'territory-loader': territoryLoader,
  groupings,
  petitions,
  'petition-reads': petitionReads,
  budgets,
  'budget-reads': budgetReads,
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
  'open-data-dumps': openDataDumps,
  contributions,
  counters,
  dashboard,
  exports: exportsService,
  feeds,
  moderation,
  follows,
  notifications,
  outbox,
  'rate-limits': rateLimits,
  'read-only-types': readOnlyTypes,
  shutdown,
};
