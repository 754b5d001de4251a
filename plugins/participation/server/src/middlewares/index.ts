import errors from './errors';
import writeGuard from './write-guard';

export default { errors, 'write-guard': writeGuard };
