import account from '../accounts/controllers';
import adminLifecycle from '../consultations/admin-controllers';
import adminModeration from '../moderation/controllers';
import adminExports from '../exports/controllers';
import consultations from '../consultations/controllers';
import contract from '../contract/controllers';
import contributions from '../contributions/controllers';
import feeds from '../feeds/controllers';
import openData from '../open-data/controllers';
import adminOutbox from '../platform/outbox/controllers';
import follows from '../follows/controllers';
import notifications from '../notifications/controllers';
import places from '../places/controllers';
import taxonomy from '../territories/controllers';
import petitions from '../petitions/controllers';
import adminPetitions from '../petitions/admin-controllers';
import budgets from '../budgets/controllers';
import adminBudgets from '../budgets/admin-controllers';

export default {
  taxonomy,
  places,
  consultations,
  contributions,
  account,
  contract,
  follows,
  notifications,
  feeds,
  'open-data': openData,
  'admin-lifecycle': adminLifecycle,
  'admin-moderation': adminModeration,
  'admin-exports': adminExports,
  'admin-outbox': adminOutbox,
  petitions,
  'admin-petitions': adminPetitions,
  budgets,
  'admin-budgets': adminBudgets,
};
