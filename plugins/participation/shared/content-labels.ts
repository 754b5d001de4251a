/**
 * The French labels of the Content Manager, in one place for the server and the admin panel: the server writes them
 * into each type's view configuration (where staff may rename a field), and the admin panel registers them as the
 * messages react-intl asks for (`content-manager.content-types.<uid>.<field>`, a type's display name), so that no
 * staff screen reports a missing translation.
 */
export type Labels = Record<string, Record<string, string | [label: string, description: string]>>;

/** Why a Communication user sees a rule read-only (its role writes texts and media only). */
const RULES_ARE_AGENTS = 'Règle de participation : réservée aux agents de la participation.';

export const PLUGIN_LABELS: Labels = {
  'plugin::participation.consultation': {
    title: 'Titre',
    slug: ['Adresse (slug)', 'Tirée du titre si vide ; ne change plus une fois la consultation ouverte.'],
    summary: ['Résumé', 'Obligatoire pour programmer et ouvrir la consultation.'],
    body: 'Présentation',
    cover: 'Image de couverture',
    documents: 'Documents',
    themes: 'Thèmes',
    territory: 'Territoire',
    opensAt: [
      "Date d'ouverture",
      "La consultation s'ouvre seule à cette date une fois programmée (panneau « Cycle de vie »). Réservé aux agents de la participation.",
    ],
    closesAt: ['Date de clôture', 'La consultation se clôt seule à cette date. Réservé aux agents de la participation.'],
    procedure: [
      'Procédure',
      'Libre, ou une procédure prévue par la loi (concertation préalable, participation par voie électronique, enquête publique…) : le calendrier légal en découle et les dates contraires à la loi sont refusées. Réservé aux agents de la participation.',
    ],
    procedureNoticeAt: ['Avis au public publié le', "Date de publication de l'avis (en ligne et par affichage) : l'ouverture l'attend."],
    environmentalAssessment: ['Évaluation environnementale', 'Une enquête publique dure 30 jours au moins si le projet y est soumis, 15 sinon (art. L123-9).'],
    overseerName: [
      'Garant ou commissaire enquêteur',
      "Nom de la personne désignée : une concertation préalable ou une enquête publique n'ouvre pas avant sa désignation.",
    ],
    overseerEmail: [
      'Adresse du garant ou commissaire enquêteur',
      'Son compte d’administration (rôle « Garant·e / commissaire enquêteur ») porte cette adresse : il ou elle lit alors tout le registre de cette procédure et y publie son bilan ou son rapport. Jamais publiée.',
    ],
    noticeProjectOwner: [
      'Avis : responsable du projet',
      "Le maître d'ouvrage, et le service auprès duquel le public peut demander des informations. Mention de l'avis au public exigée par la procédure.",
    ],
    noticeDecision: [
      'Avis : décision et autorité compétente',
      "La décision qui peut être prise au terme de la procédure (déclaration de projet, approbation du plan, arrêté…) et l'autorité qui la prend.",
    ],
    noticeDossierPlaces: [
      'Avis : consultation du dossier sur papier',
      'Les lieux, jours et heures où le dossier se consulte sur papier (Hôtel du Département, mairies…).',
    ],
    noticeObservationAddresses: [
      'Avis : adresses des observations',
      "L'adresse postale et l'adresse électronique où le public envoie ses observations, en plus du formulaire en ligne.",
    ],
    dossierSummary: [
      'Le dossier en bref',
      'Le dossier raconté en langage clair : ce qui est projeté, pourquoi, ce qui reste ouvert. Publié en tête du dossier, avant les pièces.',
    ],
    phases: [
      'Phases',
      "Étapes de la période d'ouverture, dans l'ordre ; chacune dit ce que les citoyennes et citoyens peuvent faire. Elles finissent au plus tard à la clôture. Réservé aux agents de la participation.",
    ],
    allowContributions: ['Contributions permises', RULES_ARE_AGENTS],
    allowSupports: ['Soutiens permis', RULES_ARE_AGENTS],
    allowComments: ['Commentaires permis', RULES_ARE_AGENTS],
    requireAccount: ['Compte obligatoire', RULES_ARE_AGENTS],
    moderationMode: [
      'Modération',
      `a priori : publiées après validation ; a posteriori : publiées aussitôt, masquées après décision ou signalements. ${RULES_ARE_AGENTS}`,
    ],
    reportThreshold: ['Seuil de signalements', `Nombre de signalements distincts qui masque un élément en attendant examen. ${RULES_ARE_AGENTS}`],
    maxContributionsPerUser: ['Contributions max. par personne', RULES_ARE_AGENTS],
    easyRead: [
      'Résumé facile à lire (FALC)',
      'Le propos de la consultation en phrases courtes et mots simples (règles européennes du « Facile à lire et à comprendre »). Affiché en tête de la page de la consultation quand il est rempli.',
    ],
    textUpcoming: 'Texte avant ouverture',
    textOpen: 'Texte pendant la consultation',
    textClosed: 'Texte après clôture (analyse)',
    textResults: 'Texte des résultats',
    resultsSynthesis: ['Synthèse des résultats', 'Obligatoire pour publier les résultats.'],
    resultsKeyFigures: ['Chiffres clés', 'Chiffres affichés avec les résultats : libellé, valeur et unité.'],
    resultsDecisions: 'Décisions',
    resultsAttachments: 'Pièces jointes des résultats',
    resultsDecisionUrl: ['Délibération (lien)', "Adresse de la délibération de l'assemblée qui a statué sur les résultats, s'il y en a une."],
    resultsUpdates: [
      'Et ensuite',
      'Suites données après les résultats, datées ; chacune publiée après les résultats est annoncée aux personnes qui suivent la consultation.',
    ],
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
    meetingDocumentId: 'Réunion (identifiant)',
    provenance: ['Provenance', 'Pour une contribution dite en réunion : « Réunion du JJ/MM à Commune ».'],
    origin: ['Importée de', 'Pour une contribution importée d’une autre plateforme (Decidim) : son adresse là-bas et ses chiffres d’alors.'],
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

/** Display names of the plugin's types, as the admin panel asks for them (its message id is the name itself). */
export const PLUGIN_DISPLAY_NAMES = ['Consultation', 'Contribution', 'Commentaire', 'Modèle de réponse', 'Thème', 'Territoire'];

/** Fields every type has, named as the Content Manager's lists and forms show them. */
const COMMON_FIELDS: Record<string, string> = {
  id: 'ID',
  documentId: 'Identifiant',
  createdAt: 'Créé le',
  updatedAt: 'Modifié le',
  publishedAt: 'Publié le',
  createdBy: 'Créé par',
  updatedBy: 'Modifié par',
  locale: 'Langue',
  status: 'Statut',
};

/**
 * The admin panel's messages for these labels: `content-manager.<kind>.<uid>.<field>` for each labelled field and
 * the common ones, and each display name under its own id.
 */
export function contentManagerMessages(kind: 'content-types' | 'components', labels: Labels, displayNames: Record<string, string> | string[] = []) {
  const messages: Record<string, string> = {};
  for (const [uid, fields] of Object.entries(labels)) {
    for (const [field, label] of Object.entries({ ...COMMON_FIELDS, ...fields }))
      messages[`content-manager.${kind}.${uid}.${field}`] = Array.isArray(label) ? label[0] : label;
  }
  for (const [id, name] of Array.isArray(displayNames) ? displayNames.map((n) => [n, n]) : Object.entries(displayNames)) messages[id] = name;
  return messages;
}
