/** Petitions and citizen interpellation: list, a petition with its progress, signing, appeal, filing, mine. */
import { api, ok, type Schemas } from '../api/client';
import { communePicker } from '../components';
import { date, el, message, paragraphs, plural } from '../dom';
import { petitionCard } from './petition-card';
import { session } from '../session';
import { flash, navigate, onSubmit, signInOrUp, statusRegion, text, type Params, type View } from '../shell';
import { signInRequired } from './contributions';

type Petition = Schemas['PetitionDetail'];

const REASONS: Record<string, string> = {
  authentication_required: 'Connectez-vous pour signer.',
  petition_not_open: 'Cette pétition n’est pas ouverte aux signatures.',
  petition_closed: 'Les signatures de cette pétition sont closes.',
  already_signed: 'Vous avez signé cette pétition.',
};
const STAGE_STATES: Record<Schemas['StageProgress']['state'], string> = { in_progress: 'En cours', reached: 'Atteinte', missed: 'Non atteinte dans le délai' };
const FILTERS: [string, string][] = [
  ['open', 'Ouvertes aux signatures'],
  ['answered', 'Avec réponse'],
  ['closed', 'Closes'],
  ['inadmissible,forwarded,under_appeal,appeal_rejected', 'Irrecevables ou transmises'],
];

export async function petitionsView({ query }: Params): Promise<View> {
  if (query.get('miennes')) return myPetitionsView();
  const status = FILTERS.find(([value]) => value === query.get('etat'))?.[0] ?? 'open';
  const q = (query.get('q') ?? '').trim().slice(0, 100);
  const { data } = await ok(api.GET('/petitions', { params: { query: { status, sort: '-signaturesCount', pageSize: '50', ...(q ? { q } : {}) } } }));
  const search = el(
    'form',
    { role: 'search', class: 'filters-form', 'aria-label': 'Rechercher une pétition' },
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'recherche-petition' }, 'Mots-clés'),
      el('input', { id: 'recherche-petition', name: 'q', type: 'search', value: q, maxlength: 100 })
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Rechercher')
  );
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = String(new FormData(search).get('q') ?? '').trim();
    location.hash = `#/petitions?${new URLSearchParams({ etat: status, ...(typed ? { q: typed } : {}) })}`;
  });
  return {
    title: 'Pétitions',
    content: [
      el('h1', {}, 'Pétitions et interpellations'),
      el(
        'p',
        {},
        'Déposez une pétition, signez celles qui vous tiennent à cœur et suivez les réponses du Département. ',
        session.signedIn ? el('a', { href: '#/deposer-petition' }, 'Déposer une pétition') : ['Pour déposer une pétition : ', signInOrUp('/deposer-petition')]
      ),
      el(
        'nav',
        { class: 'filters', 'aria-label': 'Filtrer les pétitions' },
        FILTERS.map(([value, label]) =>
          el(
            'a',
            {
              href: `#/petitions?${new URLSearchParams({ etat: value, ...(q ? { q } : {}) })}`,
              class: 'button',
              'aria-current': value === status ? 'page' : false,
            },
            label
          )
        )
      ),
      search,
      q
        ? el(
            'p',
            { class: 'results-count', role: 'status' },
            plural(data.length, 'pétition trouvée', 'pétitions trouvées'),
            ' · ',
            el('a', { href: `#/petitions?etat=${encodeURIComponent(status)}` }, 'Effacer la recherche')
          )
        : null,
      data.length
        ? el(
            'ul',
            { class: 'cards' },
            data.map((p) => petitionCard(p))
          )
        : el('p', {}, q ? 'Aucune pétition ne correspond à cette recherche.' : 'Aucune pétition ici pour le moment.'),
    ],
  };
}

async function myPetitionsView(): Promise<View> {
  if (!session.signedIn) return signInRequired('Mes pétitions');
  const { data } = await ok(api.GET('/me/petitions'));
  return {
    title: 'Mes pétitions',
    content: [
      el('h1', {}, 'Mes pétitions'),
      el('h2', {}, 'Déposées'),
      data.filed.length
        ? el(
            'ul',
            { class: 'cards' },
            data.filed.map((p) =>
              el(
                'li',
                { class: 'card' },
                el('h3', {}, el('a', { href: `#/p/${p.slug}` }, p.title)),
                el('p', {}, el('span', { class: 'status' }, p.statusLabel)),
                p.decisionReason ? el('p', { class: 'notice' }, `Motif : ${p.decisionReason}`) : null
              )
            )
          )
        : el('p', {}, 'Vous n’avez pas déposé de pétition.'),
      el('h2', {}, 'Signées'),
      data.signed.length
        ? el(
            'ul',
            { class: 'cards' },
            data.signed.map((s) =>
              el(
                'li',
                { class: 'card' },
                el('h3', {}, el('a', { href: `#/p/${s.petition.slug}` }, s.petition.title)),
                el('p', { class: 'meta' }, `Signée le ${date(s.signedAt)}${s.showName ? ' · votre nom est affiché' : ''}`)
              )
            )
          )
        : el('p', {}, 'Vous n’avez signé aucune pétition.'),
    ],
  };
}

/**
 * One stage of a petition: each of its conditions (signatures, and territories when the scheme asks for them) says
 * whether it is met and what is missing, so that « en cours » never sits beside a condition already met unexplained.
 */
function stageItem(s: Schemas['StageProgress']) {
  const percent = Math.min(100, Math.round((100 * s.count) / Math.max(1, s.required)));
  const t = s.territories;
  const signaturesMet = s.count >= s.required;
  const territoriesMet = !t || t.reachedCount >= t.minTerritories;
  const missing = [
    signaturesMet ? null : plural(s.required - s.count, 'signature'),
    territoriesMet || !t ? null : plural(t.minTerritories - t.reachedCount, 'territoire'),
  ].filter((x): x is string => !!x);
  const state = s.state === 'in_progress' && missing.length ? `En cours : il manque ${missing.join(' et ')}` : STAGE_STATES[s.state];
  const names = (list: { name: string; count: number; required?: number }[], withRequired: boolean) =>
    el(
      'ul',
      { class: 'territories' },
      list.map((x) =>
        el('li', {}, withRequired && x.required !== undefined ? `${x.name} : ${x.count} sur ${x.required}` : `${x.name} : ${plural(x.count, 'signature')}`)
      )
    );
  return el(
    'li',
    { class: 'stage' },
    el('h3', {}, s.label, ' ', el('span', { class: 'status' }, state)),
    el(
      'label',
      { for: `etape-${s.key}` },
      `${plural(s.count, 'signature')} sur ${s.required.toLocaleString('fr-FR')} requises${signaturesMet ? ' : condition remplie' : ''}, avant le ${date(s.deadline)}`
    ),
    el('progress', { id: `etape-${s.key}`, max: String(s.required), value: String(Math.min(s.count, s.required)) }, `${percent} %`),
    t
      ? el(
          'div',
          {},
          el(
            'p',
            {},
            territoriesMet
              ? `Territoires : condition remplie (${plural(t.reachedCount, 'territoire atteint', 'territoires atteints')}, ${t.minTerritories} requis).`
              : `Territoires : ${plural(t.reachedCount, 'territoire atteint', 'territoires atteints')} sur ${t.minTerritories} requis.`
          ),
          el(
            'details',
            {},
            el('summary', {}, 'Détail par territoire'),
            t.reached.length ? [el('h4', {}, 'Atteints'), names(t.reached, false)] : null,
            t.missing.length ? [el('h4', {}, 'Pas encore atteints'), names(t.missing, true)] : null
          )
        )
      : null,
    s.reachedAt ? el('p', { class: 'meta' }, `Atteinte le ${date(s.reachedAt)}.`) : null
  );
}

export async function petitionView({ path: [slug] }: Params): Promise<View> {
  const { data: p } = await ok(api.GET('/petitions/{slug}', { params: { path: { slug } } }));
  const v = p.viewer;
  const action = v.canSign
    ? await signatureForm(p)
    : el(
        'div',
        {},
        el(
          'p',
          { class: v.hasSigned ? 'success' : 'notice' },
          REASONS[v.reason ?? ''] ?? '',
          v.reason === 'authentication_required' ? [' ', signInOrUp()] : null
        ),
        v.canWithdraw ? withdrawButton(p) : null
      );
  return {
    title: `${p.title} — Pétitions`,
    content: [
      el('p', {}, el('a', { href: '#/petitions' }, '← Toutes les pétitions')),
      el('h1', {}, p.title),
      el(
        'p',
        {},
        el('span', { class: 'status' }, p.statusLabel),
        ' ',
        el('span', { class: 'meta' }, `${p.scheme.name} · déposée par ${p.authorName} le ${date(p.createdAt)}${p.commune ? ` · ${p.commune.name}` : ''}`)
      ),
      paragraphs(p.body),
      p.answer
        ? el(
            'section',
            { 'aria-labelledby': 'reponse', class: 'answer' },
            el('h2', { id: 'reponse' }, `Réponse officielle du ${date(p.answer.answeredAt)}`),
            paragraphs(p.answer.text)
          )
        : null,
      p.decision?.reason
        ? el(
            'section',
            { 'aria-labelledby': 'decision' },
            el('h2', { id: 'decision' }, 'Décision motivée'),
            p.decision.forwardedTo ? el('p', {}, `Transmise à : ${p.decision.forwardedTo}`) : null,
            paragraphs(p.decision.reason)
          )
        : null,
      p.progress.length
        ? el(
            'section',
            { 'aria-labelledby': 'progression' },
            el('h2', { id: 'progression' }, `Progression : ${plural(p.signaturesCount, 'signature')}`),
            el('ol', { class: 'stages' }, p.progress.map(stageItem))
          )
        : null,
      el('section', { 'aria-labelledby': 'signer' }, el('h2', { id: 'signer' }, 'Signer'), action),
      v.canAppeal ? appealForm(p) : null,
      el(
        'section',
        { 'aria-labelledby': 'criteres' },
        el('h2', { id: 'criteres' }, 'Règles du dispositif'),
        p.scheme.criteria ? el('p', {}, `Critères de recevabilité : ${p.scheme.criteria}`) : null,
        el(
          'p',
          {},
          `Ouvert aux personnes de ${p.scheme.minimumAge} ans et plus. Les noms des signataires ne sont affichés qu’avec leur accord ; leurs données sont effacées ${p.scheme.retentionDays} jours après la clôture.`
        )
      ),
      el(
        'section',
        { 'aria-labelledby': 'historique' },
        el('h2', { id: 'historique' }, 'Historique'),
        el(
          'ol',
          {},
          p.history.map((h) =>
            el('li', {}, `${date(h.at)} — ${h.label}`, h.reason && h.kind !== 'stage_reached' && h.kind !== 'stage_missed' ? ` : ${h.reason}` : '')
          )
        )
      ),
    ],
  };
}

async function signatureForm(p: Petition) {
  const grouping = p.scheme.groupingKey
    ? await ok(api.GET('/territory-groupings/{key}', { params: { path: { key: p.scheme.groupingKey } } }))
        .then((r) => r.data)
        .catch(() => null)
    : null;
  const choices = el('div', {});
  const commune = communePicker({
    id: 'commune',
    name: 'communeCode',
    label: 'Votre commune',
    required: true,
    onChoose: (chosen) => {
      // A commune split between territories of the grouping: the signer says which one is theirs.
      const territories = chosen && grouping ? grouping.filter((t) => t.communes.includes(chosen.code)) : [];
      choices.replaceChildren(
        territories.length > 1
          ? el(
              'fieldset',
              {},
              el('legend', {}, 'Votre commune relève de plusieurs territoires : lequel est le vôtre ?'),
              territories.map((t, i) =>
                el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'territoryCode', value: t.code, required: true, checked: i === 0 }), t.name)
              )
            )
          : ''
      );
    },
  });
  const status = statusRegion();
  const form = el(
    'form',
    { class: 'stack', novalidate: true },
    commune.field,
    choices,
    el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'confirmsMinimumAge', required: true }), `J’ai ${p.scheme.minimumAge} ans ou plus`),
    el(
      'label',
      { class: 'choice' },
      el('input', { type: 'checkbox', name: 'showName' }),
      'J’accepte que mon nom soit affiché dans la liste publique des signataires (sinon, seule ma signature est comptée)'
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Signer la pétition'),
    status
  );
  onSubmit(form, status, async (values) => {
    const code = commune.commune()?.code;
    if (!code) throw new Error('Choisissez votre commune dans la liste.');
    if (!values.get('confirmsMinimumAge')) throw new Error(`Cochez la case « J’ai ${p.scheme.minimumAge} ans ou plus » pour signer.`);
    const territoryCode = text(values, 'territoryCode');
    await ok(
      api.POST('/petitions/{slug}/signatures', {
        params: { path: { slug: p.slug } },
        body: { communeCode: code, confirmsMinimumAge: true, showName: !!values.get('showName'), ...(territoryCode ? { territoryCode } : {}) },
      })
    );
    flash('Merci ! Votre signature est enregistrée.');
    navigate(location.hash);
  });
  return form;
}

function withdrawButton(p: Petition) {
  const status = el('div', {});
  const button = el('button', { type: 'button' }, 'Retirer ma signature');
  button.addEventListener('click', async () => {
    if (!window.confirm('Retirer votre signature de cette pétition ?')) return;
    try {
      await ok(api.DELETE('/petitions/{slug}/signatures', { params: { path: { slug: p.slug } } }));
      flash('Votre signature est retirée.');
      navigate(location.hash);
    } catch (error) {
      status.replaceChildren(message('error', (error as Error).message));
    }
  });
  return el('div', {}, button, status);
}

function appealForm(p: Petition) {
  const status = statusRegion();
  const form = el(
    'form',
    { class: 'stack', novalidate: true },
    el('label', { for: 'recours' }, 'Motifs de votre recours'),
    el('textarea', { id: 'recours', name: 'reason', rows: 5, required: true, minlength: 20, maxlength: 5000 }),
    el('button', { type: 'submit', class: 'primary' }, 'Former le recours'),
    status
  );
  onSubmit(form, status, async (values) => {
    await ok(api.POST('/petitions/{slug}/appeal', { params: { path: { slug: p.slug } }, body: { reason: text(values, 'reason') } }));
    flash('Votre recours gracieux est enregistré ; la décision vous sera envoyée.');
    navigate(location.hash);
  });
  return el(
    'section',
    { 'aria-labelledby': 'recours-titre' },
    el('h2', { id: 'recours-titre' }, 'Former un recours gracieux'),
    el('p', {}, 'Vous pouvez contester la décision d’irrecevabilité dans les deux mois.'),
    form
  );
}

export async function filePetitionView(): Promise<View> {
  if (!session.signedIn) return signInRequired('Déposer une pétition');
  const { data: schemes } = await ok(api.GET('/petition-schemes'));
  const open = schemes.filter((s) => s.acceptsPetitions);
  const status = statusRegion();
  const form = el(
    'form',
    { class: 'stack', novalidate: true },
    el(
      'fieldset',
      {},
      el('legend', {}, 'Dispositif'),
      open.map((s, i) =>
        el(
          'label',
          { class: 'choice' },
          el('input', { type: 'radio', name: 'scheme', value: s.slug, checked: i === 0 }),
          `${s.name} — ${s.stages.map((st) => st.label).join(', ')}`
        )
      )
    ),
    el('label', { for: 'p-titre' }, 'Titre'),
    el('input', { id: 'p-titre', name: 'title', required: true, minlength: 10, maxlength: 150 }),
    el('label', { for: 'p-texte' }, 'Votre demande'),
    el('textarea', { id: 'p-texte', name: 'body', rows: 8, required: true, minlength: 50, maxlength: 10000 }),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Vous déposez'),
      (
        [
          ['citizen', 'en votre nom'],
          ['association', 'au nom d’une association'],
          ['collective', 'au nom d’un collectif'],
        ] as const
      ).map(([value, label], i) => el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'authorKind', value, checked: i === 0 }), label))
    ),
    el('label', { for: 'p-orga' }, 'Nom de l’association ou du collectif ', el('span', { class: 'hint' }, '(le cas échéant)')),
    el('input', { id: 'p-orga', name: 'organisationName', maxlength: 120 }),
    el(
      'label',
      { class: 'choice' },
      el('input', { type: 'checkbox', name: 'confirmsMinimumAge', required: true }),
      'J’ai l’âge minimum demandé par le dispositif (16 ans)'
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Déposer la pétition'),
    status
  );
  onSubmit(form, status, async (values) => {
    if (!values.get('confirmsMinimumAge')) throw new Error('Cochez la case sur l’âge minimum pour déposer.');
    const kind = (['citizen', 'association', 'collective'] as const).find((k) => k === values.get('authorKind')) ?? 'citizen';
    const organisationName = text(values, 'organisationName');
    const { data } = await ok(
      api.POST('/petitions', {
        body: {
          scheme: text(values, 'scheme'),
          title: text(values, 'title'),
          body: text(values, 'body'),
          authorKind: kind,
          ...(organisationName ? { organisationName } : {}),
          confirmsMinimumAge: true,
        },
      })
    );
    flash(
      data.status === 'submitted'
        ? `Votre pétition « ${data.title} » est déposée. Le Département examine sa recevabilité avant de l’ouvrir aux signatures ; vous la retrouvez dans « Mes pétitions ».`
        : `Votre pétition « ${data.title} » est déposée.`
    );
    navigate(`#/p/${data.slug}`);
  });
  return {
    title: 'Déposer une pétition',
    content: [
      el('h1', {}, 'Déposer une pétition'),
      el(
        'p',
        {},
        'Votre pétition est d’abord examinée au regard des critères de recevabilité publiés ; la décision motivée vous est envoyée, puis les signatures s’ouvrent.'
      ),
      form,
    ],
  };
}
