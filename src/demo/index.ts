import type { Core } from '@strapi/strapi';
import { demoConsultations } from './consultations';
import { demoAnswerTemplates, demoArticles, demoGlobal, demoHomepage, demoPages, demoThemes } from './editorial';
import { autonomyContributions, demoCitizens, demoComments, inquiryObservations, veloContributions } from './participation';
import { seedPetitions } from './petitions';
import { seedBudgets } from './budgets';
import { seedMeetings } from './meetings';

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

  const templates = strapi.documents('plugin::participation.answer-template');
  for (const template of demoAnswerTemplates) {
    if (await templates.findFirst({ filters: { name: template.name }, fields: ['documentId'] })) continue;
    await templates.create({ data: template } as any);
    created.push(`modèle de réponse « ${template.name} »`);
  }

  const lifecycle = strapi.plugin('participation').service('lifecycle');
  const consultations = strapi.documents('plugin::participation.consultation');
  const demoActor = { type: 'admin' as const, id: null, name: 'Équipe participation (démonstration)' };
  for (const demo of demoConsultations) {
    const title = demo.data.title as string;
    if (await consultations.findFirst({ filters: { title }, status: 'draft', fields: ['documentId'] })) continue;
    const territory = await strapi.documents('plugin::participation.territory').findFirst({ filters: { inseeCode: demo.territory }, fields: ['documentId'] });
    const day = (n: number) => new Date(Date.now() + n * 86_400_000);
    const doc = await consultations.create({
      data: {
        ...demo.data,
        opensAt: day(demo.opensInDays),
        closesAt: day(demo.closesInDays),
        themes: demo.themes.map((slug) => themeIds.get(slug)).filter(Boolean),
        territory: territory?.documentId ?? null,
      },
      status: 'published',
    } as any);
    created.push(`consultation ${doc.slug}`);
    if (demo.status === 'draft') continue;
    // Driven through the real lifecycle: scheduled before its opening, then the scheduler catches up.
    await lifecycle.transition(doc.documentId, { to: 'scheduled' }, demoActor, day(Math.min(demo.opensInDays, 0) - 1));
    await lifecycle.runDue(new Date());
    if (demo.status === 'results_published' || demo.status === 'archived') {
      await lifecycle.transition(doc.documentId, { to: 'results_published' }, demoActor);
    }
    if (demo.status === 'archived') await lifecycle.transition(doc.documentId, { to: 'archived' }, demoActor);
  }

  created.push(...(await seedParticipation(strapi)));
  const citizens = (await strapi.db
    .query('plugin::users-permissions.user')
    .findMany({ where: { username: { $in: demoCitizens } }, select: ['id', 'username'] })) as { id: number; username: string }[];
  const people = citizens.map((c) => ({ id: c.id, displayName: c.username }));
  if (people.length) created.push(...(await seedPetitions(strapi, people)), ...(await seedBudgets(strapi, people)), ...(await seedMeetings(strapi, people)));

  if (created.length > 0) strapi.log.info(`[démo] contenu créé : ${created.join(', ')}`);
  return { created };
}

/**
 * Demo citizens (password "Participer2026!", development only) and their participation in the two open demo
 * consultations, through the same use cases as the public API: counters and moderation log are real.
 */
async function seedParticipation(strapi: Core.Strapi): Promise<string[]> {
  const users = strapi.db.query('plugin::users-permissions.user');
  if (await users.findOne({ where: { username: demoCitizens[0] } })) return [];
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const citizens = [];
  for (const username of demoCitizens) {
    const user = await strapi
      .plugin('users-permissions')
      .service('user')
      .add({
        username,
        email: `${username}@exemple.fr`,
        password: 'Participer2026!',
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: role.id,
      });
    citizens.push({ id: user.id, displayName: username });
  }
  // Demo accounts are two months old, as a real community's would be: their reports count toward hiding.
  const twoMonthsAgo = new Date(Date.now() - 60 * 86_400_000);
  await users.updateMany({ where: { id: { $in: citizens.map((c) => c.id) } }, data: { createdAt: twoMonthsAgo } });

  const contributions = strapi.plugin('participation').service('contributions');
  const moderation = strapi.plugin('participation').service('moderation');
  const demoActor = { type: 'admin' as const, id: null, name: 'Équipe participation (démonstration)' };
  const lifecycles = strapi.db.connection('participation_consultation_lifecycles');
  const openSlugs: { slug: string }[] = await lifecycles.clone().select('slug').where('status', 'open');
  const slugOf = (prefix: string) => openSlugs.find((r) => r.slug.startsWith(prefix))?.slug;
  const plan = [
    { slug: slugOf('itineraire-velo'), items: veloContributions },
    { slug: slugOf('bien-vieillir'), items: autonomyContributions },
  ];
  let count = 0;
  for (const { slug, items } of plan) {
    if (!slug) continue;
    for (const [i, item] of items.entries()) {
      const author = citizens[i % citizens.length];
      const { data } = await contributions.submit(slug, author, { title: item.title, body: item.body, territory: item.territory ?? null });
      count += 1;
      const id = data.documentId;
      const wanted = item.status ?? 'published';
      if (data.moderation.status === 'pending' && wanted !== 'pending') {
        await moderation.decideMany([{ type: 'contribution', id }], 'approve', null, null, demoActor);
      }
      if (wanted === 'hidden') {
        await moderation.decideMany([{ type: 'contribution', id }], 'hide', 'Propos agressifs, contraires à la charte', null, demoActor);
        continue;
      }
      if (wanted === 'pending') continue;
      // Zipf-like: the first ideas gather the most supports.
      const supporters = citizens.filter((c) => c.id !== author.id).slice(0, Math.max(0, Math.round(12 / (i + 1)) - 1));
      for (const s of supporters) await contributions.setSupport(id, s, true);
      if (i % 3 === 0) {
        const commenter = citizens[(i + 5) % citizens.length];
        await contributions.comment(id, commenter, { body: demoComments[i % demoComments.length] });
      }
      if (item.answer) await moderation.answer(id, item.answer);
      if (item.title === 'Spam publicitaire') {
        for (const reporter of citizens.slice(3, 5)) await contributions.report('contribution', id, reporter, { reason: 'spam' });
      }
    }
  }
  // The inquiry's register: observations online, by post and at a permanence, numbered in order of receipt.
  const inquiry = slugOf('enquete-publique');
  const inquiryId = inquiry
    ? ((await lifecycles.clone().select('consultation_document_id').where('slug', inquiry).first())?.consultation_document_id as string)
    : null;
  if (inquiry && inquiryId) {
    for (const [i, item] of inquiryObservations.entries()) {
      if (item.channel === 'web')
        await contributions.submit(inquiry, citizens[i % citizens.length], { title: item.title, body: item.body, territory: item.territory });
      else
        await contributions.enter(
          inquiryId,
          { id: 0 },
          {
            title: item.title,
            body: item.body,
            territory: item.territory,
            channel: item.channel,
            authorName: item.authorName,
            receivedAt: new Date(Date.now() - (9 - i) * 86_400_000).toISOString(),
          }
        );
      count += 1;
    }
  }
  return [`${citizens.length} citoyen·nes de démonstration`, `${count} contributions`];
}
