import { capability } from '../platform/capability';
import { commentsPersonalData } from './personal-data';

/** Comment threads (on contributions and budget projects): read and written for the capabilities that hold them. */
export default capability({ personalData: { comments: commentsPersonalData } });
