import type { Core, UID } from '@strapi/strapi';
import type { Labels } from '../../../../shared/content-labels';

export { PLUGIN_LABELS } from '../../../../shared/content-labels';

/**
 * How the Content Manager shows the server-owned types: the field that names an entry (not the consultation's
 * id), the list columns, and internal fields (ids, hashes, counters of the moderation rules) kept off the form.
 */
export const PLUGIN_LAYOUTS: Record<string, { mainField: string; defaultMainField: string; list: string[]; internal: string[] }> = {
  'plugin::participation.contribution': {
    mainField: 'title',
    defaultMainField: 'consultationDocumentId',
    list: ['title', 'authorName', 'channel', 'status', 'createdAt'],
    internal: [
      'authorId',
      'enteredById',
      'contentHash',
      'reportsSinceDecision',
      'heldAnswerStatus',
      'heldAnswerText',
      'consultationDocumentId',
      'assigneeId',
      'assignedAt',
    ],
  },
  'plugin::participation.comment': {
    mainField: 'body',
    defaultMainField: 'consultationDocumentId',
    list: ['body', 'authorName', 'status', 'createdAt'],
    internal: ['authorId', 'contentHash', 'reportsSinceDecision', 'contributionId', 'parentId', 'rootId', 'consultationDocumentId'],
  },
};

type Configuration = {
  uid?: string;
  settings?: { mainField?: string };
  metadatas?: Record<string, { edit?: { label?: string; description?: string; visible?: boolean }; list?: { label?: string } }>;
  layouts?: { list?: string[]; edit?: { name: string; size: number }[][] };
};

/**
 * Sets Content Manager labels and help texts. Only a label still equal to its attribute name (Strapi's
 * default) is replaced: what staff set in "Configurer la vue" survives restarts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async apply(labels: Labels) {
    const contentTypes = strapi.plugin('content-manager').service('content-types');
    for (const [uid, fields] of Object.entries(labels)) {
      const contentType = strapi.contentType(uid as UID.ContentType);
      if (!contentType) continue;
      const configuration = await contentTypes.findConfiguration(contentType);
      let changed = false;
      for (const [field, value] of Object.entries(fields)) {
        const metadata = configuration.metadatas?.[field];
        if (!metadata) continue;
        const [label, description] = Array.isArray(value) ? value : [value, undefined];
        if (metadata.edit?.label === field) {
          metadata.edit.label = label;
          if (description && !metadata.edit.description) metadata.edit.description = description;
          changed = true;
        }
        if (metadata.list?.label === field) {
          metadata.list.label = label;
          changed = true;
        }
      }
      if (changed) {
        const { uid: _uid, ...rest } = configuration;
        await contentTypes.updateConfiguration(contentType, rest);
      }
    }
  },

  /** The server-owned types' layouts (PLUGIN_LAYOUTS): the entry's name and list set once, internal fields always off the form. */
  async layouts() {
    const contentTypes = strapi.plugin('content-manager').service('content-types');
    for (const [uid, layout] of Object.entries(PLUGIN_LAYOUTS)) {
      const contentType = strapi.contentType(uid as UID.ContentType);
      if (!contentType) continue;
      const configuration = (await contentTypes.findConfiguration(contentType)) as Configuration;
      let changed = false;
      if (configuration.settings && configuration.settings.mainField === layout.defaultMainField) {
        configuration.settings.mainField = layout.mainField;
        if (configuration.layouts) configuration.layouts.list = layout.list;
        changed = true;
      }
      const edit = configuration.layouts?.edit;
      if (edit && edit.some((row) => row.some((f) => layout.internal.includes(f.name)))) {
        configuration.layouts!.edit = edit.map((row) => row.filter((f) => !layout.internal.includes(f.name))).filter((row) => row.length > 0);
        changed = true;
      }
      if (changed) {
        const { uid: _uid, ...rest } = configuration;
        await contentTypes.updateConfiguration(contentType, rest);
      }
    }
  },
});
