import consultation from './consultation';
import consultationLifecycle from './consultation-lifecycle';
import lifecycleEvent from './lifecycle-event';
import territory from './territory';
import theme from './theme';

export default {
  theme,
  territory,
  consultation,
  'consultation-lifecycle': consultationLifecycle,
  'lifecycle-event': lifecycleEvent,
};
