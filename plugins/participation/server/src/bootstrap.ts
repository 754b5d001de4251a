import type { Core } from '@strapi/strapi';
import type { PluginConfig } from './config';
import { applyAccountSettings } from './accounts/settings';
import { getService } from './platform/services';
import { PERMISSION_ACTIONS } from './permissions';
import { PLUGIN_LABELS } from './platform/content-manager/labels';
import { WEBHOOK_EVENTS } from './platform/outbox/rules';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const config = strapi.config.get('plugin::participation') as PluginConfig;

  await strapi.service('admin::permission').actionProvider.registerMany(PERMISSION_ACTIONS);
  getService(strapi, 'citizen').installSessions();
  await getService(strapi, 'rate-limits').connect();
  await applyAccountSettings(strapi);
  for (const { key, event } of WEBHOOK_EVENTS) strapi.get('webhookStore').addAllowedEvent(key, event);

  await getService(strapi, 'content-labels').apply(PLUGIN_LABELS);
  await getService(strapi, 'content-labels').layouts();

  if (config.loadTerritories) {
    const started = Date.now();
    const { count } = await getService(strapi, 'territory-loader').load(config.departement);
    strapi.log.info(`[participation] ${count} territoires du département ${config.departement} à jour (${Date.now() - started} ms)`);
  }

  // Public snapshots: written at publish time; built here for consultations that have none yet (first start
  // after an upgrade, bulk-loaded data), and rebuilt when something they show changes elsewhere.
  const snapshots = getService(strapi, 'consultation-snapshots');
  await snapshots.refreshAll({ missingOnly: true });
  let pending: NodeJS.Timeout | null = null;
  const refreshSoon = () => {
    if (pending) return;
    // After the writer's transaction has committed, once for a burst of edits.
    pending = setTimeout(() => {
      pending = null;
      snapshots.refreshAll().catch((error: Error) => strapi.log.warn(`[participation] fiches publiques non rafraîchies : ${error.message}`));
    }, 300);
    pending.unref();
  };
  strapi.db.lifecycles.subscribe({
    models: ['plugin::participation.theme', 'plugin::participation.territory', 'plugin::upload.file'],
    afterUpdate: refreshSoon,
    afterDelete: refreshSoon,
  });

  // Webhooks and mails written by committed changes, delivered by every instance in turn (one per message).
  getService(strapi, 'outbox').start();
  // Citizens' notifications due now (immediate ones, and digests at their hour), on every instance in turn.
  getService(strapi, 'notifications').start();

  if (config.alerts.cron !== 'off') {
    strapi.cron.add({
      participationModerationAlerts: {
        options: { rule: config.alerts.cron },
        task: async () => {
          try {
            await getService(strapi, 'alerts').digest(new Date());
          } catch (error) {
            strapi.log.error(`[participation] échec des alertes de modération : ${(error as Error).message}`);
          }
        },
      },
    });
  }

  if (config.openData.dumpCron !== 'off') {
    strapi.cron.add({
      participationOpenDataDump: {
        options: { rule: config.openData.dumpCron },
        task: async () => {
          try {
            const dump = await getService(strapi, 'open-data-dumps').writeDaily(new Date());
            if (dump) strapi.log.info(`[participation] données ouvertes du ${dump.day} : ${dump.rows} lignes, ${dump.bytes} octets`);
          } catch (error) {
            strapi.log.error(`[participation] échec du fichier daté de données ouvertes : ${(error as Error).message}`);
          }
        },
      },
    });
  }

  if (config.cron !== 'off') {
    strapi.cron.add({
      participationLifecycle: {
        options: { rule: config.cron },
        task: async () => {
          try {
            const { performed } = await getService(strapi, 'lifecycle').runDue(new Date());
            if (performed) strapi.log.info(`[participation] ${performed} changement(s) d'état automatique(s)`);
          } catch (error) {
            strapi.log.error(`[participation] échec du planificateur : ${(error as Error).message}`);
          }
        },
      },
    });
  }
};
