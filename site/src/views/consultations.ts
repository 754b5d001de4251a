/** Consultations: the list with search and filters, and one consultation with everything a citizen does there. */
import { api, ok, type Schemas } from '../api/client';
import { communePicker, followButton, upcomingMeetings } from '../components';
import { date, el, plural } from '../dom';
import { richText } from '../richtext';
import { session } from '../session';
import { signInOrUp, type Params, type View } from '../shell';
import { contributionForm, contributionsList, REASONS, type ContributionFilters } from './contributions';
import { consultationCard, STATES } from './consultation-card';
import { procedureSection } from './procedures';

type Status = Schemas['ConsultationStatus'];
const STATE_FILTERS: [string, string, Status[]][] = [
  ['en-cours', 'En cours', ['open']],
  ['a-venir', 'À venir', ['scheduled']],
  ['terminees', 'Terminées', ['closed', 'results_published', 'archived']],
];
const SORTS = { '-contributionsCount': 'les plus contribuées', closesAt: 'clôture la plus proche', '-opensAt': 'les plus récentes' } as const;

/** #/consultations?q=…&theme=…&territoire=…&etat=…&tri=… — the filters live in the address, so a search can be shared. */
export async function consultationsView({ query }: Params): Promise<View> {
  const q = query.get('q')?.trim() ?? '';
  const theme = query.get('theme') ?? '';
  const territory = query.get('territoire') ?? '';
  const placeName = query.get('lieu') ?? '';
  const state = STATE_FILTERS.find(([key]) => key === query.get('etat'));
  const sort = (Object.keys(SORTS) as (keyof typeof SORTS)[]).find((s) => s === query.get('tri')) ?? (state?.[0] === 'en-cours' ? 'closesAt' : '-opensAt');
  const [themes, found] = await Promise.all([
    ok(api.GET('/themes')),
    ok(
      api.GET('/consultations', {
        params: {
          query: {
            ...(q ? { q } : {}),
            ...(theme ? { theme } : {}),
            ...(territory ? { territory } : {}),
            ...(state ? { status: state[2].join(',') } : {}),
            sort,
            pageSize: '50',
          },
        },
      })
    ),
  ]);
  const select = (id: string, name: string, label: string, value: string, options: [string, string][]) => [
    el('label', { for: id }, label),
    el(
      'select',
      { id, name },
      el('option', { value: '' }, 'Tous'),
      options.map(([v, l]) => el('option', { value: v, selected: v === value }, l))
    ),
  ];
  // A place by name (commune or intercommunalité): the consultations that concern it, wherever they are declared.
  const place = communePicker({
    id: 'filtre-lieu',
    name: 'lieu',
    label: 'Lieu',
    kind: 'place',
    initial: territory ? { code: territory, name: placeName || territory } : null,
  });
  const form = el(
    'form',
    { role: 'search', class: 'filters-form', 'aria-label': 'Rechercher une consultation' },
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'recherche' }, 'Mots-clés'),
      el('input', { id: 'recherche', name: 'q', type: 'search', value: q, maxlength: 100 })
    ),
    el(
      'div',
      { class: 'field' },
      select(
        'filtre-theme',
        'theme',
        'Thème',
        theme,
        themes.data.map((t) => [t.slug, t.name])
      )
    ),
    place.field,
    el(
      'div',
      { class: 'field' },
      select(
        'filtre-etat',
        'etat',
        'État',
        state?.[0] ?? '',
        STATE_FILTERS.map(([key, label]) => [key, label])
      )
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'filtre-tri' }, 'Trier par'),
      el(
        'select',
        { id: 'filtre-tri', name: 'tri' },
        Object.entries(SORTS).map(([v, l]) => el('option', { value: v, selected: v === sort }, l))
      )
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Rechercher')
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (key !== 'lieu' && String(value).trim()) params.set(key, String(value).trim());
    const chosen = place.commune();
    if (chosen) {
      params.set('territoire', chosen.code);
      params.set('lieu', chosen.name);
    }
    location.hash = `#/consultations${params.size ? `?${params}` : ''}`;
  });
  const filtered = q || theme || territory || state;
  return {
    title: filtered ? `Consultations : ${plural(found.meta.pagination.total, 'résultat')}` : 'Consultations',
    content: [
      el('h1', {}, 'Consultations'),
      form,
      el(
        'h2',
        { class: 'results-count' },
        filtered ? plural(found.meta.pagination.total, 'consultation trouvée', 'consultations trouvées') : plural(found.meta.pagination.total, 'consultation')
      ),
      found.data.length
        ? el(
            'ul',
            { class: 'cards' },
            found.data.map((c) => consultationCard(c, 'h3'))
          )
        : el(
            'p',
            {},
            'Aucune consultation ne correspond à ces critères. ',
            filtered ? el('a', { href: '#/consultations' }, 'Voir toutes les consultations') : null
          ),
    ],
  };
}

const phaseList = (phases: Schemas['ConsultationDetail']['phases']) =>
  el(
    'ol',
    { class: 'phases' },
    phases.map((p) =>
      el(
        'li',
        p.current ? { 'aria-current': 'step', class: 'current' } : {},
        el('strong', {}, p.title),
        ` — du ${date(p.startsAt)} au ${date(p.endsAt)}`,
        p.current ? el('span', { class: 'status' }, 'En cours') : null,
        p.description ? el('p', { class: 'hint' }, p.description) : null
      )
    )
  );

function resultsSection(results: NonNullable<Schemas['ConsultationDetail']['results']>) {
  return el(
    'section',
    { 'aria-labelledby': 'resultats' },
    el('h2', { id: 'resultats' }, 'Résultats'),
    results.keyFigures.length
      ? el(
          'dl',
          { class: 'key-figures' },
          results.keyFigures.map((k) =>
            el(
              'div',
              {},
              el('dt', {}, k.label),
              el('dd', {}, `${typeof k.value === 'number' ? k.value.toLocaleString('fr-FR') : k.value}${k.unit ? ` ${k.unit}` : ''}`)
            )
          )
        )
      : null,
    el('div', { class: 'rich' }, richText(results.synthesis)),
    results.decisions ? [el('h3', {}, 'Décisions'), el('div', { class: 'rich' }, richText(results.decisions))] : null,
    results.decisionUrl ? el('p', {}, el('a', { href: results.decisionUrl }, 'Lire la délibération de l’assemblée')) : null,
    results.attachments.length
      ? el(
          'ul',
          {},
          results.attachments.map((a) =>
            el('li', {}, el('a', { href: a.url }, a.name, ` (${a.mime.split('/').pop()?.toUpperCase()}, ${Math.max(1, Math.round(a.size))} ko)`))
          )
        )
      : null,
    results.updates.length
      ? el(
          'section',
          { 'aria-labelledby': 'ensuite' },
          el('h3', { id: 'ensuite' }, 'Et ensuite ?'),
          el(
            'ol',
            { class: 'updates' },
            results.updates.map((u) => el('li', {}, el('h4', {}, `${date(u.date)} — ${u.title}`), el('div', { class: 'rich' }, richText(u.text))))
          )
        )
      : null
  );
}

export async function consultationView({ path: [slug], query }: Params): Promise<View> {
  const sort = query.get('tri') === 'soutiens' ? '-supportsCount' : query.get('tri') === 'hasard' ? 'random' : '-createdAt';
  // Contributions filtered by commune and « avec une réponse », in the address like the sort.
  const communeCode = /^\d[0-9AB]\d{3}$/.test(query.get('commune') ?? '') ? query.get('commune')! : '';
  const answered = query.get('reponse') === 'oui';
  const filters: ContributionFilters = { ...(communeCode ? { territory: communeCode } : {}), ...(answered ? { answered: 'true' } : {}) };
  const [{ data: c }, first] = await Promise.all([
    ok(api.GET('/consultations/{slug}', { params: { path: { slug } } })),
    ok(api.GET('/consultations/{slug}/contributions', { params: { path: { slug }, query: { sort, pageSize: '10', ...filters } } })),
  ]);
  // The questionnaires that belong to the consultation, if any.
  const [surveys, meetings] = await Promise.all([
    ok(api.GET('/questionnaires', { params: { query: { consultation: c.documentId } } })).then((r) => r.data),
    upcomingMeetings({ consultation: c.documentId }),
  ]);
  const filterParams = (extra: Record<string, string>) => {
    const params = new URLSearchParams(extra);
    if (communeCode) {
      params.set('commune', communeCode);
      params.set('nom', query.get('nom') ?? communeCode);
    }
    if (answered) params.set('reponse', 'oui');
    return params;
  };
  const v = c.viewer;
  const contributeReason = v.reasons.contribute ?? v.reason;
  const contribute = v.canContribute
    ? contributionForm(c.slug, c.rules.moderationMode === 'a_priori')
    : el(
        'p',
        { class: 'notice' },
        REASONS[contributeReason ?? ''] ?? 'Il n’est pas possible de contribuer pour le moment.',
        contributeReason === 'authentication_required' ? [' ', signInOrUp()] : null
      );
  const supportReason = v.canSupport ? null : (v.reasons.support ?? null);
  const sorter = el(
    'nav',
    { 'aria-label': 'Ordre des contributions', class: 'sorter' },
    'Trier : ',
    [
      ['recentes', 'les plus récentes', '-createdAt'],
      ['soutiens', 'les plus soutenues', '-supportsCount'],
      ['hasard', 'au hasard', 'random'],
    ].map(([key, label, value]) => el('a', { href: `#/c/${slug}?${filterParams({ tri: key })}`, 'aria-current': value === sort ? 'true' : false }, label))
  );
  const place = communePicker({
    id: 'filtre-commune',
    name: 'commune',
    label: 'Commune',
    initial: communeCode ? { code: communeCode, name: query.get('nom') ?? communeCode } : null,
  });
  const filterForm = el(
    'form',
    { role: 'search', class: 'filters-form', 'aria-label': 'Filtrer les contributions' },
    place.field,
    el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'reponse', checked: answered }), 'Avec une réponse du Département'),
    el('button', { type: 'submit' }, 'Filtrer')
  );
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams(query.get('tri') ? { tri: query.get('tri')! } : {});
    const chosen = place.commune();
    if (chosen) {
      params.set('commune', chosen.code);
      params.set('nom', chosen.name);
    }
    if ((filterForm.elements.namedItem('reponse') as HTMLInputElement).checked) params.set('reponse', 'oui');
    location.hash = `#/c/${slug}${params.size ? `?${params}` : ''}`;
  });
  const filtered = !!communeCode || answered;
  return {
    title: c.title,
    content: [
      el('p', {}, el('a', { href: '#/consultations' }, '← Toutes les consultations')),
      el('span', { class: 'status' }, STATES[c.status]),
      el('h1', {}, c.title),
      el(
        'p',
        { class: 'meta' },
        `Du ${date(c.opensAt)} au ${date(c.closesAt)}`,
        c.territory ? ` · ${c.territory.name}` : '',
        c.themes.length ? ` · ${c.themes.map((t) => t.name).join(', ')}` : '',
        c.origin ? [' · ', c.origin.url ? el('a', { href: c.origin.url, rel: 'noopener' }, 'Importée de Decidim') : 'Importée de Decidim'] : ''
      ),
      c.easyRead
        ? el(
            'section',
            { class: 'easy-read', 'aria-labelledby': 'facile-a-lire', lang: 'fr' },
            el('h2', { id: 'facile-a-lire' }, 'En facile à lire'),
            c.easyRead.split(/\n+/).map((line) => el('p', {}, line))
          )
        : null,
      el(
        'dl',
        { class: 'key-figures' },
        el('div', {}, el('dt', {}, 'Contributions'), el('dd', {}, c.counts.contributions.toLocaleString('fr-FR'))),
        el('div', {}, el('dt', {}, 'Participant·es'), el('dd', {}, c.counts.participants.toLocaleString('fr-FR'))),
        el('div', {}, el('dt', {}, 'Soutiens'), el('dd', {}, c.counts.supports.toLocaleString('fr-FR')))
      ),
      c.stage.text ? el('div', { class: 'rich stage-text' }, richText(c.stage.text)) : null,
      c.results ? resultsSection(c.results) : null,
      el(
        'section',
        { 'aria-labelledby': 'presentation' },
        el('h2', { id: 'presentation' }, 'Présentation'),
        el('div', { class: 'rich' }, richText(c.body || c.summary))
      ),
      c.documents.length
        ? el(
            'section',
            { 'aria-labelledby': 'documents' },
            el('h2', { id: 'documents' }, 'Documents'),
            el(
              'ul',
              {},
              c.documents.map((d) => el('li', {}, el('a', { href: d.url }, d.caption || d.name)))
            )
          )
        : null,
      c.phases.length ? el('section', { 'aria-labelledby': 'etapes' }, el('h2', { id: 'etapes' }, 'Étapes'), phaseList(c.phases)) : null,
      c.procedure ? procedureSection(c.slug, c.procedure) : null,
      surveys.length
        ? el(
            'section',
            { 'aria-labelledby': 'questionnaires' },
            el('h2', { id: 'questionnaires' }, 'Questionnaires'),
            el(
              'ul',
              {},
              surveys.map((q) => el('li', {}, el('a', { href: `#/q/${q.slug}` }, q.title), ` — ${q.stateLabel}`))
            )
          )
        : null,
      meetings,
      session.signedIn
        ? followButton({ kind: 'consultation', slug: c.slug }, !!v.isFollowing)
        : el('p', { class: 'hint' }, 'Pour suivre cette consultation et être prévenu·e de ses suites : ', signInOrUp(), '.'),
      c.status === 'open' || v.canContribute
        ? el('section', { 'aria-labelledby': 'contribuer' }, el('h2', { id: 'contribuer' }, 'Contribuer'), contribute)
        : null,
      el(
        'section',
        { 'aria-labelledby': 'contributions' },
        el('h2', { id: 'contributions' }, `Contributions (${c.counts.contributions.toLocaleString('fr-FR')})`),
        c.counts.contributions > 1 ? filterForm : null,
        filtered
          ? el(
              'p',
              { class: 'results-count', role: 'status' },
              plural(first.meta.pagination.total, 'contribution trouvée', 'contributions trouvées'),
              ' · ',
              el('a', { href: `#/c/${slug}` }, 'Retirer les filtres')
            )
          : null,
        first.data.length > 1 ? sorter : null,
        supportReason && REASONS[supportReason]
          ? el(
              'p',
              { class: 'hint' },
              supportReason === 'authentication_required' ? ['Pour soutenir une contribution : ', signInOrUp(), '.'] : REASONS[supportReason]
            )
          : null,
        contributionsList(c.slug, sort, first, filters)
      ),
    ],
  };
}
