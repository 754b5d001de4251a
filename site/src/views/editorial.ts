/** What communications staff publish: the home page, pages (charter, legal notice…), news; and the site map. */
import { api, ok } from '../api/client';
import { editorial, type Article, type Block, type Link } from '../api/strapi';
import { date, el } from '../dom';
import { richText } from '../richtext';
import { notFoundView, type Params, type View } from '../shell';
import { consultationCard } from './consultations';

/** Staff write site paths (« /pages/charte ») as a front end's own; this site routes them after its « # ». */
const href = (url: string) => (url.startsWith('/') && !/^\/(api|uploads|site)\//.test(url) ? `#${url}` : url);

const linkTo = (link: Link, className?: string) =>
  el('a', { href: href(link.url), class: className, ...(link.external ? { rel: 'noopener noreferrer' } : {}) }, link.label, link.external ? el('span', { class: 'visually-hidden' }, ' (site externe)') : null);

function block(b: Block) {
  if (b.__component === 'blocks.rich-text') return el('div', { class: 'rich' }, richText(b.body));
  return el('section', { class: 'call-to-action' }, el('h2', {}, b.title), b.text ? el('p', {}, b.text) : null, b.link ? el('p', {}, linkTo(b.link, 'button')) : null);
}

const articleCard = (a: Article) =>
  el('li', { class: 'card' }, el('h3', {}, el('a', { href: `#/actualites/${a.slug}` }, a.title)), el('p', { class: 'meta' }, date(a.date)), a.summary ? el('p', {}, a.summary) : null);

export async function homeView(): Promise<View> {
  const [home, open, news] = await Promise.all([
    editorial.homepage(),
    ok(api.GET('/consultations', { params: { query: { status: 'open', sort: 'closesAt', pageSize: '12' } } })),
    editorial.articles(3).catch(() => [] as Article[]),
  ]);
  // Consultations the home page highlights come first, in the order staff chose.
  const highlighted = home?.highlightedConsultationSlugs ?? [];
  const rank = (slug: string) => (highlighted.includes(slug) ? highlighted.indexOf(slug) : highlighted.length);
  const consultations = [...open.data].sort((a, b) => rank(a.slug) - rank(b.slug));
  const hero = home?.hero;
  return {
    title: 'Accueil',
    content: [
      el('section', { class: 'hero' },
        el('h1', {}, hero?.title ?? 'Participer à la vie du Département'),
        hero?.subtitle ? el('p', { class: 'lead' }, hero.subtitle) : null,
        hero?.callToAction ? el('p', {}, linkTo(hero.callToAction, 'button primary')) : null),
      el('section', { 'aria-labelledby': 'en-cours' },
        el('h2', { id: 'en-cours' }, 'Consultations en cours'),
        consultations.length ? el('ul', { class: 'cards' }, consultations.map((c) => consultationCard(c, 'h3'))) : el('p', {}, 'Aucune consultation n’est ouverte en ce moment. ', el('a', { href: '#/consultations?etat=a-venir' }, 'Voir celles à venir')),
        el('p', {}, el('a', { href: '#/consultations' }, 'Toutes les consultations, à venir et terminées'))),
      (home?.blocks ?? []).map(block),
      el('section', { 'aria-labelledby': 'participer-autrement' },
        el('h2', { id: 'participer-autrement' }, 'Participer autrement'),
        el('ul', { class: 'cards' },
          el('li', { class: 'card' }, el('h3', {}, el('a', { href: '#/budgets' }, 'Budgets participatifs')), el('p', {}, 'Proposez des projets pour votre territoire et votez pour ceux à réaliser.')),
          el('li', { class: 'card' }, el('h3', {}, el('a', { href: '#/petitions' }, 'Pétitions et interpellation')), el('p', {}, 'Déposez ou signez une pétition ; au-delà d’un seuil, le Département répond.')))),
      news.length ? el('section', { 'aria-labelledby': 'actualites' }, el('h2', { id: 'actualites' }, 'Actualités'), el('ul', { class: 'cards' }, news.map(articleCard)), el('p', {}, el('a', { href: '#/actualites' }, 'Toutes les actualités'))) : null,
    ],
  };
}

export async function pageView({ path: [slug] }: Params): Promise<View> {
  const page = await editorial.page(slug);
  if (!page) return notFoundView();
  return { title: page.title, content: [el('h1', {}, page.title), page.summary ? el('p', { class: 'lead' }, page.summary) : null, el('div', { class: 'rich' }, richText(page.body))] };
}

export async function newsView(): Promise<View> {
  const articles = await editorial.articles(50);
  return { title: 'Actualités', content: [el('h1', {}, 'Actualités'), articles.length ? el('ul', { class: 'cards' }, articles.map(articleCard)) : el('p', {}, 'Pas encore d’actualité.')] };
}

export async function articleView({ path: [slug] }: Params): Promise<View> {
  const a = await editorial.article(slug);
  if (!a) return notFoundView();
  return {
    title: `${a.title} — Actualités`,
    content: [
      el('p', {}, el('a', { href: '#/actualites' }, '← Toutes les actualités')),
      el('h1', {}, a.title),
      el('p', { class: 'meta' }, `Publiée le ${date(a.date)}`),
      a.cover ? el('img', { src: a.cover.url, alt: a.cover.alternativeText ?? '', width: a.cover.width ?? undefined, height: a.cover.height ?? undefined, class: 'cover' }) : null,
      a.summary ? el('p', { class: 'lead' }, a.summary) : null,
      el('div', { class: 'rich' }, richText(a.body)),
    ],
  };
}

export async function siteMapView(): Promise<View> {
  const pages = await editorial.pages().catch(() => []);
  const item = (href: string, label: string) => el('li', {}, el('a', { href }, label));
  return {
    title: 'Plan du site',
    content: [
      el('h1', {}, 'Plan du site'),
      el('ul', {},
        item('#/', 'Accueil'),
        el('li', {}, el('a', { href: '#/consultations' }, 'Consultations'), el('ul', {}, item('#/consultations?etat=en-cours', 'En cours'), item('#/consultations?etat=a-venir', 'À venir'), item('#/consultations?etat=terminees', 'Terminées'))),
        item('#/budgets', 'Budgets participatifs'),
        el('li', {}, el('a', { href: '#/petitions' }, 'Pétitions'), el('ul', {}, item('#/deposer-petition', 'Déposer une pétition'))),
        item('#/actualites', 'Actualités'),
        el('li', {}, 'Mon espace', el('ul', {}, item('#/connexion', 'Se connecter'), item('#/inscription', 'Créer un compte'), item('#/mot-de-passe-oublie', 'Mot de passe oublié'), item('#/compte', 'Mon compte'), item('#/mes-contributions', 'Mes contributions'), item('#/notifications', 'Mes notifications'))),
        el('li', {}, 'Informations', el('ul', {}, pages.map((p) => item(`#/pages/${p.slug}`, p.title)), item('#/accessibilite', 'Déclaration d’accessibilité'), item('#/schema-pluriannuel', 'Schéma pluriannuel de mise en accessibilité')))),
    ],
  };
}
