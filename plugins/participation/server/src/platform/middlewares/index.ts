import accountGuard from '../../accounts/guard';
import citizen from './citizen';
import errors from './errors';
import httpCache from './http-cache';
import rateLimit from './rate-limit';
import writeGuard from './write-guard';

export default { 'account-guard': accountGuard, errors, 'write-guard': writeGuard, citizen, 'rate-limit': rateLimit, 'http-cache': httpCache };
