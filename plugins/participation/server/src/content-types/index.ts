import theme from './theme';
import territory from './territory';

export default { theme, territory };
