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
  await getService(strapi, 'public-cache').connect();
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

  // The public cache moves on with every write made through Strapi (Content Manager, Document Service, media library),
  // once it has committed; the plugin's own transactions and write requests move it themselves. Staff accounts,
  // sessions and settings show on no public page.
  const publicCache = getService(strapi, 'public-cache');
  const writtenThroughStrapi = (event: { model: { uid: string } }) =>
    /^(admin|strapi)::/.test(event.model.uid) ? undefined : publicCache.changedAfterCommit();
  strapi.db.lifecycles.subscribe({
    afterCreate: writtenThroughStrapi,
    afterCreateMany: writtenThroughStrapi,
    afterUpdate: writtenThroughStrapi,
    afterUpdateMany: writtenThroughStrapi,
    afterDelete: writtenThroughStrapi,
    afterDeleteMany: writtenThroughStrapi,
  });

  // Webhooks and mails written by committed changes, delivered by every instance in turn (one per message).
  getService(strapi, 'outbox').start();
  // Citizens' notifications due now (immediate ones, and digests at their hour), on every instance in turn.
  getService(strapi, 'notifications').start();

  scheduled(strapi, 'participationModerationAlerts', config.alerts.cron, 'échec des alertes de modération', async () => {
    await getService(strapi, 'alerts').digest(new Date());
  });
  scheduled(strapi, 'participationProcedureReminders', config.alerts.cron, 'échec des rappels d’échéance des procédures', async () => {
    await getService(strapi, 'procedure-reminders').remind(new Date());
  });
  scheduled(strapi, 'participationMeetingReminders', config.alerts.cron, 'échec des rappels de réunion', async () => {
    await getService(strapi, 'meetings').remind(new Date());
  });
  scheduled(strapi, 'participationRegisterAnnexes', config.procedures.annexCron, 'échec des annexes quotidiennes des registres', async () => {
    const { written } = await getService(strapi, 'register-annexes').writeDaily(new Date());
    if (written) strapi.log.info(`[participation] ${written} annexe(s) quotidienne(s) de registre écrite(s)`);
    return written > 0;
  });
  scheduled(strapi, 'participationOpenDataDump', config.openData.dumpCron, 'échec du fichier daté de données ouvertes', async () => {
    const dump = await getService(strapi, 'open-data-dumps').writeDaily(new Date());
    if (dump) strapi.log.info(`[participation] données ouvertes du ${dump.day} : ${dump.rows} lignes, ${dump.bytes} octets`);
    return dump !== null;
  });
  scheduled(strapi, 'participationLifecycle', config.cron, 'échec du planificateur', async () => {
    const { performed } = await getService(strapi, 'lifecycle').runDue(new Date());
    if (performed) strapi.log.info(`[participation] ${performed} changement(s) d'état automatique(s)`);
    const petitions = await getService(strapi, 'petitions').runDue(new Date());
    const budgets = await getService(strapi, 'budgets').runDue(new Date());
    if (budgets.moved) strapi.log.info(`[participation] budgets participatifs : ${budgets.moved} changement(s) d'étape`);
    if (petitions.closed || petitions.erased)
      strapi.log.info(`[participation] pétitions : ${petitions.closed} close(s), ${petitions.erased} signature(s) anonymisée(s)`);
    return performed + budgets.moved + petitions.closed + petitions.erased > 0;
  });
};

/**
 * A task on a cron rule (croner, seconds allowed), unless the rule is `off`; a failure is logged, never thrown. A
 * task that says it changed something (a phase begun, a dated file) has the public cache move on, whatever way it
 * wrote (its transactions already do).
 */
function scheduled(strapi: Core.Strapi, name: string, rule: string, failure: string, task: () => Promise<boolean | void>) {
  if (rule === 'off') return;
  strapi.cron.add({
    [name]: {
      options: { rule },
      task: async () => {
        try {
          if (await task()) await getService(strapi, 'public-cache').changed();
        } catch (error) {
          strapi.log.error(`[participation] ${failure} : ${(error as Error).message}`);
        }
      },
    },
  });
}
