import taxonomy from './taxonomy';

export default { taxonomy };
