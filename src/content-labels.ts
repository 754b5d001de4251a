/**
 * French labels of the app's own types in the Content Manager, for the server (written into each type's view by the
 * plugin's content-labels service) and for the admin panel (registered as react-intl messages: src/admin/app.ts).
 */
export const EDITORIAL_LABELS = {
  'api::page.page': { title: 'Titre', slug: 'Adresse (slug)', summary: 'Résumé', body: 'Contenu', seo: 'Référencement' },
  'api::article.article': {
    title: 'Titre',
    slug: 'Adresse (slug)',
    summary: 'Chapô',
    body: 'Contenu',
    cover: 'Image',
    date: 'Date',
    themes: 'Thèmes',
    seo: 'Référencement',
  },
  'api::homepage.homepage': {
    hero: "Bandeau d'accueil",
    highlightedConsultationSlugs: ['Consultations mises en avant', 'Liste JSON de slugs, p. ex. ["budget-participatif-2027"]'] as [string, string],
    blocks: 'Blocs',
    seo: 'Référencement',
  },
  'api::global.global': {
    siteName: 'Nom du site',
    siteDescription: 'Description du site',
    footerLinks: 'Liens du pied de page',
    contactEmail: 'Courriel de contact',
    contactAddress: 'Adresse postale',
    socialLinks: 'Réseaux sociaux',
  },
};

/** The fields of the components that editorial types use (the homepage's blocks, links, SEO). */
export const COMPONENT_LABELS = {
  'blocks.hero': { title: 'Titre', subtitle: 'Sous-titre', image: 'Image', callToAction: 'Appel à l’action' },
  'blocks.call-to-action': { title: 'Titre', text: 'Texte', link: 'Lien' },
  'blocks.rich-text': { body: 'Texte' },
  'shared.link': { label: 'Libellé', url: 'Adresse (URL)', external: 'Lien externe (nouvel onglet)' },
  'shared.seo': {
    metaTitle: 'Titre pour les moteurs de recherche',
    metaDescription: 'Description pour les moteurs de recherche',
    shareImage: 'Image de partage',
    noIndex: 'Ne pas référencer',
  },
  'shared.social-link': { network: 'Réseau', url: 'Adresse (URL)' },
};

/**
 * Display names, as the admin panel asks for them: a type's or a component's name is its own message id, and a
 * component category is asked by its key.
 */
export const APP_DISPLAY_NAMES: Record<string, string> = {
  Page: 'Page',
  Actualité: 'Actualité',
  "Page d'accueil": "Page d'accueil",
  'Paramètres du site': 'Paramètres du site',
  User: 'Utilisateur·rice',
  blocks: 'Blocs',
  shared: 'Éléments partagés',
  'blocks.call-to-action': 'Appel à l’action',
  'blocks.rich-text': 'Texte',
  'blocks.hero': "Bandeau d'accueil",
};
