import type { Core } from '@strapi/strapi';
import { demoArticles, demoGlobal, demoHomepage, demoPages, demoThemes } from './editorial';

/**
 * Loads the demo content. Idempotent: each item is created only when its slug (or the single type) is
 * absent, so staff edits survive restarts and a second run adds nothing.
 */
export async function seedDemoContent(strapi: Core.Strapi) {
  const created: string[] = [];

  const themes = strapi.documents('plugin::participation.theme');
  const themeIds = new Map<string, string>();
  for (const theme of demoThemes) {
    const found = await themes.findFirst({ filters: { slug: theme.slug }, fields: ['documentId'] });
    const doc = found ?? (await themes.create({ data: theme }));
    if (!found) created.push(`thème ${theme.slug}`);
    themeIds.set(theme.slug, doc.documentId);
  }

  const pages = strapi.documents('api::page.page');
  for (const page of demoPages) {
    if (await pages.findFirst({ filters: { slug: page.slug }, locale: 'fr', status: 'draft' })) continue;
    await pages.create({ data: page, locale: 'fr', status: 'published' });
    created.push(`page ${page.slug}`);
  }

  const articles = strapi.documents('api::article.article');
  for (const { themes: slugs, ...article } of demoArticles) {
    if (await articles.findFirst({ filters: { slug: article.slug }, locale: 'fr', status: 'draft' })) continue;
    const themes = slugs.map((slug) => themeIds.get(slug)).filter(Boolean) as string[];
    await articles.create({ data: { ...article, themes }, locale: 'fr', status: 'published' });
    created.push(`actualité ${article.slug}`);
  }

  const homepage = strapi.documents('api::homepage.homepage');
  if (!(await homepage.findFirst({ locale: 'fr', status: 'draft' }))) {
    await homepage.create({ data: demoHomepage as any, locale: 'fr', status: 'published' });
    created.push("page d'accueil");
  }

  const global = strapi.documents('api::global.global');
  if (!(await global.findFirst({ locale: 'fr', status: 'draft' }))) {
    await global.create({ data: demoGlobal as any, locale: 'fr', status: 'published' });
    created.push('paramètres du site');
  }

  if (created.length > 0) strapi.log.info(`[démo] contenu créé : ${created.join(', ')}`);
  return { created };
}
