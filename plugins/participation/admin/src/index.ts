import { Discuss } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { LifecyclePanel } from './components/LifecyclePanel';
import { PLUGIN_ID } from './pluginId';
import { prefixPluginTranslations } from './utils/prefixPluginTranslations';

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Discuss,
      intlLabel: { id: `${PLUGIN_ID}.plugin.name`, defaultMessage: 'Participation' },
      Component: () => import('./pages/App'),
      // Visible to every admin; each page checks its own permission (moderation, dashboard), and so does the API.
      permissions: [],
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  bootstrap(app: StrapiApp) {
    // The Content Manager's public admin API (typed by Strapi as an open record).
    const contentManager = app.getPlugin('content-manager').apis as { addEditViewSidePanel: (panels: unknown[]) => void };
    contentManager.addEditViewSidePanel([LifecyclePanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixPluginTranslations(data, PLUGIN_ID), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
