import type { StrapiApp } from '@strapi/strapi/admin';
import { contentManagerMessages } from '../../plugins/participation/shared/content-labels';
import { APP_DISPLAY_NAMES, COMPONENT_LABELS, EDITORIAL_LABELS } from '../content-labels';
import { STRAPI_FRENCH } from './translations/fr';
import { frenchDesignSystemLabels } from './design-system-labels';

const LANGUAGE_KEY = 'strapi-admin-language';
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';

/** Strapi's guided tour (in English for part of it, about building content types) is not for agents: off. */
function disableGuidedTour() {
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(window.localStorage.getItem(GUIDED_TOUR_KEY) ?? '{}') ?? {};
  } catch {
    stored = {};
  }
  window.localStorage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ ...stored, enabled: false, hidden: true }));
}

export default {
  config: {
    locales: ['fr'],
    translations: {
      fr: {
        ...STRAPI_FRENCH,
        // The Content Manager's labels of the editorial types and their components, as the server writes them.
        ...contentManagerMessages('content-types', EDITORIAL_LABELS, APP_DISPLAY_NAMES),
        ...contentManagerMessages('components', COMPONENT_LABELS),
        'Auth.form.welcome.title': 'Bienvenue sur Participer',
        'Auth.form.welcome.subtitle': 'Connectez-vous à votre compte',
        'app.components.LeftMenu.navbrand.title': 'Participer',
        'app.components.LeftMenu.navbrand.workplace': 'Loire-Atlantique',
      },
      en: {
        'Auth.form.welcome.title': 'Welcome to Participer',
        'app.components.LeftMenu.navbrand.title': 'Participer',
        'app.components.LeftMenu.navbrand.workplace': 'Loire-Atlantique',
      },
    },
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {
    // French is the default language of the panel; a user's own choice (stored by Strapi) is kept.
    if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'fr');
    disableGuidedTour();
    if (window.localStorage.getItem(LANGUAGE_KEY) === 'fr') frenchDesignSystemLabels();
  },
};
