import citizen from './citizen';
import errors from './errors';
import httpCache from './http-cache';
import publicCache from './public-cache';
import responseCheck from './response-check';
import rateLimit from './rate-limit';
import writeGuard from './write-guard';

/** The platform's own middlewares; capabilities add theirs where the plugin is assembled (index.ts). */
export default {
  errors,
  'write-guard': writeGuard,
  citizen,
  'rate-limit': rateLimit,
  'http-cache': httpCache,
  'public-cache': publicCache,
  'response-check': responseCheck,
};
