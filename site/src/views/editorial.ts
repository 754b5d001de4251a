/** What communications staff publish: the home page, pages (charter, legal notice…), news; and the site map. */
import { api, ok } from '../api/client';
import { editorial, type Article, type Block, type Link } from '../api/strapi';
import { placeSearch } from '../components';
import { date, el, euros, plural } from '../dom';
import { notFoundView, type Params, type View } from '../shell';
import { consultationCard } from './consultation-card';

/** Staff write site paths (« /pages/charte ») as a front end's own; this site routes them after its « # ». */
const href = (url: string) => (url.startsWith('/') && !/^\/(api|uploads|site)\//.test(url) ? `#${url}` : url);

const linkTo = (link: Link, className?: string) =>
  el(
    'a',
    { href: href(link.url), class: className, ...(link.external ? { rel: 'noopener noreferrer' } : {}) },
    link.label,
    link.external ? el('span', { class: 'visually-hidden' }, ' (site externe)') : null
  );

/** The Markdown renderer is loaded only by a view that shows rich text (not by the home page without any). */
const richTextRenderer = async () => (await import('../richtext')).richText;
type RichText = Awaited<ReturnType<typeof richTextRenderer>>;

function block(b: Block, richText: RichText | null) {
  if (b.__component === 'blocks.rich-text') return richText ? el('div', { class: 'rich' }, richText(b.body)) : null;
  return el(
    'section',
    { class: 'call-to-action' },
    el('h2', {}, b.title),
    b.text ? el('p', {}, b.text) : null,
    b.link ? el('p', {}, linkTo(b.link, 'button')) : null
  );
}

const articleCard = (a: Article) =>
  el(
    'li',
    { class: 'card' },
    el('h3', {}, el('a', { href: `#/actualites/${a.slug}` }, a.title)),
    el('p', { class: 'meta' }, date(a.date)),
    a.summary ? el('p', {}, a.summary) : null
  );

/** Something open to take part in now, whatever its kind, with the date it closes. */
type OpenNow = { closesAt: string; highlighted: number; card: HTMLElement };

const openCard = (kind: string, href: string, title: string, action: string, closesAt: string, meta?: string) =>
  el(
    'li',
    { class: 'card' },
    el('span', { class: 'status' }, kind),
    el('h3', {}, el('a', { href }, title)),
    el('p', {}, `${action} jusqu’au ${date(closesAt)}`),
    meta ? el('p', { class: 'meta' }, meta) : null
  );

export async function homeView(): Promise<View> {
  const [home, open, budgets, petitions, news] = await Promise.all([
    editorial.homepage(),
    ok(api.GET('/consultations', { params: { query: { status: 'open', sort: 'closesAt', pageSize: '12' } } })),
    ok(api.GET('/budgets'))
      .then((r) => r.data)
      .catch(() => []),
    ok(api.GET('/petitions', { params: { query: { status: 'open', sort: 'closesAt', pageSize: '6' } } }))
      .then((r) => r.data)
      .catch(() => []),
    editorial.articles(3).catch(() => [] as Article[]),
  ]);
  const richText = home?.blocks?.some((b) => b.__component === 'blocks.rich-text') ? await richTextRenderer() : null;
  // What is open now across every kind of participation, by closing date; consultations the home page highlights
  // come first, in the order staff chose.
  const highlighted = home?.highlightedConsultationSlugs ?? [];
  const rank = (slug: string) => (highlighted.includes(slug) ? highlighted.indexOf(slug) : highlighted.length);
  const items: OpenNow[] = [
    ...open.data.map((c) => ({ closesAt: c.closesAt ?? '', highlighted: rank(c.slug), card: consultationCard(c, 'h3') })),
    ...budgets.flatMap((b) =>
      b.stage === 'filing'
        ? [
            {
              closesAt: b.calendar.filingClosesAt,
              highlighted: highlighted.length,
              card: openCard(
                'Budget participatif',
                `#/b/${b.slug}`,
                b.name,
                'Dépôt des projets',
                b.calendar.filingClosesAt,
                `Enveloppe : ${euros(b.envelope)}`
              ),
            },
          ]
        : b.stage === 'vote'
          ? [
              {
                closesAt: b.calendar.voteClosesAt,
                highlighted: highlighted.length,
                card: openCard('Budget participatif', `#/b/${b.slug}`, b.name, 'Vote', b.calendar.voteClosesAt, `Enveloppe : ${euros(b.envelope)}`),
              },
            ]
          : []
    ),
    ...petitions.flatMap((p) =>
      p.closesAt
        ? [
            {
              closesAt: p.closesAt,
              highlighted: highlighted.length,
              card: openCard(
                p.scheme?.kind === 'interpellation' ? 'Interpellation' : 'Pétition',
                `#/p/${p.slug}`,
                p.title,
                'Signatures',
                p.closesAt,
                plural(p.signaturesCount, 'signature')
              ),
            },
          ]
        : []
    ),
  ].sort((a, b) => a.highlighted - b.highlighted || a.closesAt.localeCompare(b.closesAt));
  const hero = home?.hero;
  return {
    title: 'Accueil',
    content: [
      el(
        'section',
        { class: 'hero' },
        el('h1', {}, hero?.title ?? 'Participer à la vie du Département'),
        hero?.subtitle ? el('p', { class: 'lead' }, hero.subtitle) : null,
        hero?.callToAction ? el('p', {}, linkTo(hero.callToAction, 'button primary')) : null
      ),
      el(
        'section',
        { 'aria-labelledby': 'en-cours' },
        el('h2', { id: 'en-cours' }, 'En ce moment'),
        items.length
          ? el(
              'ul',
              { class: 'cards' },
              items.map((i) => i.card)
            )
          : el('p', {}, 'Rien n’est ouvert en ce moment. ', el('a', { href: '#/consultations?etat=a-venir' }, 'Voir les consultations à venir')),
        el(
          'p',
          {},
          el('a', { href: '#/consultations' }, 'Toutes les consultations'),
          ' · ',
          el('a', { href: '#/budgets' }, 'Budgets participatifs'),
          ' · ',
          el('a', { href: '#/petitions' }, 'Pétitions et interpellation')
        )
      ),
      el(
        'section',
        { 'aria-labelledby': 'pres-de-chez-moi-titre' },
        el('h2', { id: 'pres-de-chez-moi-titre' }, 'Près de chez moi'),
        el('p', {}, 'Les consultations, les projets de budget participatif et les pétitions qui concernent votre commune ou votre intercommunalité.'),
        placeSearch()
      ),
      (home?.blocks ?? []).map((b) => block(b, richText)),
      news.length
        ? el(
            'section',
            { 'aria-labelledby': 'actualites' },
            el('h2', { id: 'actualites' }, 'Actualités'),
            el('ul', { class: 'cards' }, news.map(articleCard)),
            el('p', {}, el('a', { href: '#/actualites' }, 'Toutes les actualités'))
          )
        : null,
    ],
  };
}

export async function pageView({ path: [slug] }: Params): Promise<View> {
  const [page, richText] = await Promise.all([editorial.page(slug), richTextRenderer()]);
  if (!page) return notFoundView();
  return {
    title: page.title,
    content: [el('h1', {}, page.title), page.summary ? el('p', { class: 'lead' }, page.summary) : null, el('div', { class: 'rich' }, richText(page.body))],
  };
}

export async function newsView(): Promise<View> {
  const articles = await editorial.articles(50);
  return {
    title: 'Actualités',
    content: [el('h1', {}, 'Actualités'), articles.length ? el('ul', { class: 'cards' }, articles.map(articleCard)) : el('p', {}, 'Pas encore d’actualité.')],
  };
}

export async function articleView({ path: [slug] }: Params): Promise<View> {
  const [a, richText] = await Promise.all([editorial.article(slug), richTextRenderer()]);
  if (!a) return notFoundView();
  return {
    title: `${a.title} — Actualités`,
    content: [
      el('p', {}, el('a', { href: '#/actualites' }, '← Toutes les actualités')),
      el('h1', {}, a.title),
      el('p', { class: 'meta' }, `Publiée le ${date(a.date)}`),
      a.cover
        ? el('img', {
            src: a.cover.url,
            alt: a.cover.alternativeText ?? '',
            width: a.cover.width ?? undefined,
            height: a.cover.height ?? undefined,
            class: 'cover',
          })
        : null,
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
      el(
        'ul',
        {},
        item('#/', 'Accueil'),
        el(
          'li',
          {},
          el('a', { href: '#/consultations' }, 'Consultations'),
          el(
            'ul',
            {},
            item('#/consultations?etat=en-cours', 'En cours'),
            item('#/consultations?etat=a-venir', 'À venir'),
            item('#/consultations?etat=terminees', 'Terminées')
          )
        ),
        item('#/budgets', 'Budgets participatifs'),
        el('li', {}, el('a', { href: '#/petitions' }, 'Pétitions'), el('ul', {}, item('#/deposer-petition', 'Déposer une pétition'))),
        item('#/lieu', 'Près de chez moi'),
        item('#/actualites', 'Actualités'),
        el(
          'li',
          {},
          'Mon espace',
          el(
            'ul',
            {},
            item('#/connexion', 'Se connecter'),
            item('#/inscription', 'Créer un compte'),
            item('#/mot-de-passe-oublie', 'Mot de passe oublié'),
            item('#/compte', 'Mon compte'),
            item('#/mes-contributions', 'Mes contributions'),
            item('#/notifications', 'Mes notifications')
          )
        ),
        el(
          'li',
          {},
          'Informations',
          el(
            'ul',
            {},
            pages.map((p) => item(`#/pages/${p.slug}`, p.title)),
            item('#/accessibilite', 'Déclaration d’accessibilité'),
            item('#/schema-pluriannuel', 'Schéma pluriannuel de mise en accessibilité')
          )
        )
      ),
    ],
  };
}
