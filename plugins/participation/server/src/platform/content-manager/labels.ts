import type { Core, UID } from '@strapi/strapi';

export type Labels = Record<string, Record<string, string | [label: string, description: string]>>;

/** French labels (and help texts) of the plugin's types in the Content Manager. */
export const PLUGIN_LABELS: Labels = {
  'plugin::participation.consultation': {
    title: 'Titre',
    slug: ['Adresse (slug)', 'Tirée du titre si vide ; ne change plus une fois la consultation ouverte.'],
    summary: ['Résumé', "Obligatoire pour programmer et ouvrir la consultation."],
    body: 'Présentation',
    cover: 'Image de couverture',
    documents: 'Documents',
    themes: 'Thèmes',
    territory: 'Territoire',
    opensAt: ["Date d'ouverture", "La consultation s'ouvre seule à cette date une fois programmée (panneau « Cycle de vie »)."],
    closesAt: ['Date de clôture', 'La consultation se clôt seule à cette date.'],
    phases: ['Phases', "Étapes de la période d'ouverture, dans l'ordre ; chacune dit ce que les citoyennes et citoyens peuvent faire. Elles finissent au plus tard à la clôture."],
    allowContributions: 'Contributions permises',
    allowSupports: 'Soutiens permis',
    allowComments: 'Commentaires permis',
    requireAccount: 'Compte obligatoire',
    moderationMode: ['Modération', 'a priori : publiées après validation ; a posteriori : publiées aussitôt, masquées après décision ou signalements.'],
    reportThreshold: ['Seuil de signalements', 'Nombre de signalements distincts qui masque un élément en attendant examen.'],
    maxContributionsPerUser: 'Contributions max. par personne',
    easyRead: ['Résumé facile à lire (FALC)', "Le propos de la consultation en phrases courtes et mots simples (règles européennes du « Facile à lire et à comprendre »). Affiché en tête de la page de la consultation quand il est rempli."],
    textUpcoming: 'Texte avant ouverture',
    textOpen: 'Texte pendant la consultation',
    textClosed: 'Texte après clôture (analyse)',
    textResults: 'Texte des résultats',
    resultsSynthesis: ['Synthèse des résultats', 'Obligatoire pour publier les résultats.'],
    resultsKeyFigures: ['Chiffres clés', 'Chiffres affichés avec les résultats : libellé, valeur et unité.'],
    resultsDecisions: 'Décisions',
    resultsAttachments: 'Pièces jointes des résultats',
    resultsDecisionUrl: ['Délibération (lien)', "Adresse de la délibération de l'assemblée qui a statué sur les résultats, s'il y en a une."],
    resultsUpdates: ['Et ensuite', 'Suites données après les résultats, datées ; chacune publiée après les résultats est annoncée aux personnes qui suivent la consultation.'],
  },
  'plugin::participation.contribution': {
    consultationDocumentId: 'Consultation (identifiant)',
    title: 'Titre',
    body: 'Texte',
    territoryCode: 'Commune (code INSEE)',
    authorName: 'Auteur·rice',
    channel: 'Canal',
    status: 'Statut de modération',
    moderationReason: 'Motif de modération',
    moderatedAt: 'Modérée le',
    officialAnswerStatus: 'Réponse officielle',
    officialAnswerText: 'Texte de la réponse',
    officialAnswerAt: 'Répondue le',
    supportsCount: 'Soutiens',
    commentsCount: 'Commentaires',
    reportsCount: 'Signalements',
  },
  'plugin::participation.comment': {
    body: 'Texte',
    authorName: 'Auteur·rice',
    status: 'Statut de modération',
    moderationReason: 'Motif de modération',
    moderatedAt: 'Modéré le',
    reportsCount: 'Signalements',
    depth: 'Niveau de réponse',
  },
  'plugin::participation.answer-template': {
    name: ['Nom du modèle', 'Tel qu’il apparaît dans la fenêtre « Répondre » de la modération.'],
    answerStatus: ['Statut de la réponse', 'Retenue, à l’étude, non retenue ou déjà réalisée.'],
    text: ['Texte de la réponse', 'Repris tel quel dans la réponse officielle ; modifiable avant l’envoi.'],
  },
  'plugin::participation.theme': { name: 'Nom', slug: 'Adresse (slug)', description: 'Description', color: ['Couleur', 'Code hexadécimal, p. ex. #0072bc'] },
  'plugin::participation.territory': {
    kind: 'Type',
    name: 'Nom',
    inseeCode: 'Code INSEE (SIREN pour les EPCI)',
    postalCodes: 'Codes postaux',
    population: 'Population',
    parentCode: 'Territoire parent (code)',
  },
};

/**
 * How the Content Manager shows the server-owned types: the field that names an entry (not the consultation's
 * id), the list columns, and internal fields (ids, hashes, counters of the moderation rules) kept off the form.
 */
export const PLUGIN_LAYOUTS: Record<string, { mainField: string; defaultMainField: string; list: string[]; internal: string[] }> = {
  'plugin::participation.contribution': {
    mainField: 'title',
    defaultMainField: 'consultationDocumentId',
    list: ['title', 'authorName', 'channel', 'status', 'createdAt'],
    internal: ['authorId', 'enteredById', 'contentHash', 'reportsSinceDecision', 'heldAnswerStatus', 'heldAnswerText', 'consultationDocumentId', 'assigneeId', 'assignedAt'],
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
