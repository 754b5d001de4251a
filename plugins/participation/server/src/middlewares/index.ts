import errors from './errors';
import httpCache from './http-cache';
import writeGuard from './write-guard';

export default { errors, 'write-guard': writeGuard, 'http-cache': httpCache };
