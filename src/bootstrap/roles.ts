import type { Core } from '@strapi/strapi';

const CONSULTATION = 'plugin::participation.consultation';
const THEME = 'plugin::participation.theme';
const CONTRIBUTION = 'plugin::participation.contribution';
const COMMENT = 'plugin::participation.comment';
const ANSWER_TEMPLATE = 'plugin::participation.answer-template';
const EDITORIAL = ['api::page.page', 'api::article.article', 'api::homepage.homepage', 'api::global.global'];

const CM = (verb: string) => `plugin::content-manager.explorer.${verb}`;
const ALL_VERBS = ['create', 'read', 'update', 'delete', 'publish'];

type RoleSpec = { name: string; description: string; content: Record<string, string[]>; plugin: string[] };

/**
 * The admin roles of the participation service. A role is created once with these permissions; afterwards it
 * belongs to the administrators, who may adjust it in Settings → Roles: a restart never overwrites their choices.
 */
export const ROLES: RoleSpec[] = [
  {
    name: 'Agent participation',
    description: 'Configure les consultations, change leur état, modère, répond aux contributions, publie les résultats, exporte, instruit les pétitions et conduit les budgets participatifs.',
    content: {
      [CONSULTATION]: ALL_VERBS,
      [THEME]: ['create', 'read', 'update', 'delete'],
      [CONTRIBUTION]: ['read'],
      [COMMENT]: ['read'],
      [ANSWER_TEMPLATE]: ['create', 'read', 'update', 'delete'],
    },
    plugin: [
      'plugin::participation.consultation.read',
      'plugin::participation.consultation.transition',
      'plugin::participation.consultation.configure',
      'plugin::participation.moderate',
      'plugin::participation.contribution.answer',
      'plugin::participation.contribution.enter',
      'plugin::participation.export',
      'plugin::participation.outbox',
      'plugin::participation.petitions',
      'plugin::participation.budgets',
      'plugin::upload.read',
      'plugin::upload.assets.create',
      'plugin::upload.assets.update',
    ],
  },
  {
    name: 'Modérateur',
    description: 'File de modération et décisions (approuver, refuser, masquer, rétablir), rien d’autre.',
    content: { [CONTRIBUTION]: ['read'], [COMMENT]: ['read'] },
    plugin: ['plugin::participation.moderate'],
  },
  {
    name: 'Communication',
    description: 'Contenus éditoriaux (pages, actualités, accueil, paramètres) et textes des consultations ; pas de modération.',
    content: {
      ...Object.fromEntries(EDITORIAL.map((uid) => [uid, ALL_VERBS])),
      [CONSULTATION]: ['read', 'update', 'publish'],
      [THEME]: ['read'],
    },
    plugin: ['plugin::participation.consultation.read', 'plugin::upload.read', 'plugin::upload.assets.create', 'plugin::upload.assets.update'],
  },
];

export async function ensureAdminRoles(strapi: Core.Strapi) {
  const roles = strapi.service('admin::role');
  const contentTypes = strapi.service('admin::content-type');
  const actionProvider = strapi.service('admin::permission').actionProvider;
  for (const spec of ROLES) {
    if (await roles.findOne({ name: spec.name })) continue;
    const role = await roles.create({ name: spec.name, description: spec.description });
    const permissions: unknown[] = [];
    for (const [subject, verbs] of Object.entries(spec.content)) {
      for (const verb of verbs) {
        const action = actionProvider.get(CM(verb));
        if (!action || !action.subjects?.includes(subject)) continue;
        // Full field lists, as Strapi builds them for its own default roles.
        permissions.push(...contentTypes.getPermissionsWithNestedFields([{ ...action, subjects: [subject] }]));
      }
    }
    for (const actionId of spec.plugin) {
      if (actionProvider.get(actionId)) permissions.push({ action: actionId, subject: null, properties: {}, conditions: [] });
    }
    await roles.assignPermissions(role.id, permissions);
    strapi.log.info(`Rôle d'administration créé : ${spec.name}`);
  }
  await grantNewActions(strapi);
}

/**
 * Actions added to the plugin after a role was created are granted once to the roles that the new action splits
 * off from (an agent who could change the state keeps setting the calendar); an administrator's later removal stands.
 */
const NEW_ACTIONS: { version: number; action: string; grantedWith: string }[] = [
  { version: 1, action: 'plugin::participation.consultation.configure', grantedWith: 'plugin::participation.consultation.transition' },
  { version: 1, action: 'plugin::participation.export', grantedWith: 'plugin::participation.consultation.transition' },
  { version: 2, action: 'plugin::participation.outbox', grantedWith: 'plugin::participation.consultation.transition' },
  { version: 3, action: 'plugin::participation.petitions', grantedWith: 'plugin::participation.consultation.transition' },
  { version: 3, action: 'plugin::participation.budgets', grantedWith: 'plugin::participation.consultation.transition' },
];

async function grantNewActions(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'app', name: 'participer', key: 'roles-version' });
  const done = Number((await store.get({})) ?? 0);
  const pending = NEW_ACTIONS.filter((n) => n.version > done);
  if (!pending.length) return;
  const permissions = strapi.db.query('admin::permission');
  for (const grant of pending) {
    const holders = await permissions.findMany({ where: { action: grant.grantedWith }, populate: ['role'] });
    for (const holder of holders) {
      const roleId = (holder as { role?: { id: number } }).role?.id;
      if (!roleId || (await permissions.count({ where: { action: grant.action, role: roleId } }))) continue;
      await permissions.create({ data: { action: grant.action, subject: null, properties: {}, conditions: [], role: roleId } });
    }
  }
  await store.set({ value: Math.max(...NEW_ACTIONS.map((n) => n.version)) });
}
