import type { ComponentType } from 'react';
import { Discuss } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { KeepTypedWorkPanel } from './components/KeepTypedWork';
import { DateTimeAttributeInput } from './fields/DateTimeAttributeInput';
import { LifecyclePanel } from './components/LifecyclePanel';
import { ModerationPanel } from './components/ModerationPanel';
import { PLUGIN_ID } from './pluginId';
import { prefixPluginTranslations } from './utils/prefixPluginTranslations';
import { ENUM_LABELS } from './translations/enum-labels';
import { contentManagerMessages, PLUGIN_DISPLAY_NAMES, PLUGIN_LABELS } from '../../shared/content-labels';

/** Strapi types a custom field's Input as taking no props; it passes the field's (name, label, hint, disabled…). */
const fieldInput = (load: () => Promise<{ default: ComponentType<{ name: string }> }>) => load as unknown as () => Promise<{ default?: ComponentType }>;

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
    // Every date-and-time field of the Content Manager is typed as staff write dates (« 15/01/2027 09:30 », any
    // minute), instead of a calendar that only takes keystrokes and times in 15-minute steps.
    app.addFields({ type: 'datetime', Component: DateTimeAttributeInput as unknown as ComponentType });
    // The consultation's phases, key figures and « Et ensuite » updates: JSON on the server, a form here (registered by the server too).
    app.customFields.register([
      {
        name: 'phases',
        pluginId: PLUGIN_ID,
        type: 'json',
        intlLabel: { id: `${PLUGIN_ID}.phases.label`, defaultMessage: 'Phases' },
        intlDescription: { id: `${PLUGIN_ID}.field.phases.description`, defaultMessage: "Étapes de la période d'ouverture" },
        components: { Input: fieldInput(() => import('./fields/PhasesInput')) },
      },
      {
        name: 'key-figures',
        pluginId: PLUGIN_ID,
        type: 'json',
        intlLabel: { id: `${PLUGIN_ID}.keyFigures.label`, defaultMessage: 'Chiffres clés' },
        intlDescription: { id: `${PLUGIN_ID}.field.keyFigures.description`, defaultMessage: 'Chiffres affichés avec les résultats' },
        components: { Input: fieldInput(() => import('./fields/KeyFiguresInput')) },
      },
      {
        name: 'results-updates',
        pluginId: PLUGIN_ID,
        type: 'json',
        intlLabel: { id: `${PLUGIN_ID}.resultsUpdates.label`, defaultMessage: 'Et ensuite' },
        intlDescription: { id: `${PLUGIN_ID}.field.resultsUpdates.description`, defaultMessage: 'Suites données après les résultats' },
        components: { Input: fieldInput(() => import('./fields/ResultsUpdatesInput')) },
      },
    ]);
  },

  bootstrap(app: StrapiApp) {
    // The Content Manager's public admin API (typed by Strapi as an open record).
    const contentManager = app.getPlugin('content-manager').apis as { addEditViewSidePanel: (panels: unknown[]) => void };
    // KeepTypedWorkPanel shows nothing: it puts back what was typed when a save is refused.
    contentManager.addEditViewSidePanel([LifecyclePanel, ModerationPanel, KeepTypedWorkPanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          // The Content Manager's labels of the plugin's types, as the server writes them into their views.
          const contentManager = locale === 'fr' ? contentManagerMessages('content-types', PLUGIN_LABELS, PLUGIN_DISPLAY_NAMES) : {};
          return { data: { ...contentManager, ...(ENUM_LABELS[locale] ?? {}), ...prefixPluginTranslations(data, PLUGIN_ID) }, locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};
