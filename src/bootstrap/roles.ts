import type { Core } from '@strapi/strapi';

const CONSULTATION = 'plugin::participation.consultation';
const THEME = 'plugin::participation.theme';
const CONTRIBUTION = 'plugin::participation.contribution';
const COMMENT = 'plugin::participation.comment';
const ANSWER_TEMPLATE = 'plugin::participation.answer-template';
const TERRITORY = 'plugin::participation.territory';
const EDITORIAL = ['api::page.page', 'api::article.article', 'api::homepage.homepage', 'api::global.global'];

const CM = (verb: string) => `plugin::content-manager.explorer.${verb}`;
const ALL_VERBS = ['create', 'read', 'update', 'delete', 'publish'];

/**
 * What a role reads but does not write, field by field: the Content Manager shows such a field read-only instead of
 * letting someone type into it and be refused at save. The consultation's calendar and participation rules belong to
 * agents (plugins/participation/server/src/consultations/domain/editing.ts, which the server enforces anyway).
 */
export const CONSULTATION_AGENT_FIELDS = [
  'opensAt',
  'closesAt',
  'phases',
  'allowContributions',
  'allowSupports',
  'allowComments',
  'requireAccount',
  'moderationMode',
  'reportThreshold',
  'maxContributionsPerUser',
  'procedure',
  'procedureNoticeAt',
  'environmentalAssessment',
  'overseerName',
  'overseerEmail',
  'noticeProjectOwner',
  'noticeDecision',
  'noticeDossierPlaces',
  'noticeObservationAddresses',
] as const;

type RoleSpec = { name: string; description: string; content: Record<string, string[]>; plugin: string[]; readOnlyFields?: Record<string, readonly string[]> };

/**
 * The admin roles of the participation service. A role is created once with these permissions; afterwards it
 * belongs to the administrators, who may adjust it in Settings → Roles: a restart never overwrites their choices.
 */
export const ROLES: RoleSpec[] = [
  {
    name: 'Agent participation',
    description:
      'Configure les consultations, change leur état, modère, répond aux contributions, publie les résultats, exporte, instruit les pétitions, conduit les budgets participatifs, les questionnaires et les réunions publiques.',
    content: {
      [CONSULTATION]: ALL_VERBS,
      [THEME]: ['create', 'read', 'update', 'delete'],
      [CONTRIBUTION]: ['read'],
      [COMMENT]: ['read'],
      [ANSWER_TEMPLATE]: ['create', 'read', 'update', 'delete'],
      // Read, so that the consultation's « Territoire » picker shows and finds places by name (not by id).
      [TERRITORY]: ['read'],
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
      'plugin::participation.procedures',
      'plugin::participation.questionnaires',
      'plugin::participation.meetings',
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
    name: 'Garant·e / commissaire enquêteur',
    description:
      'Lit tout ce qui concerne les procédures où son adresse est indiquée (registre complet, observations retenues et leur motif, calendrier) et y publie son bilan ou son rapport ; ne modère ni ne modifie rien.',
    content: {},
    plugin: ['plugin::participation.procedures'],
  },
  {
    name: 'Communication',
    description: 'Contenus éditoriaux (pages, actualités, accueil, paramètres) et textes des consultations ; pas de modération.',
    content: {
      ...Object.fromEntries(EDITORIAL.map((uid) => [uid, ALL_VERBS])),
      [CONSULTATION]: ['read', 'update', 'publish'],
      [THEME]: ['read'],
      [TERRITORY]: ['read'],
    },
    readOnlyFields: { [CONSULTATION]: CONSULTATION_AGENT_FIELDS },
    plugin: ['plugin::participation.consultation.read', 'plugin::upload.read', 'plugin::upload.assets.create', 'plugin::upload.assets.update'],
  },
];

type Permission = { id?: number; action: string; subject: string | null; properties?: Record<string, unknown> | null };
type ActionProvider = { appliesToProperty: (property: string, action: string, subject: string | null) => Promise<boolean> };

/**
 * The locales a Content Manager permission gives on a localized content type (pages, news, the homepage, site
 * settings): every locale the app has. Without them, Strapi's i18n reads the permission as "no locale": the role
 * lists 0 entries, cannot save nor publish (« Forbidden »). Strapi adds them only to the super admin's permissions.
 */
async function withLocales(strapi: Core.Strapi, permissions: Permission[]): Promise<Permission[]> {
  const actionProvider = strapi.service('admin::permission').actionProvider as unknown as ActionProvider;
  const locales = ((await strapi.plugin('i18n').service('locales').find()) as { code: string }[]).map((l) => l.code);
  return Promise.all(
    permissions.map(async (permission) => {
      if (!permission.subject || !(await actionProvider.appliesToProperty('locales', permission.action, permission.subject))) return permission;
      return { ...permission, properties: { ...(permission.properties ?? {}), locales } };
    })
  );
}

/** A permission without some fields (they stay readable through the role's read permission). */
function withoutFields(permission: Permission, fields: readonly string[]): Permission {
  const held = permission.properties?.fields;
  if (!fields.length || !Array.isArray(held)) return permission;
  return { ...permission, properties: { ...permission.properties, fields: held.filter((f: string) => !fields.includes(f)) } };
}

/**
 * Roles created before `withLocales` existed hold localized permissions without any locale: they are given every
 * locale once. A permission whose locales an administrator chose (a list, even empty, or null for all) stands.
 */
async function repairLocales(strapi: Core.Strapi) {
  const query = strapi.db.query('admin::permission');
  for (const spec of ROLES) {
    const role = await strapi.service('admin::role').findOne({ name: spec.name });
    if (!role) continue;
    const held = (await query.findMany({ where: { role: role.id, action: { $startsWith: 'plugin::content-manager.explorer.' } } })) as Permission[];
    const missing = held.filter((p) => !p.properties || !('locales' in p.properties));
    for (const permission of await withLocales(strapi, missing)) {
      if (permission.properties && 'locales' in permission.properties)
        await query.update({ where: { id: permission.id }, data: { properties: permission.properties } });
    }
  }
}

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
        // Full field lists, as Strapi builds them for its own default roles, less what the role only reads.
        const built = contentTypes.getPermissionsWithNestedFields([{ ...action, subjects: [subject] }]) as Permission[];
        permissions.push(...(['create', 'update'].includes(verb) ? built.map((p) => withoutFields(p, spec.readOnlyFields?.[subject] ?? [])) : built));
      }
    }
    for (const actionId of spec.plugin) {
      if (actionProvider.get(actionId)) permissions.push({ action: actionId, subject: null, properties: {}, conditions: [] });
    }
    await roles.assignPermissions(role.id, await withLocales(strapi, permissions as Permission[]));
    strapi.log.info(`Rôle d'administration créé : ${spec.name}`);
  }
  await repairLocales(strapi);
  await grantNewActions(strapi);
  await removeUnusedDefaultRoles(strapi);
}

/**
 * Strapi's own « Author » and « Editor » roles mean nothing here (the service's roles are above) and show in English
 * in Settings: they are removed while no account holds them. One an administrator gave to someone stays.
 */
async function removeUnusedDefaultRoles(strapi: Core.Strapi) {
  const roles = strapi.service('admin::role');
  for (const code of ['strapi-author', 'strapi-editor']) {
    const role = await roles.findOne({ code });
    if (role && (await roles.getUsersCount(role.id)) === 0) {
      await roles.deleteByIds([role.id]);
      strapi.log.info(`Rôle d'administration inutilisé retiré : ${role.name}`);
    }
  }
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
  { version: 6, action: 'plugin::participation.questionnaires', grantedWith: 'plugin::participation.consultation.transition' },
  { version: 7, action: 'plugin::participation.meetings', grantedWith: 'plugin::participation.consultation.transition' },
];

/**
 * Content Manager permissions added to the roles after they were created, granted once to the roles that edit the
 * given type (reading territories: the consultation's « Territoire » picker listed ids and found nothing without it).
 */
const NEW_CONTENT_GRANTS: { version: number; subject: string; verb: string; grantedWith: { subject: string; verb: string } }[] = [
  { version: 4, subject: TERRITORY, verb: 'read', grantedWith: { subject: CONSULTATION, verb: 'update' } },
];
const READ_ONLY_FIELDS_VERSION = 5;
const LATEST_VERSION = Math.max(READ_ONLY_FIELDS_VERSION, ...NEW_ACTIONS.map((n) => n.version), ...NEW_CONTENT_GRANTS.map((n) => n.version));

async function grantNewContentPermissions(strapi: Core.Strapi, done: number) {
  const permissions = strapi.db.query('admin::permission');
  const contentTypes = strapi.service('admin::content-type');
  const actionProvider = strapi.service('admin::permission').actionProvider;
  for (const grant of NEW_CONTENT_GRANTS.filter((n) => n.version > done)) {
    const holders = await permissions.findMany({ where: { action: CM(grant.grantedWith.verb), subject: grant.grantedWith.subject }, populate: ['role'] });
    for (const holder of holders) {
      const roleId = (holder as { role?: { id: number } }).role?.id;
      if (!roleId || (await permissions.count({ where: { action: CM(grant.verb), subject: grant.subject, role: roleId } }))) continue;
      const action = actionProvider.get(CM(grant.verb));
      const [permission] = contentTypes.getPermissionsWithNestedFields([{ ...action, subjects: [grant.subject] }]) as Permission[];
      await permissions.create({ data: { ...permission, conditions: [], role: roleId } });
    }
  }
}

/** Roles made before `readOnlyFields` existed lose, once, the write permission on those fields. */
async function applyReadOnlyFields(strapi: Core.Strapi, done: number) {
  if (done >= READ_ONLY_FIELDS_VERSION) return;
  const permissions = strapi.db.query('admin::permission');
  for (const spec of ROLES) {
    const role = await strapi.service('admin::role').findOne({ name: spec.name });
    for (const [subject, fields] of Object.entries(spec.readOnlyFields ?? {})) {
      if (!role) continue;
      const held = (await permissions.findMany({ where: { role: role.id, subject, action: { $in: [CM('create'), CM('update')] } } })) as Permission[];
      for (const permission of held) {
        const narrowed = withoutFields(permission, fields);
        if (narrowed !== permission) await permissions.update({ where: { id: permission.id }, data: { properties: narrowed.properties } });
      }
    }
  }
}

async function grantNewActions(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'app', name: 'participer', key: 'roles-version' });
  const done = Number((await store.get({})) ?? 0);
  if (done >= LATEST_VERSION) return;
  await grantNewContentPermissions(strapi, done);
  await applyReadOnlyFields(strapi, done);
  const pending = NEW_ACTIONS.filter((n) => n.version > done);
  const permissions = strapi.db.query('admin::permission');
  for (const grant of pending) {
    const holders = await permissions.findMany({ where: { action: grant.grantedWith }, populate: ['role'] });
    for (const holder of holders) {
      const roleId = (holder as { role?: { id: number } }).role?.id;
      if (!roleId || (await permissions.count({ where: { action: grant.action, role: roleId } }))) continue;
      await permissions.create({ data: { action: grant.action, subject: null, properties: {}, conditions: [], role: roleId } });
    }
  }
  await store.set({ value: LATEST_VERSION });
}
