/** Participatory budgets: the list, a budget with its rules, projects, filing, the one-go ballot and the results. */
import { api, ok, type Schemas } from '../api/client';
import { commentForm, commentList, type CommentTarget } from '../comments';
import { communePicker, upcomingMeetings } from '../components';
import { date, el, euros, paragraphs, plural } from '../dom';
import { session } from '../session';
import { flash, navigate, onSubmit, signInOrUp, statusRegion, text, type Params, type View } from '../shell';

type Budget = Schemas['BudgetDetail'];
type Project = Schemas['BudgetProject'];

export async function budgetsView(): Promise<View> {
  const { data } = await ok(api.GET('/budgets'));
  return {
    title: 'Budgets participatifs',
    content: [
      el('h1', {}, 'Budgets participatifs'),
      el('p', {}, 'Proposez des projets, votez pour ceux que vous voulez voir réalisés, suivez leur réalisation.'),
      data.length
        ? el(
            'ul',
            { class: 'cards' },
            data.map((b) =>
              el(
                'li',
                { class: 'card' },
                el('h2', {}, el('a', { href: `#/b/${b.slug}` }, b.name)),
                el('p', {}, el('span', { class: 'status' }, b.stageLabel)),
                el('p', { class: 'meta' }, `Enveloppe : ${euros(b.envelope)} · vote du ${date(b.calendar.voteOpensAt)} au ${date(b.calendar.voteClosesAt)}`)
              )
            )
          )
        : el('p', {}, 'Aucun budget participatif pour le moment.'),
    ],
  };
}

const projectCard = (p: Project) =>
  el(
    'li',
    { class: 'card' },
    el('h3', {}, el('a', { href: `#/projets/${p.documentId}` }, p.title)),
    el('p', {}, el('span', { class: 'status' }, p.isWinner ? 'Lauréat' : p.statusLabel), p.followUp?.statusLabel ? ` · ${p.followUp.statusLabel}` : ''),
    el(
      'p',
      { class: 'meta' },
      `${euros(p.cost)} · ${p.commune.name} · proposé par ${p.authorName}`,
      p.votes ? ` · ${plural(p.votes.total, 'voix', 'voix')}` : ''
    ),
    paragraphs(p.description),
    p.followUp?.milestones.length
      ? el(
          'ol',
          { class: 'updates' },
          p.followUp.milestones.map((m) => el('li', {}, `${date(m.date)} — ${m.label}${m.done ? ' (fait)' : ''}`))
        )
      : null,
    p.decisionReason ? el('p', { class: 'meta' }, `Décision : ${p.decisionReason}`) : null
  );

export async function budgetView({ path: [slug], query }: Params): Promise<View> {
  // The projects filtered by words and by place (in the address, to be shared); the ballot always offers them all.
  const q = (query.get('q') ?? '').trim().slice(0, 100);
  const place = /^\d[0-9AB]\d{3}$/.test(query.get('commune') ?? '') ? query.get('commune')! : '';
  const filtered = !!q || !!place;
  const [{ data: b }, { data: projects }, shown] = await Promise.all([
    ok(api.GET('/budgets/{slug}', { params: { path: { slug } } })),
    ok(api.GET('/budgets/{slug}/projects', { params: { path: { slug }, query: { pageSize: '100' } } })),
    filtered
      ? ok(
          api.GET('/budgets/{slug}/projects', {
            params: { path: { slug }, query: { pageSize: '100', ...(q ? { q } : {}), ...(place ? { territory: place } : {}) } },
          })
        ).then((x) => x.data)
      : null,
  ]);
  const placePicker = communePicker({
    id: 'projets-commune',
    name: 'commune',
    label: 'Commune',
    initial: place ? { code: place, name: query.get('nom') ?? place } : null,
  });
  const search = el(
    'form',
    { role: 'search', class: 'filters-form', 'aria-label': 'Chercher un projet' },
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'projets-q' }, 'Mots-clés'),
      el('input', { id: 'projets-q', name: 'q', type: 'search', value: q, maxlength: 100 })
    ),
    placePicker.field,
    el('button', { type: 'submit' }, 'Chercher')
  );
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    const typed = String(new FormData(search).get('q') ?? '').trim();
    if (typed) params.set('q', typed);
    const chosen = placePicker.commune();
    if (chosen) {
      params.set('commune', chosen.code);
      params.set('nom', chosen.name);
    }
    location.hash = `#/b/${slug}${params.size ? `?${params}` : ''}`;
  });
  const listed = shown ?? projects;
  const r = b.rules;
  const results =
    b.stage === 'results' || b.stage === 'follow_up'
      ? await ok(api.GET('/budgets/{slug}/results', { params: { path: { slug } } }))
          .then((x) => x.data)
          .catch(() => null)
      : null;
  const meetings = await upcomingMeetings({ budget: b.documentId });
  const v = b.viewer;
  const voting =
    b.stage === 'vote'
      ? v.canVote
        ? ballotForm(
            b,
            projects.filter((p) => p.status === 'admissible')
          )
        : el('p', { class: 'notice' }, 'Pour voter : ', signInOrUp(), '.')
      : null;
  return {
    title: `${b.name} — Budgets participatifs`,
    content: [
      el('p', {}, el('a', { href: '#/budgets' }, '← Tous les budgets participatifs')),
      el('h1', {}, b.name),
      el('p', {}, el('span', { class: 'status' }, b.stageLabel)),
      paragraphs(b.description),
      el(
        'section',
        { 'aria-labelledby': 'regles' },
        el('h2', { id: 'regles' }, 'Règles'),
        el(
          'ul',
          {},
          el('li', {}, `Enveloppe : ${euros(r.envelope)} ; projets de ${euros(r.minProjectCost)} à ${euros(r.maxProjectCost)}.`),
          el(
            'li',
            {},
            `Dépôt des projets du ${date(b.calendar.filingOpensAt)} au ${date(b.calendar.filingClosesAt)} ; vote du ${date(b.calendar.voteOpensAt)} au ${date(b.calendar.voteClosesAt)}.`
          ),
          el(
            'li',
            {},
            r.method === 'approval'
              ? `Chaque votant·e choisit de ${r.minChoices} à ${r.maxChoices} projets.`
              : 'Chaque votant·e compose un panier de projets dans l’enveloppe.'
          ),
          el('li', {}, `Ouvert aux personnes de ${r.minimumAge} ans et plus : ${r.eligibilityLinks.map((l) => l.label.toLowerCase()).join(', ')} (déclaré).`),
          r.blankVoteAllowed ? el('li', {}, 'Le vote blanc est possible.') : null,
          r.oneWinnerPerTerritory ? el('li', {}, 'Chaque territoire a au moins un projet lauréat.') : null,
          el('li', {}, `Départage : ${r.tieBreak}`)
        )
      ),
      meetings,
      b.stage === 'filing'
        ? el(
            'section',
            { 'aria-labelledby': 'deposer' },
            el('h2', { id: 'deposer' }, 'Déposer un projet'),
            v.canFile
              ? projectForm(b)
              : el('p', { class: 'notice' }, session.signedIn ? 'Le dépôt ne vous est pas ouvert.' : ['Pour déposer un projet : ', signInOrUp(), '.'])
          )
        : null,
      v.ballot
        ? el(
            'section',
            { 'aria-labelledby': 'recepisse', class: 'success' },
            el('h2', { id: 'recepisse' }, 'Votre vote est enregistré'),
            el(
              'p',
              {},
              'Récépissé : ',
              el('strong', {}, v.ballot.receipt),
              ` (le ${date(v.ballot.updatedAt)}). `,
              v.ballot.blank ? 'Vote blanc.' : `${plural(v.ballot.choices.length, 'projet choisi', 'projets choisis')} :`,
              b.stage === 'vote' ? ' vous pouvez le modifier jusqu’à la clôture.' : ''
            ),
            v.ballot.blank
              ? null
              : el(
                  'ul',
                  {},
                  v.ballot.choices
                    .map((id) => projects.find((p) => p.documentId === id))
                    .filter((p): p is Project => !!p)
                    .map((p) => el('li', {}, `${p.title} (${euros(p.cost)}, ${p.commune.name})`))
                )
          )
        : null,
      voting ? el('section', { 'aria-labelledby': 'voter' }, el('h2', { id: 'voter' }, 'Voter'), voting) : null,
      results
        ? el(
            'section',
            { 'aria-labelledby': 'resultats' },
            el('h2', { id: 'resultats' }, 'Résultats'),
            el(
              'p',
              {},
              `${plural(results.participants.total, 'votant·e', 'votant·es')} (${results.participants.web} en ligne, ${results.participants.paper} sur papier, dont ${plural(results.participants.blank, 'vote blanc', 'votes blancs')}). ${euros(results.spent)} engagés sur ${euros(results.envelope)}.`
            ),
            el(
              'ol',
              {},
              results.winners.map((w) => el('li', {}, `${w.title} — ${plural(w.votes, 'voix', 'voix')} — ${euros(w.cost)}`))
            ),
            el('p', {}, el('a', { href: `/api/participation/budgets/${b.slug}/open-data.csv` }, 'Les votes par projet, en données ouvertes (CSV)'))
          )
        : null,
      el(
        'section',
        { 'aria-labelledby': 'projets' },
        el('h2', { id: 'projets' }, `Projets (${projects.length})`),
        projects.length > 3 || filtered ? search : null,
        filtered
          ? el(
              'p',
              { class: 'results-count', role: 'status' },
              plural(listed.length, 'projet trouvé', 'projets trouvés'),
              ' · ',
              el('a', { href: `#/b/${slug}` }, 'Voir tous les projets')
            )
          : null,
        listed.length
          ? el('ul', { class: 'cards' }, listed.map(projectCard))
          : el('p', {}, filtered ? 'Aucun projet ne correspond à cette recherche.' : 'Aucun projet publié pour le moment.')
      ),
    ],
  };
}

function projectForm(b: Budget) {
  const status = statusRegion();
  const commune = communePicker({ id: 'projet-commune', name: 'communeCode', label: 'Commune où le projet serait réalisé', required: true });
  const form = el(
    'form',
    { class: 'stack', novalidate: true },
    el('label', { for: 'projet-titre' }, 'Titre du projet'),
    el('input', { id: 'projet-titre', name: 'title', required: true, minlength: 5, maxlength: 150 }),
    el('label', { for: 'projet-description' }, 'Description'),
    el('textarea', { id: 'projet-description', name: 'description', rows: 6, required: true, minlength: 50, maxlength: 5000 }),
    el('label', { for: 'projet-cout' }, `Coût estimé en euros (de ${euros(b.rules.minProjectCost)} à ${euros(b.rules.maxProjectCost)})`),
    el('input', {
      id: 'projet-cout',
      name: 'estimatedCost',
      type: 'number',
      inputmode: 'numeric',
      min: b.rules.minProjectCost,
      max: b.rules.maxProjectCost,
      step: 1,
      required: true,
    }),
    commune.field,
    el('button', { type: 'submit', class: 'primary' }, 'Déposer le projet'),
    status
  );
  onSubmit(form, status, async (values) => {
    const communeCode = commune.commune()?.code;
    if (!communeCode) throw new Error('Choisissez la commune dans la liste.');
    await ok(
      api.POST('/budgets/{slug}/projects', {
        params: { path: { slug: b.slug } },
        body: { title: text(values, 'title'), description: text(values, 'description'), estimatedCost: Number(text(values, 'estimatedCost')), communeCode },
      })
    );
    form.reset();
    return 'Merci ! Votre projet est déposé ; il sera publié après vérification par le service.';
  });
  return form;
}

function ballotForm(b: Budget, projects: Project[]) {
  const r = b.rules;
  const status = statusRegion();
  const chosen = new Set(b.viewer.ballot?.choices ?? []);
  const changing = !!b.viewer.ballot;
  const commune = communePicker({ id: 'v-commune', name: 'communeCode', label: 'Votre commune', required: !changing });
  // The running count, as in a polling booth: how many projects and how much, against the rules.
  const tally = el('p', { class: 'tally', role: 'status' });
  const declarationFields = el(
    'fieldset',
    {},
    el('legend', {}, 'Votre déclaration (vérifiable ; un seul vote par personne, en ligne ou sur papier)'),
    el('label', { for: 'v-nom' }, 'Prénom et nom'),
    el('input', { id: 'v-nom', name: 'fullName', required: !changing, autocomplete: 'name' }),
    el('label', { for: 'v-naissance' }, 'Date de naissance'),
    el('input', { id: 'v-naissance', name: 'birthDate', type: 'date', required: !changing, autocomplete: 'bday' }),
    commune.field,
    el('label', { for: 'v-lien' }, 'Votre lien avec le département'),
    el(
      'select',
      { id: 'v-lien', name: 'link' },
      r.eligibilityLinks.map((l) => el('option', { value: l.link }, l.label))
    )
  );
  const form = el(
    'form',
    { class: 'stack', novalidate: true },
    el(
      'fieldset',
      {},
      el(
        'legend',
        {},
        r.method === 'approval' ? `Vos projets (de ${r.minChoices} à ${r.maxChoices})` : `Vos projets (dans l’enveloppe de ${euros(r.envelope)})`
      ),
      projects.map((p) =>
        el(
          'label',
          { class: 'choice' },
          el('input', { type: 'checkbox', name: 'choices', value: p.documentId, checked: chosen.has(p.documentId) }),
          `${p.title} (${euros(p.cost)}, ${p.commune.name})`
        )
      )
    ),
    tally,
    r.blankVoteAllowed
      ? el('label', { class: 'choice' }, el('input', { type: 'checkbox', name: 'blank', checked: !!b.viewer.ballot?.blank }), 'Je vote blanc')
      : null,
    // A changed vote keeps the first one's declaration: it is asked again only if the voter wants to correct it.
    changing
      ? el('details', {}, el('summary', {}, 'Corriger ma déclaration (facultatif : celle de votre premier vote reste valable)'), declarationFields)
      : declarationFields,
    el('button', { type: 'submit', class: 'primary' }, changing ? 'Modifier mon vote' : 'Valider mon vote'),
    status
  );
  const count = () => {
    const ids = new Set(Array.from(form.querySelectorAll<HTMLInputElement>('input[name="choices"]:checked')).map((i) => i.value));
    const picked = projects.filter((p) => ids.has(p.documentId));
    const amount = picked.reduce((sum, p) => sum + p.cost, 0);
    const n = picked.length;
    const rule =
      r.method === 'approval'
        ? n < r.minChoices
          ? ` : encore ${plural(r.minChoices - n, 'projet')} au moins.`
          : n > r.maxChoices
            ? ` : ${plural(n - r.maxChoices, 'projet')} de trop.`
            : ' : votre choix est valable.'
        : amount > r.envelope
          ? ` : ${euros(amount - r.envelope)} au-delà de l’enveloppe.`
          : ` : il reste ${euros(r.envelope - amount)} dans l’enveloppe.`;
    tally.textContent = `${plural(n, 'projet choisi', 'projets choisis')}, ${euros(amount)}${rule}`;
    tally.className = `tally ${(r.method === 'approval' ? n >= r.minChoices && n <= r.maxChoices : amount <= r.envelope && n > 0) ? 'ok' : 'warn'}`;
  };
  form.addEventListener('change', count);
  count();
  onSubmit(form, status, async (values) => {
    const blank = !!values.get('blank');
    const fullName = text(values, 'fullName');
    const declare = !changing || fullName !== '';
    const communeCode = commune.commune()?.code;
    if (declare && !communeCode) throw new Error('Choisissez votre commune dans la liste.');
    const link = r.eligibilityLinks.find((l) => l.link === values.get('link'))?.link ?? r.eligibilityLinks[0].link;
    const declaration = declare && communeCode ? { declaration: { fullName, birthDate: text(values, 'birthDate'), communeCode, link } } : {};
    const { data } = await ok(
      api.PUT('/budgets/{slug}/ballot', {
        params: { path: { slug: b.slug } },
        body: { blank, choices: blank ? [] : values.getAll('choices').map(String), ...declaration },
      })
    );
    flash(`Merci ! Votre vote est enregistré. Récépissé : ${data.receipt}.`);
    navigate(location.hash);
  });
  return form;
}

/** #/projets/<id> — one project with everything known of it: cost, place, author, decision, follow-up. */
export async function projectView({ path: [id] }: Params): Promise<View> {
  const [{ data: p }, comments] = await Promise.all([
    ok(api.GET('/budget-projects/{id}', { params: { path: { id } } })),
    ok(api.GET('/budget-projects/{id}/comments', { params: { path: { id }, query: { pageSize: '100' } } })).catch(() => ({
      data: [] as Schemas['CommentNode'][],
    })),
  ]);
  return {
    title: `${p.title} — ${p.budget.name}`,
    content: [
      el('p', {}, el('a', { href: `#/b/${p.budget.slug}` }, `← ${p.budget.name}`)),
      el('h1', {}, p.title),
      el('p', {}, el('span', { class: 'status' }, p.isWinner ? 'Lauréat' : p.statusLabel), p.followUp?.statusLabel ? ` · ${p.followUp.statusLabel}` : ''),
      el(
        'dl',
        { class: 'key-figures' },
        el('div', {}, el('dt', {}, 'Coût'), el('dd', {}, euros(p.cost))),
        el('div', {}, el('dt', {}, 'Commune'), el('dd', {}, p.commune.name)),
        p.votes ? el('div', {}, el('dt', {}, 'Voix'), el('dd', {}, p.votes.total.toLocaleString('fr-FR'))) : null
      ),
      el(
        'p',
        { class: 'meta' },
        `Proposé par ${p.authorName}${p.coAuthors?.length ? ` avec ${p.coAuthors.join(', ')}` : ''}, le ${date(p.createdAt)}${p.channel === 'paper' ? ' (sur papier)' : ''}.`
      ),
      paragraphs(p.description),
      p.decisionReason ? el('section', { 'aria-labelledby': 'decision' }, el('h2', { id: 'decision' }, 'Décision'), paragraphs(p.decisionReason)) : null,
      p.followUp?.milestones.length
        ? el(
            'section',
            { 'aria-labelledby': 'suivi' },
            el('h2', { id: 'suivi' }, 'Réalisation'),
            el(
              'ol',
              { class: 'updates' },
              p.followUp.milestones.map((m) => el('li', {}, `${date(m.date)} — ${m.label}${m.done ? ' (fait)' : ''}`))
            )
          )
        : null,
      el('p', {}, el('a', { href: `#/b/${p.budget.slug}` }, 'Voir tous les projets et voter')),
      p.comments.mode === 'closed' ? null : projectComments(p, comments.data),
    ],
  };
}

const COMMENTS_CLOSED: Record<string, string> = {
  project_comments_disabled: 'Ce budget participatif n’accepte pas de commentaires sur ses projets.',
  project_comments_closed: 'Les commentaires sur ce projet sont clos.',
};

/** A project's comments, when its budget takes them: the threads, and the form while they are open. */
function projectComments(p: Schemas['BudgetProjectDetail'], comments: Schemas['CommentNode'][]) {
  const canComment = p.comments.open && session.signedIn;
  const target: CommentTarget = {
    send: async (body, parent) =>
      (await ok(api.POST('/budget-projects/{id}/comments', { params: { path: { id: p.documentId } }, body: { body, ...(parent ? { parent } : {}) } }))).data,
  };
  return el(
    'section',
    { 'aria-labelledby': 'commentaires' },
    el('h2', { id: 'commentaires' }, plural(p.commentsCount, 'commentaire')),
    p.comments.mode === 'a_priori' && p.comments.open ? el('p', { class: 'hint' }, 'Les commentaires sont publiés après modération.') : null,
    comments.length ? commentList(target, comments, canComment) : el('p', {}, 'Pas encore de commentaire.'),
    canComment
      ? commentForm(target, null)
      : !p.comments.open
        ? el('p', { class: 'notice' }, COMMENTS_CLOSED[p.comments.reason ?? 'project_comments_closed'])
        : el('p', { class: 'notice' }, 'Pour commenter : ', signInOrUp(), '.')
  );
}
