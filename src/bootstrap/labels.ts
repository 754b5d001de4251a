import type { Core } from '@strapi/strapi';

/** French labels of the editorial types in the Content Manager (applied by the plugin's content-labels service). */
const EDITORIAL_LABELS = {
  'api::page.page': { title: 'Titre', slug: 'Adresse (slug)', summary: 'Résumé', body: 'Contenu', seo: 'Référencement' },
  'api::article.article': { title: 'Titre', slug: 'Adresse (slug)', summary: 'Chapô', body: 'Contenu', cover: 'Image', date: 'Date', themes: 'Thèmes', seo: 'Référencement' },
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

export async function applyEditorialLabels(strapi: Core.Strapi) {
  await strapi.plugin('participation').service('content-labels').apply(EDITORIAL_LABELS);
}
