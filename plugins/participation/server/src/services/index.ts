import taxonomy from './taxonomy';
import territoryLoader from './territory-loader';

export default { taxonomy, 'territory-loader': territoryLoader };
