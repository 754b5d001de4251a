import citizen from './citizen';
import consultationReads from './consultation-reads';
import consultationSync from './consultation-sync';
import lifecycle from './lifecycle';
import taxonomy from './taxonomy';
import territoryLoader from './territory-loader';

export default {
  taxonomy,
  'territory-loader': territoryLoader,
  lifecycle,
  'consultation-sync': consultationSync,
  'consultation-reads': consultationReads,
  citizen,
};
