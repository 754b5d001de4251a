/* Participer — site de référence. Lit et écrit par l'API publique du plugin ; tout texte venu de l'API est inséré
   comme texte, jamais comme HTML. */
'use strict';

const API = '/api/participation';
const main = document.getElementById('contenu');
const STATES = { scheduled: 'À venir', open: 'En cours', closed: 'Clôturée', results_published: 'Résultats publiés', archived: 'Archivée' };
const REASONS = {
  consultation_not_open: "La consultation n'est pas encore ouverte.",
  consultation_closed: 'La consultation est close.',
  contributions_disabled: "Cette consultation n'accepte pas de contributions.",
  supports_disabled: "Cette consultation n'accepte pas de soutiens.",
  comments_disabled: "Cette consultation n'accepte pas de commentaires.",
  phase_does_not_allow: 'La phase en cours ne le permet pas.',
  authentication_required: 'Connectez-vous pour participer.',
  own_contribution: "C'est votre contribution.",
  contribution_not_published: "Cette contribution n'est pas encore publiée.",
};
const ANSWERS = { retained: 'Retenue', under_study: "À l'étude", not_retained: 'Non retenue', already_done: 'Déjà réalisée' };
const MODERATION = { pending: 'En attente de modération', published: 'Publiée', rejected: 'Refusée', hidden: 'Masquée' };
const FREQUENCIES = [['immediate', 'Tout de suite'], ['daily', 'Un récapitulatif par jour'], ['weekly', 'Un récapitulatif par semaine'], ['off', 'Jamais']];

const session = {
  get token() { return sessionStorage.getItem('participer.jwt'); },
  get name() { return sessionStorage.getItem('participer.name'); },
  set(jwt, name) { sessionStorage.setItem('participer.jwt', jwt); sessionStorage.setItem('participer.name', name); },
  clear() { sessionStorage.removeItem('participer.jwt'); sessionStorage.removeItem('participer.name'); },
};

/** el('p', { class: 'meta' }, 'texte', child…) — text children become text nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== false && v !== undefined && v !== null) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}
const paragraphs = (text) => (text || '').split(/\n{2,}/).map((p) => el('p', {}, p.replace(/[#*_`>]/g, '').trim())).filter((p) => p.textContent);
const date = (iso) => (iso ? new Date(iso).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' }) : '—');

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}) };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  const res = await fetch(path.startsWith('/api/') ? path : `${API}${path}`, { ...options, headers, body: options.body ? JSON.stringify(options.body) : undefined });
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.status === 401 && session.token && !path.startsWith('/api/auth')) session.clear();
  if (!res.ok) throw Object.assign(new Error(body?.error?.message || 'Erreur'), { status: res.status, body });
  return body;
}

function show(...nodes) {
  main.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined && n !== false));
  main.focus();
}
const failure = (error) => show(el('p', { class: 'error', role: 'alert' }, error.message));

async function listPage(status = 'open') {
  const filters = el('div', { class: 'filters', role: 'group', 'aria-label': 'Filtrer les consultations' },
    ...[['open', 'En cours'], ['scheduled', 'À venir'], ['closed,results_published,archived', 'Terminées']].map(([value, label]) =>
      el('button', { type: 'button', 'aria-pressed': String(value === status), onclick: () => listPage(value) }, label)));
  const { data } = await api(`/consultations?status=${status}&sort=${status === 'open' ? 'closesAt' : '-opensAt'}`);
  const cards = el('ul', { class: 'cards' }, data.map((c) =>
    el('li', { class: 'card' },
      el('span', { class: 'status' }, STATES[c.status]),
      el('h2', {}, el('a', { href: `#/c/${c.slug}` }, c.title)),
      el('p', {}, c.summary || ''),
      el('p', { class: 'meta' }, `Du ${date(c.opensAt)} au ${date(c.closesAt)} — ${c.counts.contributions} contribution(s), ${c.counts.participants} participant·e(s)`))));
  show(el('h1', {}, 'Consultations'), filters, data.length ? cards : el('p', {}, 'Aucune consultation ici pour le moment.'));
}

async function consultationPage(slug) {
  const { data: c } = await api(`/consultations/${slug}`);
  const { data: ideas } = await api(`/consultations/${slug}/contributions?sort=-supportsCount&pageSize=50`);
  const follow = session.token ? followButton(c) : el('p', { class: 'meta' }, el('a', { href: `#/connexion?retour=/c/${slug}` }, 'Connectez-vous'), ' pour suivre cette consultation et être prévenu·e de ses suites.');
  const form = c.viewer.canContribute ? contributionForm(c) : el('p', { class: 'notice' }, REASONS[c.viewer.reason] || 'Participation impossible.', c.viewer.reason === 'authentication_required' ? [' ', el('a', { href: `#/connexion?retour=/c/${slug}` }, 'Se connecter')] : []);
  show(
    el('p', {}, el('a', { href: '#/' }, '← Toutes les consultations')),
    el('span', { class: 'status' }, STATES[c.status]),
    el('h1', {}, c.title),
    el('p', { class: 'meta' }, `Du ${date(c.opensAt)} au ${date(c.closesAt)}${c.currentPhase ? ` — phase : ${c.currentPhase.title}` : ''}`),
    ...paragraphs(c.stage.text || c.summary),
    ...paragraphs(c.body),
    follow,
    c.results ? resultsSection(c.results) : null,
    el('section', { 'aria-labelledby': 'contribuer' }, el('h2', { id: 'contribuer' }, 'Contribuer'), form),
    el('section', { 'aria-labelledby': 'contributions' },
      el('h2', { id: 'contributions' }, `Contributions (${c.counts.contributions})`),
      el('ul', { class: 'cards' }, ideas.map((i) => contributionCard(i)))));
}

function resultsSection(results) {
  return el('section', { 'aria-labelledby': 'resultats' },
    el('h2', { id: 'resultats' }, 'Résultats'),
    ...paragraphs(results.synthesis),
    ...paragraphs(results.decisions),
    results.decisionUrl ? el('p', {}, el('a', { href: results.decisionUrl }, "Lire la délibération de l'assemblée")) : null,
    results.updates && results.updates.length
      ? el('section', { 'aria-labelledby': 'ensuite' }, el('h3', { id: 'ensuite' }, 'Et ensuite ?'),
        el('ol', { class: 'updates' }, results.updates.map((u) => el('li', {}, el('h4', {}, `${date(u.date)} — ${u.title}`), ...paragraphs(u.text)))))
      : null);
}

/** « Suivre » : a toggle button whose pressed state says whether the visitor follows the consultation. */
function followButton(c) {
  let following = !!c.viewer.isFollowing;
  const status = el('span', { class: 'meta', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', 'aria-pressed': String(following), onclick: async () => {
    try {
      const res = await api(`/consultations/${c.slug}/follow`, { method: following ? 'DELETE' : 'POST' });
      following = res.data.following;
      button.setAttribute('aria-pressed', String(following));
      status.textContent = following ? 'Vous suivez cette consultation.' : 'Vous ne suivez plus cette consultation.';
    } catch (error) { status.textContent = error.message; }
  } }, 'Suivre cette consultation');
  return el('p', { class: 'follow' }, button, ' ', status, ' ', el('a', { href: '#/notifications' }, 'Choisir quand être prévenu·e'));
}

function contributionCard(i) {
  const support = el('button', { type: 'button', 'aria-pressed': String(i.viewer.hasSupported), disabled: !i.viewer.canSupport,
    onclick: async () => {
      try {
        const { data } = await api(`/contributions/${i.documentId}/supports`, { method: i.viewer.hasSupported ? 'DELETE' : 'POST' });
        i.viewer.hasSupported = data.hasSupported;
        support.setAttribute('aria-pressed', String(data.hasSupported));
        support.textContent = `${data.hasSupported ? 'Soutenue' : 'Soutenir'} (${data.supportsCount})`;
      } catch (error) { alert(error.message); }
    } }, `${i.viewer.hasSupported ? 'Soutenue' : 'Soutenir'} (${i.counts.supports})`);
  return el('li', { class: 'card' },
    el('h3', {}, i.title),
    el('p', {}, i.body),
    el('p', { class: 'meta' }, `${i.author.displayName}${i.territory ? ` — ${i.territory.name}` : ''} — ${date(i.createdAt)}`),
    i.officialAnswer ? el('div', { class: 'answer' }, el('strong', {}, `Réponse du Département : ${ANSWERS[i.officialAnswer.status]}`), ...paragraphs(i.officialAnswer.text)) : null,
    support,
    !i.viewer.canSupport && i.viewer.reason ? el('p', { class: 'meta' }, REASONS[i.viewer.reason] || '') : null);
}

function contributionForm(c) {
  const status = el('div', { 'aria-live': 'polite' });
  const form = el('form', { novalidate: true },
    el('label', { for: 'titre' }, 'Titre'), el('input', { id: 'titre', name: 'title', required: true, minlength: 3, maxlength: 140 }),
    el('label', { for: 'texte' }, 'Votre contribution'), el('textarea', { id: 'texte', name: 'body', rows: 6, required: true, minlength: 10, maxlength: 5000 }),
    el('div', { class: 'visually-hidden', 'aria-hidden': 'true' }, el('label', { for: 'site' }, 'Ne pas remplir'), el('input', { id: 'site', name: 'website', tabindex: '-1', autocomplete: 'off' })),
    el('button', { type: 'submit', class: 'primary' }, 'Envoyer ma contribution'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    try {
      const { data } = await api(`/consultations/${c.slug}/contributions`, { method: 'POST', body: { title: values.title, body: values.body, ...(values.website ? { website: values.website } : {}) } });
      form.reset();
      status.replaceChildren(el('p', { class: 'success', role: 'status' }, data.moderation?.status === 'pending' ? 'Merci ! Votre contribution sera publiée après modération.' : 'Merci ! Votre contribution est publiée.'));
    } catch (error) {
      const fields = error.body?.error?.details?.errors?.map((e) => e.message).join(' ') || '';
      status.replaceChildren(el('p', { class: 'error', role: 'alert' }, `${error.message} ${fields}`));
    }
  });
  return form;
}

function loginPage(back) {
  const status = el('div', { 'aria-live': 'polite' });
  const form = el('form', {},
    el('label', { for: 'identifiant' }, 'Adresse électronique ou identifiant'), el('input', { id: 'identifiant', name: 'identifier', autocomplete: 'username', required: true }),
    el('label', { for: 'motdepasse' }, 'Mot de passe'), el('input', { id: 'motdepasse', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    el('button', { type: 'submit', class: 'primary' }, 'Se connecter'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const res = await api('/api/auth/local', { method: 'POST', body: Object.fromEntries(new FormData(form)) });
      session.set(res.jwt, res.user.username);
      renderAccount();
      location.hash = back || '#/';
    } catch (error) {
      status.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Identifiant ou mot de passe incorrect.'));
    }
  });
  show(el('h1', {}, 'Se connecter'), form);
}

async function minePage() {
  if (!session.token) return loginPage('#/mes-contributions');
  const { data } = await api('/me/contributions');
  show(el('h1', {}, 'Mes contributions'), data.length ? el('ul', { class: 'cards' }, data.map((i) =>
    el('li', { class: 'card' }, el('span', { class: 'status' }, MODERATION[i.moderation.status]), el('h2', {}, i.title),
      i.consultation ? el('p', { class: 'meta' }, el('a', { href: `#/c/${i.consultation.slug}` }, i.consultation.title)) : null,
      i.moderation.reason ? el('p', {}, `Motif : ${i.moderation.reason}`) : null))) : el('p', {}, "Vous n'avez pas encore contribué."));
}

async function notificationsPage() {
  if (!session.token) return loginPage('#/notifications');
  const [{ data: prefs }, { data: follows }] = await Promise.all([api('/me/notification-preferences'), api('/me/follows?pageSize=100')]);
  const status = el('div', { 'aria-live': 'polite' });
  const form = el('form', {},
    ...prefs.kinds.map((k) => el('fieldset', {}, el('legend', {}, k.label),
      ...FREQUENCIES.map(([value, label]) => el('label', { class: 'choice' },
        el('input', { type: 'radio', name: k.kind, value, checked: k.frequency === value }), ` ${label}`)))),
    el('button', { type: 'submit', class: 'primary' }, 'Enregistrer mes choix'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('/me/notification-preferences', { method: 'PUT', body: { frequencies: Object.fromEntries(new FormData(form)) } });
      status.replaceChildren(el('p', { class: 'success', role: 'status' }, 'Vos choix sont enregistrés.'));
    } catch (error) {
      status.replaceChildren(el('p', { class: 'error', role: 'alert' }, error.message));
    }
  });
  const list = follows.length
    ? el('ul', { class: 'cards' }, follows.map((f) => el('li', { class: 'card' },
      el('h3', {}, f.slug ? el('a', { href: `#/c/${f.slug}` }, f.title || 'Consultation') : (f.title || 'Contribution')),
      el('p', { class: 'meta' }, `${f.target === 'consultation' ? 'Consultation' : 'Contribution'} suivie depuis le ${date(f.followedAt)}`),
      el('button', { type: 'button', onclick: async () => {
        await api(f.target === 'consultation' ? `/consultations/${f.slug}/follow` : `/contributions/${f.documentId}/follow`, { method: 'DELETE' });
        notificationsPage().catch(failure);
      } }, `Ne plus suivre « ${f.title || f.documentId} »`))))
    : el('p', {}, 'Vous ne suivez rien pour le moment. Vos propres contributions sont suivies d’office.');
  show(el('h1', {}, 'Mes notifications'),
    el('p', {}, 'Par défaut, vous recevez un récapitulatif par jour au plus, et les décisions de modération sur vos textes tout de suite.'),
    form, el('h2', {}, 'Ce que je suis'), list);
}

/** The page a mail's unsubscribe link opens: says what it will do, and does it only when confirmed. */
async function unsubscribePage(token) {
  if (!token) return show(el('h1', {}, 'Désabonnement'), el('p', { class: 'error', role: 'alert' }, 'Ce lien est incomplet.'));
  const { data } = await api(`/notifications/unsubscribe?token=${encodeURIComponent(token)}`);
  const status = el('div', { 'aria-live': 'polite' });
  const button = el('button', { type: 'button', class: 'primary', onclick: async () => {
    try {
      await api(`/notifications/unsubscribe?token=${encodeURIComponent(token)}`, { method: 'POST' });
      button.disabled = true;
      status.replaceChildren(el('p', { class: 'success', role: 'status' }, 'C’est fait. Vous pouvez changer d’avis à tout moment dans « Mes notifications ».'));
    } catch (error) {
      status.replaceChildren(el('p', { class: 'error', role: 'alert' }, error.message));
    }
  } }, 'Confirmer');
  show(el('h1', {}, 'Désabonnement'), el('p', {}, `Vous allez ${data.description}.`), button, status);
}


// Petitions and citizen interpellation.

const PETITION_REASONS = {
  authentication_required: 'Connectez-vous pour signer.',
  petition_not_open: "Cette pétition n'est pas ouverte aux signatures.",
  petition_closed: 'Les signatures de cette pétition sont closes.',
  already_signed: 'Vous avez signé cette pétition.',
};
const STAGE_STATES = { in_progress: 'En cours', reached: 'Atteinte', missed: 'Non atteinte dans le délai' };
const groupings = new Map();

async function territoriesOf(key) {
  if (!groupings.has(key)) groupings.set(key, api(`/territory-groupings/${encodeURIComponent(key)}`).then((r) => r.data));
  return groupings.get(key);
}

async function petitionsPage(status = 'open') {
  const filters = el('div', { class: 'filters', role: 'group', 'aria-label': 'Filtrer les pétitions' },
    [['open', 'Ouvertes aux signatures'], ['answered', 'Avec réponse'], ['closed', 'Closes'], ['inadmissible,forwarded,under_appeal,appeal_rejected', 'Irrecevables ou transmises']].map(([value, label]) =>
      el('button', { type: 'button', 'aria-pressed': String(value === status), onclick: () => petitionsPage(value).catch(failure) }, label)));
  const { data } = await api(`/petitions?status=${status}&sort=-signaturesCount&pageSize=50`);
  document.title = 'Pétitions — Participer';
  show(
    el('h1', {}, 'Pétitions et interpellations'),
    el('p', {}, "Déposez une pétition, signez celles qui vous tiennent à cœur et suivez les réponses du Département. ", session.token ? el('a', { href: '#/deposer-petition' }, 'Déposer une pétition') : el('a', { href: '#/connexion?retour=/deposer-petition' }, 'Connectez-vous pour déposer une pétition')),
    filters,
    data.length ? el('ul', { class: 'cards' }, data.map((p) => el('li', { class: 'card' },
      el('h2', {}, el('a', { href: `#/p/${p.slug}` }, p.title)),
      el('p', {}, el('span', { class: 'status' }, p.statusLabel)),
      el('p', { class: 'meta' }, `${p.signaturesCount} signature${p.signaturesCount > 1 ? 's' : ''}`, p.closesAt && p.status === 'open' ? ` · jusqu'au ${date(p.closesAt)}` : '', p.scheme ? ` · ${p.scheme.name}` : '')))) : el('p', {}, 'Aucune pétition ici pour le moment.'));
}

function stageSection(s) {
  const percent = Math.min(100, Math.round((100 * s.count) / Math.max(1, s.required)));
  return el('li', { class: 'stage' },
    el('h3', {}, s.label, ' ', el('span', { class: 'status' }, STAGE_STATES[s.state])),
    el('label', { for: `etape-${s.key}` }, `${s.count} signature${s.count > 1 ? 's' : ''} sur ${s.required} requises, avant le ${date(s.deadline)}`),
    el('progress', { id: `etape-${s.key}`, max: String(s.required), value: String(Math.min(s.count, s.required)) }, `${percent} %`),
    s.territories ? el('details', {},
      el('summary', {}, `${s.territories.reachedCount} territoire${s.territories.reachedCount > 1 ? 's' : ''} atteint${s.territories.reachedCount > 1 ? 's' : ''} sur ${s.territories.minTerritories} requis`),
      s.territories.reached.length ? el('p', {}, 'Atteints : ', s.territories.reached.map((t) => `${t.name} (${t.count})`).join(', ')) : null,
      s.territories.missing.length ? el('p', {}, 'Restent : ', s.territories.missing.map((t) => `${t.name} (${t.count} sur ${t.required})`).join(', ')) : null) : null,
    s.reachedAt ? el('p', { class: 'meta' }, `Atteinte le ${date(s.reachedAt)}.`) : null);
}

async function petitionPage(slug) {
  const { data: p } = await api(`/petitions/${slug}`);
  document.title = `${p.title} — Pétitions — Participer`;
  const v = p.viewer;
  const action = v.canSign
    ? signatureForm(p)
    : el('div', {},
      el('p', { class: v.hasSigned ? 'success' : 'notice' }, PETITION_REASONS[v.reason] || '', v.reason === 'authentication_required' ? [' ', el('a', { href: `#/connexion?retour=/p/${slug}` }, 'Se connecter')] : []),
      v.canWithdraw ? withdrawButton(p) : null);
  show(
    el('p', {}, el('a', { href: '#/petitions' }, '← Toutes les pétitions')),
    el('h1', {}, p.title),
    el('p', {}, el('span', { class: 'status' }, p.statusLabel), ' ', el('span', { class: 'meta' }, `${p.scheme.name} · déposée par ${p.authorName} le ${date(p.createdAt)}${p.commune ? ` · ${p.commune.name}` : ''}`)),
    ...paragraphs(p.body),
    p.answer ? el('section', { 'aria-labelledby': 'reponse', class: 'answer' }, el('h2', { id: 'reponse' }, `Réponse officielle du ${date(p.answer.answeredAt)}`), ...paragraphs(p.answer.text)) : null,
    p.decision && p.decision.reason ? el('section', { 'aria-labelledby': 'decision' }, el('h2', { id: 'decision' }, 'Décision motivée'), p.decision.forwardedTo ? el('p', {}, `Transmise à : ${p.decision.forwardedTo}`) : null, ...paragraphs(p.decision.reason)) : null,
    p.progress.length ? el('section', { 'aria-labelledby': 'progression' }, el('h2', { id: 'progression' }, `Progression : ${p.signaturesCount} signature${p.signaturesCount > 1 ? 's' : ''}`), el('ol', { class: 'stages' }, p.progress.map(stageSection))) : null,
    el('section', { 'aria-labelledby': 'signer' }, el('h2', { id: 'signer' }, 'Signer'), action),
    v.canAppeal ? appealForm(p) : null,
    el('section', { 'aria-labelledby': 'criteres' }, el('h2', { id: 'criteres' }, 'Règles du dispositif'),
      p.scheme.criteria ? el('p', {}, `Critères de recevabilité : ${p.scheme.criteria}`) : null,
      el('p', {}, `Ouvert aux personnes de ${p.scheme.minimumAge} ans et plus. Les noms des signataires ne sont affichés qu'avec leur accord ; les données des signataires sont effacées ${p.scheme.retentionDays} jours après la clôture.`)),
    el('section', { 'aria-labelledby': 'historique' }, el('h2', { id: 'historique' }, 'Historique'),
      el('ol', {}, p.history.map((h) => el('li', {}, `${date(h.at)} — ${h.label}`, h.reason && h.kind !== 'stage_reached' && h.kind !== 'stage_missed' ? ` : ${h.reason}` : '')))));
}

function signatureForm(p) {
  const status = el('div', { 'aria-live': 'polite' });
  const choices = el('div', {});
  const communes = el('datalist', { id: 'communes-liste' });
  const commune = el('input', { id: 'commune', name: 'commune', list: 'communes-liste', required: true, autocomplete: 'off', 'aria-describedby': 'commune-aide' });
  let search = 0;
  commune.addEventListener('input', async () => {
    const q = commune.value.trim();
    const mine = ++search;
    if (q.length < 2) return;
    const { data } = await api(`/territories?kind=commune&q=${encodeURIComponent(q.replace(/\s*\(\d.*$/, ''))}&pageSize=20`);
    if (mine !== search) return;
    communes.replaceChildren(...data.map((t) => el('option', { value: `${t.name} (${t.inseeCode})` })));
    const code = /\((\d[0-9AB]\d{3})\)$/.exec(commune.value)?.[1];
    choices.replaceChildren();
    if (code && p.scheme.groupingKey) {
      const territories = (await territoriesOf(p.scheme.groupingKey)).filter((t) => t.communes.includes(code));
      if (territories.length > 1) {
        choices.replaceChildren(el('fieldset', {}, el('legend', {}, 'Votre commune relève de plusieurs territoires : lequel est le vôtre ?'),
          territories.map((t, i) => el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'territoryCode', value: t.code, required: true, checked: i === 0 }), t.name))));
      }
    }
  });
  const form = el('form', { novalidate: true },
    el('label', { for: 'commune' }, 'Votre commune'), communes, commune,
    el('p', { id: 'commune-aide', class: 'meta' }, 'Tapez le début du nom, puis choisissez dans la liste. Elle sert à compter les signatures par territoire.'),
    choices,
    el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'confirmsMinimumAge', required: true }), `J'ai ${p.scheme.minimumAge} ans ou plus`),
    el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'showName' }), "J'accepte que mon nom soit affiché dans la liste publique des signataires (sinon, seule ma signature est comptée)"),
    el('button', { type: 'submit', class: 'primary' }, 'Signer la pétition'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const code = /\((\d[0-9AB]\d{3})\)$/.exec(String(values.get('commune') || ''))?.[1];
    if (!code) return status.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'Choisissez votre commune dans la liste.'));
    if (!values.get('confirmsMinimumAge')) return status.replaceChildren(el('p', { class: 'error', role: 'alert' }, `Cochez la case « J'ai ${p.scheme.minimumAge} ans ou plus » pour signer.`));
    try {
      await api(`/petitions/${p.slug}/signatures`, { method: 'POST', body: { communeCode: code, confirmsMinimumAge: true, showName: !!values.get('showName'), ...(values.get('territoryCode') ? { territoryCode: values.get('territoryCode') } : {}) } });
      await petitionPage(p.slug);
      main.prepend(el('p', { class: 'success', role: 'status' }, 'Merci ! Votre signature est enregistrée.'));
    } catch (error) {
      const fields = error.body?.error?.details?.errors?.map((e) => e.message).join(' ') || '';
      status.replaceChildren(el('p', { class: 'error', role: 'alert' }, `${error.message} ${fields}`));
    }
  });
  return form;
}

function withdrawButton(p) {
  return el('button', { type: 'button', onclick: async () => {
    if (!window.confirm('Retirer votre signature de cette pétition ?')) return;
    await api(`/petitions/${p.slug}/signatures`, { method: 'DELETE' }).catch(failure);
    await petitionPage(p.slug);
    main.prepend(el('p', { class: 'success', role: 'status' }, 'Votre signature est retirée.'));
  } }, 'Retirer ma signature');
}

function appealForm(p) {
  const status = el('div', { 'aria-live': 'polite' });
  const form = el('form', { novalidate: true },
    el('label', { for: 'recours' }, 'Motifs de votre recours'), el('textarea', { id: 'recours', name: 'reason', rows: 5, required: true, minlength: 20, maxlength: 5000 }),
    el('button', { type: 'submit', class: 'primary' }, 'Former le recours'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api(`/petitions/${p.slug}/appeal`, { method: 'POST', body: { reason: String(new FormData(form).get('reason') || '') } });
      await petitionPage(p.slug);
      main.prepend(el('p', { class: 'success', role: 'status' }, 'Votre recours gracieux est enregistré ; la décision vous sera envoyée.'));
    } catch (error) {
      const fields = error.body?.error?.details?.errors?.map((e) => e.message).join(' ') || '';
      status.replaceChildren(el('p', { class: 'error', role: 'alert' }, `${error.message} ${fields}`));
    }
  });
  return el('section', { 'aria-labelledby': 'recours-titre' }, el('h2', { id: 'recours-titre' }, 'Former un recours gracieux'), el('p', {}, "Vous pouvez contester la décision d'irrecevabilité dans les deux mois."), form);
}

async function filePetitionPage() {
  if (!session.token) return loginPage('#/deposer-petition');
  const { data: schemes } = await api('/petition-schemes');
  const open = schemes.filter((s) => s.acceptsPetitions);
  const status = el('div', { 'aria-live': 'polite' });
  const form = el('form', { novalidate: true },
    el('fieldset', {}, el('legend', {}, 'Dispositif'), open.map((s, i) => el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'scheme', value: s.slug, checked: i === 0 }), `${s.name} — ${s.stages.map((st) => st.label).join(', ')}`))),
    el('label', { for: 'p-titre' }, 'Titre'), el('input', { id: 'p-titre', name: 'title', required: true, minlength: 10, maxlength: 150 }),
    el('label', { for: 'p-texte' }, 'Votre demande'), el('textarea', { id: 'p-texte', name: 'body', rows: 8, required: true, minlength: 50, maxlength: 10000 }),
    el('fieldset', {}, el('legend', {}, 'Vous déposez'),
      [['citizen', 'en votre nom'], ['association', 'au nom d’une association'], ['collective', 'au nom d’un collectif']].map(([value, label], i) => el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'authorKind', value, checked: i === 0 }), label))),
    el('label', { for: 'p-orga' }, "Nom de l'association ou du collectif (le cas échéant)"), el('input', { id: 'p-orga', name: 'organisationName', maxlength: 120 }),
    el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'confirmsMinimumAge', required: true }), "J'ai l'âge minimum demandé par le dispositif (16 ans)"),
    el('button', { type: 'submit', class: 'primary' }, 'Déposer la pétition'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const v = Object.fromEntries(new FormData(form));
    try {
      const { data } = await api('/petitions', { method: 'POST', body: { scheme: v.scheme, title: v.title, body: v.body, authorKind: v.authorKind, ...(v.organisationName ? { organisationName: v.organisationName } : {}), confirmsMinimumAge: v.confirmsMinimumAge ? true : false } });
      location.hash = `#/p/${data.slug}`;
    } catch (error) {
      const fields = error.body?.error?.details?.errors?.map((e) => e.message).join(' ') || '';
      status.replaceChildren(el('p', { class: 'error', role: 'alert' }, `${error.message} ${fields}`));
    }
  });
  document.title = 'Déposer une pétition — Participer';
  show(el('h1', {}, 'Déposer une pétition'), el('p', {}, "Votre pétition est d'abord examinée au regard des critères de recevabilité publiés ; la décision motivée vous est envoyée, puis les signatures s'ouvrent."), form);
}

// Participatory budgets.

const euros = (n) => `${Number(n).toLocaleString('fr-FR')} €`;

async function budgetsPage() {
  const { data } = await api('/budgets');
  document.title = 'Budgets participatifs — Participer';
  show(
    el('h1', {}, 'Budgets participatifs'),
    el('p', {}, 'Proposez des projets, votez pour ceux que vous voulez voir réalisés, suivez leur réalisation.'),
    data.length ? el('ul', { class: 'cards' }, data.map((b) => el('li', { class: 'card' },
      el('h2', {}, el('a', { href: `#/b/${b.slug}` }, b.name)),
      el('p', {}, el('span', { class: 'status' }, b.stageLabel)),
      el('p', { class: 'meta' }, `Enveloppe : ${euros(b.envelope)} · vote du ${date(b.calendar.voteOpensAt)} au ${date(b.calendar.voteClosesAt)}`)))) : el('p', {}, 'Aucun budget participatif pour le moment.'));
}

async function budgetPage(slug) {
  const [{ data: b }, { data: projects }] = await Promise.all([api(`/budgets/${slug}`), api(`/budgets/${slug}/projects?pageSize=100&sort=${'-votes'}`)]);
  document.title = `${b.name} — Budgets participatifs — Participer`;
  const r = b.rules;
  const results = b.stage === 'results' || b.stage === 'follow_up' ? await api(`/budgets/${slug}/results`).then((x) => x.data).catch(() => null) : null;
  const v = b.viewer;
  const voting = b.stage === 'vote'
    ? (v.canVote ? ballotForm(b, projects.filter((p) => p.status === 'admissible')) : el('p', { class: 'notice' }, 'Connectez-vous pour voter. ', el('a', { href: `#/connexion?retour=/b/${slug}` }, 'Se connecter')))
    : null;
  show(
    el('p', {}, el('a', { href: '#/budgets' }, '← Tous les budgets participatifs')),
    el('h1', {}, b.name),
    el('p', {}, el('span', { class: 'status' }, b.stageLabel)),
    ...paragraphs(b.description),
    el('section', { 'aria-labelledby': 'regles' }, el('h2', { id: 'regles' }, 'Règles'),
      el('ul', {},
        el('li', {}, `Enveloppe : ${euros(r.envelope)} ; projets de ${euros(r.minProjectCost)} à ${euros(r.maxProjectCost)}.`),
        el('li', {}, `Dépôt des projets du ${date(b.calendar.filingOpensAt)} au ${date(b.calendar.filingClosesAt)} ; vote du ${date(b.calendar.voteOpensAt)} au ${date(b.calendar.voteClosesAt)}.`),
        el('li', {}, r.method === 'approval' ? `Chaque votant·e choisit de ${r.minChoices} à ${r.maxChoices} projets.` : `Chaque votant·e compose un panier de projets dans l'enveloppe.`),
        el('li', {}, `Ouvert aux personnes de ${r.minimumAge} ans et plus : ${r.eligibilityLinks.map((l) => l.label.toLowerCase()).join(', ')} (déclaré).`),
        r.blankVoteAllowed ? el('li', {}, 'Le vote blanc est possible.') : null,
        r.oneWinnerPerTerritory ? el('li', {}, 'Chaque territoire a au moins un projet lauréat.') : null,
        el('li', {}, `Départage : ${r.tieBreak}`))),
    b.stage === 'filing' ? el('p', {}, session.token ? 'Le dépôt des projets est ouvert.' : el('a', { href: `#/connexion?retour=/b/${slug}` }, 'Connectez-vous pour déposer un projet')) : null,
    v.ballot ? el('section', { 'aria-labelledby': 'recepisse', class: 'success' }, el('h2', { id: 'recepisse' }, 'Votre vote est enregistré'),
      el('p', {}, `Récépissé : `, el('strong', {}, v.ballot.receipt), ` (le ${date(v.ballot.updatedAt)}). `, v.ballot.blank ? 'Vote blanc.' : `${v.ballot.choices.length} projet(s) choisi(s).`, b.stage === 'vote' ? ' Vous pouvez le modifier jusqu’à la clôture.' : '')) : null,
    voting ? el('section', { 'aria-labelledby': 'voter' }, el('h2', { id: 'voter' }, 'Voter'), voting) : null,
    results ? el('section', { 'aria-labelledby': 'resultats' }, el('h2', { id: 'resultats' }, 'Résultats'),
      el('p', {}, `${results.participants.total} votant·es (${results.participants.web} en ligne, ${results.participants.paper} sur papier, dont ${results.participants.blank} votes blancs). ${euros(results.spent)} engagés sur ${euros(results.envelope)}.`),
      el('ol', {}, results.winners.map((w) => el('li', {}, `${w.title} — ${w.votes} voix — ${euros(w.cost)}`)))) : null,
    el('section', { 'aria-labelledby': 'projets' }, el('h2', { id: 'projets' }, `Projets (${projects.length})`),
      projects.length ? el('ul', { class: 'cards' }, projects.map((p) => el('li', { class: 'card' },
        el('h3', {}, p.title),
        el('p', {}, el('span', { class: 'status' }, p.isWinner ? 'Lauréat' : p.statusLabel), p.followUp?.statusLabel ? ` · ${p.followUp.statusLabel}` : ''),
        el('p', { class: 'meta' }, `${euros(p.cost)} · ${p.commune.name} · proposé par ${p.authorName}`, p.votes ? ` · ${p.votes.total} voix` : ''),
        ...paragraphs(p.description),
        p.decisionReason ? el('p', { class: 'meta' }, `Décision : ${p.decisionReason}`) : null))) : el('p', {}, 'Aucun projet publié pour le moment.')));
}

function ballotForm(b, projects) {
  const r = b.rules;
  const status = el('div', { 'aria-live': 'polite' });
  const chosen = new Set(b.viewer.ballot?.choices ?? []);
  const form = el('form', { novalidate: true },
    el('fieldset', {}, el('legend', {}, r.method === 'approval' ? `Vos projets (de ${r.minChoices} à ${r.maxChoices})` : `Vos projets (dans l'enveloppe de ${euros(r.envelope)})`),
      projects.map((p) => el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'choices', value: p.documentId, checked: chosen.has(p.documentId) }), `${p.title} (${euros(p.cost)}, ${p.commune.name})`))),
    r.blankVoteAllowed ? el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'blank', checked: !!b.viewer.ballot?.blank }), 'Je vote blanc') : null,
    el('fieldset', {}, el('legend', {}, 'Votre déclaration (vérifiable ; un seul vote par personne, en ligne ou sur papier)'),
      el('label', { for: 'v-nom' }, 'Prénom et nom'), el('input', { id: 'v-nom', name: 'fullName', required: true, autocomplete: 'name' }),
      el('label', { for: 'v-naissance' }, 'Date de naissance'), el('input', { id: 'v-naissance', name: 'birthDate', type: 'date', required: true, autocomplete: 'bday' }),
      el('label', { for: 'v-commune' }, 'Code INSEE de votre commune (par exemple 44109 pour Nantes)'), el('input', { id: 'v-commune', name: 'communeCode', required: true, inputmode: 'numeric', pattern: '[0-9AB]{5}' }),
      el('label', { for: 'v-lien' }, 'Votre lien avec le département'), el('select', { id: 'v-lien', name: 'link' }, r.eligibilityLinks.map((l) => el('option', { value: l.link }, l.label)))),
    el('button', { type: 'submit', class: 'primary' }, b.viewer.ballot ? 'Modifier mon vote' : 'Valider mon vote'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const blank = !!values.get('blank');
    try {
      const { data } = await api(`/budgets/${b.slug}/ballot`, { method: 'PUT', body: { blank, choices: blank ? [] : values.getAll('choices'), declaration: { fullName: values.get('fullName'), birthDate: values.get('birthDate'), communeCode: values.get('communeCode'), link: values.get('link') } } });
      await budgetPage(b.slug);
      main.prepend(el('p', { class: 'success', role: 'status' }, `Merci ! Votre vote est enregistré. Récépissé : ${data.receipt}.`));
    } catch (error) {
      const fields = error.body?.error?.details?.errors?.map((e) => e.message).join(' ') || '';
      status.replaceChildren(el('p', { class: 'error', role: 'alert' }, `${error.message} ${fields}`));
    }
  });
  return form;
}

function renderAccount() {
  const slot = document.getElementById('compte');
  slot.replaceChildren(session.token
    ? el('button', { type: 'button', onclick: () => { session.clear(); renderAccount(); route(); } }, `Se déconnecter (${session.name})`)
    : el('a', { href: '#/connexion' }, 'Se connecter'));
}

function route() {
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const match = /^\/c\/([a-z0-9-]+)$/.exec(path || '');
  const petition = /^\/p\/([a-z0-9-]+)$/.exec(path || '');
  const budget = /^\/b\/([a-z0-9-]+)$/.exec(path || '');
  const page = match
    ? consultationPage(match[1])
    : petition
    ? petitionPage(petition[1])
    : budget
    ? budgetPage(budget[1])
    : path === '/budgets'
    ? budgetsPage()
    : path === '/petitions'
    ? petitionsPage()
    : path === '/deposer-petition'
    ? filePetitionPage()
    : path === '/connexion'
      ? loginPage(params.get('retour') ? `#${params.get('retour')}` : '#/')
      : path === '/mes-contributions'
        ? minePage()
        : path === '/notifications'
          ? notificationsPage()
          : path === '/desabonnement'
            ? unsubscribePage(params.get('jeton'))
            : listPage();
  Promise.resolve(page).catch(failure);
}

window.addEventListener('hashchange', route);
renderAccount();
route();
