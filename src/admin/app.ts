import type { StrapiApp } from '@strapi/strapi/admin';

const LANGUAGE_KEY = 'strapi-admin-language';

export default {
  config: {
    locales: ['fr'],
    translations: {
      fr: {
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
  },
};
