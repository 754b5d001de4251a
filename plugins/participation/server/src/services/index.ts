import { capabilityServices } from '../capabilities';
import contract from '../contract/service';
import contentLabels from '../platform/content-manager/labels';
import publicCache from '../platform/public-cache';
import rateLimits from '../platform/rate-limits';
import readOnlyTypes from '../platform/content-manager/read-only-types';
import shutdown from '../platform/shutdown';

/** Strapi's flat table of services: every capability's (capabilities.ts), the platform's, and the contract's. */
export default {
  ...capabilityServices,
  contract,
  'content-labels': contentLabels,
  'public-cache': publicCache,
  'rate-limits': rateLimits,
  'read-only-types': readOnlyTypes,
  shutdown,
};
