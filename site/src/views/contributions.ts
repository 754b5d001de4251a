/** Contributions: a card, one contribution with its comments, the visitor's own contributions and their edit. */
import { api, ok, type Schemas } from '../api/client';
import { commentForm, commentList, type CommentTarget } from '../comments';
import { communePicker, followButton, reportControl, supportButton } from '../components';
import { announce, date, el, paragraphs, plural, type Child } from '../dom';
import { session } from '../session';
import { flash, navigate, onSubmit, signInOrUp, statusRegion, text, type Params, type View } from '../shell';

type Contribution = Schemas['Contribution'];
type Comment = Schemas['CommentNode'];

export const ANSWERS: Record<NonNullable<Contribution['officialAnswer']>['status'], string> = {
  retained: 'Retenue',
  under_study: 'À l’étude',
  not_retained: 'Non retenue',
  already_done: 'Déjà réalisée',
};
const COMMENT_STATES = { pending: 'En attente de modération', published: 'Publié', hidden: 'Masqué', rejected: 'Refusé' } as const;

export const MODERATION: Record<NonNullable<Contribution['moderation']>['status'], string> = {
  pending: 'En attente de modération',
  published: 'Publiée',
  rejected: 'Refusée',
  hidden: 'Masquée',
};
/** Why the visitor cannot do something, as the API says it (`viewer.reason`). */
export const REASONS: Record<string, string> = {
  consultation_not_open: 'La consultation n’est pas encore ouverte.',
  consultation_closed: 'La consultation est close.',
  contributions_disabled: 'Cette consultation n’accepte pas de contributions.',
  supports_disabled: 'Cette consultation n’accepte pas de soutiens.',
  comments_disabled: 'Cette consultation n’accepte pas de commentaires.',
  phase_does_not_allow: 'La phase en cours ne le permet pas.',
  authentication_required: 'Connectez-vous pour participer.',
  own_contribution: 'C’est votre contribution.',
  contribution_not_published: 'Cette contribution n’est pas encore publiée.',
  results_published: 'Les résultats de la consultation sont publiés.',
};
const CHANNELS: Record<Contribution['channel'], string | null> = {
  web: null,
  paper: 'reçue sur papier',
  mail: 'reçue par courrier',
  email: 'reçue par courriel',
  meeting: 'recueillie en réunion publique',
};

const answerBox = (answer: Contribution['officialAnswer']) =>
  answer
    ? el(
        'div',
        { class: 'answer' },
        el('p', {}, el('strong', {}, `Réponse du Département : ${ANSWERS[answer.status]}`), answer.answeredAt ? ` (le ${date(answer.answeredAt)})` : ''),
        paragraphs(answer.text)
      )
    : null;

/** Its figures on the platform it was imported from, said as such (« 42 soutiens sur Decidim »). */
const importedFigures = (figures: NonNullable<Contribution['origin']>['figures']) =>
  [
    figures.supports !== null ? `${figures.supports} soutien${figures.supports > 1 ? 's' : ''}` : null,
    figures.endorsements ? `${figures.endorsements} adhésion${figures.endorsements > 1 ? 's' : ''}` : null,
  ]
    .filter(Boolean)
    .join(', ');

/**
 * Who, where, when and how; said at a public meeting, the provenance links to the meeting's page; imported from
 * Decidim, it says so, links to where it was, and gives its figures there.
 */
const byline = (c: Contribution) =>
  el(
    'p',
    { class: 'meta' },
    [c.author.displayName, c.territory?.name, date(c.createdAt), c.meeting || c.origin ? null : CHANNELS[c.channel]].filter(Boolean).join(' · '),
    c.meeting ? [' · ', el('a', { href: `#/reunions/${c.meeting.documentId}` }, `Dite en ${c.meeting.provenance.replace(/^Réunion/, 'réunion')}`)] : null,
    c.origin
      ? [
          ' · ',
          c.origin.url ? el('a', { href: c.origin.url, rel: 'noopener' }, 'Importée de Decidim') : 'Importée de Decidim',
          importedFigures(c.origin.figures) ? ` (${importedFigures(c.origin.figures)} sur Decidim)` : '',
        ]
      : null
  );

/**
 * A contribution in a list. The reason a visitor cannot support is said once above the list when it is the same
 * for all (not signed in, consultation closed), so a card only says its own (« C'est votre contribution »).
 */
export function contributionCard(c: Contribution, level: 'h3' | 'h2' = 'h3') {
  const ownReason = c.viewer.reason && ['own_contribution', 'contribution_not_published'].includes(c.viewer.reason) ? REASONS[c.viewer.reason] : null;
  return el(
    'li',
    { class: 'card' },
    el(level, {}, el('a', { href: `#/contributions/${c.documentId}` }, c.title)),
    byline(c),
    paragraphs(c.body.length > 400 ? `${c.body.slice(0, 400).trimEnd()}…` : c.body),
    answerBox(c.officialAnswer),
    el(
      'div',
      { class: 'actions' },
      supportButton(c),
      ' ',
      el(
        'a',
        { href: `#/contributions/${c.documentId}` },
        `${plural(c.counts.comments, 'commentaire')}`,
        el('span', { class: 'visually-hidden' }, ` sur « ${c.title} »`)
      )
    ),
    ownReason ? el('p', { class: 'hint' }, ownReason) : null
  );
}

export async function contributionView({ path: [id] }: Params): Promise<View> {
  const [{ data: c }, comments] = await Promise.all([
    ok(api.GET('/contributions/{id}', { params: { path: { id } } })),
    ok(api.GET('/contributions/{id}/comments', { params: { path: { id }, query: { pageSize: '100' } } })).catch(() => ({ data: [] as Comment[] })),
  ]);
  const reason = !c.viewer.canComment && c.viewer.reason ? REASONS[c.viewer.reason] : null;
  const target: CommentTarget = {
    send: async (body, parent) =>
      (await ok(api.POST('/contributions/{id}/comments', { params: { path: { id: c.documentId } }, body: { body, ...(parent ? { parent } : {}) } }))).data,
  };
  return {
    title: c.title,
    content: [
      c.consultation ? el('p', {}, el('a', { href: `#/c/${c.consultation.slug}` }, `← ${c.consultation.title}`)) : null,
      c.moderation && c.moderation.status !== 'published' ? el('p', {}, el('span', { class: 'status' }, MODERATION[c.moderation.status])) : null,
      el('h1', {}, c.title),
      byline(c),
      paragraphs(c.body),
      c.moderation?.reason ? el('p', { class: 'notice' }, `Motif : ${c.moderation.reason}`) : null,
      answerBox(c.officialAnswer),
      el('div', { class: 'actions' }, supportButton(c), reportControl({ kind: 'contribution', id: c.documentId }, c.viewer)),
      session.signedIn ? followButton({ kind: 'contribution', id: c.documentId }, !!c.viewer.isFollowing) : null,
      el(
        'section',
        { 'aria-labelledby': 'commentaires' },
        el('h2', { id: 'commentaires' }, plural(c.counts.comments, 'commentaire')),
        comments.data.length ? commentList(target, comments.data, c.viewer.canComment) : el('p', {}, 'Pas encore de commentaire.'),
        c.viewer.canComment
          ? commentForm(target, null)
          : !session.signedIn
            ? el('p', { class: 'notice' }, 'Pour commenter : ', signInOrUp(), '.')
            : reason
              ? el('p', { class: 'notice' }, reason)
              : null
      ),
    ],
  };
}

/** The next page of a consultation's contributions, by cursor, appended to the list; focus goes to the first new one. */
/** What a citizen may filter contributions by: the commune they are about, and those with an official answer. */
export type ContributionFilters = { territory?: string; answered?: 'true' };

export function contributionsList(
  slug: string,
  sort: '-createdAt' | '-supportsCount' | 'random',
  first: { data: Contribution[]; meta: { nextCursor: string | null; pagination: { total: number } } },
  filters: ContributionFilters = {}
) {
  const list = el(
    'ul',
    { class: 'cards' },
    first.data.map((c) => contributionCard(c))
  );
  let cursor = first.data.length < first.meta.pagination.total ? first.meta.nextCursor : null;
  const more = el('button', { type: 'button', hidden: !cursor }, 'Afficher plus de contributions');
  more.addEventListener('click', async () => {
    if (!cursor) return;
    more.disabled = true;
    const next = await ok(api.GET('/consultations/{slug}/contributions', { params: { path: { slug }, query: { sort, cursor, pageSize: '10', ...filters } } }));
    const cards = next.data.map((c) => contributionCard(c));
    list.append(...cards);
    // The end of the list: no cursor, or every contribution counted is shown.
    cursor = list.children.length < next.meta.pagination.total ? next.meta.nextCursor : null;
    more.disabled = false;
    more.hidden = !cursor;
    cards[0]?.querySelector('a')?.focus();
    announce(`${plural(next.data.length, 'contribution')} de plus.`);
  });
  return el('div', {}, first.data.length ? list : el('p', {}, 'Pas encore de contribution publiée.'), more);
}

/** The form to contribute to a consultation, with the commune the contribution is about. */
export function contributionForm(slug: string, moderated: boolean): HTMLElement {
  const status = statusRegion();
  const commune = communePicker({ id: 'commune', name: 'territory', label: 'Commune concernée' });
  const form = el(
    'form',
    { novalidate: true, class: 'stack' },
    el('label', { for: 'titre' }, 'Titre'),
    el('input', { id: 'titre', name: 'title', required: true, minlength: 3, maxlength: 140, autocomplete: 'off' }),
    el('label', { for: 'texte' }, 'Votre contribution'),
    el('textarea', { id: 'texte', name: 'body', rows: 6, required: true, minlength: 10, maxlength: 5000, 'aria-describedby': 'texte-aide' }),
    el(
      'p',
      { id: 'texte-aide', class: 'hint' },
      'De 10 à 5 000 caractères. N’y mettez pas d’informations personnelles (adresse, téléphone). ',
      moderated ? 'Elle sera publiée après modération, selon la ' : 'Elle est publiée aussitôt, dans le respect de la ',
      el('a', { href: '#/pages/charte-de-participation' }, 'charte de participation'),
      '.'
    ),
    commune.field,
    el(
      'div',
      { class: 'visually-hidden', 'aria-hidden': 'true' },
      el('label', { for: 'site-web' }, 'Ne pas remplir'),
      el('input', { id: 'site-web', name: 'website', tabindex: '-1', autocomplete: 'off' })
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Envoyer ma contribution'),
    status
  );
  onSubmit(form, status, async (values) => {
    const territory = commune.commune()?.code ?? null;
    if (commune.input.value.trim() && !territory) throw new Error('Choisissez la commune dans la liste, ou laissez le champ vide.');
    const website = text(values, 'website');
    const { data } = await ok(
      api.POST('/consultations/{slug}/contributions', {
        params: { path: { slug } },
        body: { title: text(values, 'title'), body: text(values, 'body'), territory, ...(website ? { website } : {}) },
      })
    );
    form.reset();
    return data.moderation?.status === 'pending'
      ? ['Merci ! Votre contribution sera publiée après modération. ', el('a', { href: '#/mes-contributions' }, 'Suivre mes contributions')]
      : ['Merci ! Votre contribution est publiée. ', el('a', { href: `#/contributions/${data.documentId}` }, 'La voir')];
  });
  return form;
}

export async function myContributionsView(): Promise<View> {
  if (!session.signedIn) return signInRequired('Mes contributions');
  const [{ data }, comments, supports] = await Promise.all([
    ok(api.GET('/me/contributions', { params: { query: { pageSize: '100' } } })),
    ok(api.GET('/me/comments', { params: { query: { pageSize: '100' } } })),
    ok(api.GET('/me/supports', { params: { query: { pageSize: '100' } } })),
  ]);
  const projectLink = (p: { documentId: string; title: string | null; budget: { name: string } }) =>
    p.title ? [el('a', { href: `#/projets/${p.documentId}` }, `le projet « ${p.title} »`), ` (${p.budget.name})`] : 'un projet qui n’est plus public';
  const contributionLink = (c: { documentId: string; title: string | null }) =>
    c.title ? el('a', { href: `#/contributions/${c.documentId}` }, c.title) : 'une contribution qui n’est plus publique';
  return {
    title: 'Mes contributions',
    content: [
      el('h1', {}, 'Mes contributions'),
      data.length
        ? el(
            'ul',
            { class: 'cards' },
            data.map((c) =>
              el(
                'li',
                { class: 'card' },
                c.moderation ? el('span', { class: 'status' }, MODERATION[c.moderation.status]) : null,
                el('h2', {}, c.moderation?.status === 'published' ? el('a', { href: `#/contributions/${c.documentId}` }, c.title) : c.title),
                c.consultation?.slug
                  ? el('p', { class: 'meta' }, 'Consultation : ', el('a', { href: `#/c/${c.consultation.slug}` }, c.consultation.title ?? ''))
                  : null,
                el(
                  'p',
                  { class: 'meta' },
                  `Envoyée le ${date(c.createdAt)} · ${plural(c.counts.supports, 'soutien')} · ${plural(c.counts.comments, 'commentaire')}`
                ),
                c.moderation?.reason ? el('p', { class: 'notice' }, `Motif de la modération : ${c.moderation.reason}`) : null,
                answerBox(c.officialAnswer),
                c.viewer.canEdit
                  ? el(
                      'p',
                      {},
                      el('a', { href: `#/mes-contributions/${c.documentId}/modifier` }, 'Modifier', el('span', { class: 'visually-hidden' }, ` « ${c.title} »`))
                    )
                  : null
              )
            )
          )
        : el('p', {}, 'Vous n’avez pas encore contribué. ', el('a', { href: '#/consultations' }, 'Voir les consultations en cours')),
      el('h2', { id: 'mes-commentaires' }, `Mes commentaires (${comments.meta.pagination.total})`),
      comments.data.length
        ? el(
            'ul',
            { class: 'cards' },
            comments.data.map((m) =>
              el(
                'li',
                { class: 'card' },
                el('span', { class: 'status' }, COMMENT_STATES[m.status]),
                el('p', {}, m.body),
                el(
                  'p',
                  { class: 'meta' },
                  `Le ${date(m.createdAt)}, sur `,
                  m.project ? projectLink(m.project) : m.contribution ? contributionLink(m.contribution) : 'une page qui n’est plus publique'
                ),
                m.moderationReason ? el('p', { class: 'notice' }, `Motif de la modération : ${m.moderationReason}`) : null
              )
            )
          )
        : el('p', {}, 'Vous n’avez pas encore commenté.'),
      el('h2', { id: 'mes-soutiens' }, `Mes soutiens (${supports.meta.pagination.total})`),
      supports.data.length
        ? el(
            'ul',
            { class: 'cards' },
            supports.data.map((x) =>
              el(
                'li',
                { class: 'card' },
                el('h3', {}, contributionLink(x.contribution)),
                el(
                  'p',
                  { class: 'meta' },
                  `Soutenue le ${date(x.supportedAt)}${x.contribution.supportsCount !== null ? ` · ${plural(x.contribution.supportsCount, 'soutien')} en tout` : ''}`
                )
              )
            )
          )
        : el('p', {}, 'Vous ne soutenez encore aucune contribution.'),
    ],
  };
}

export async function editContributionView({ path: [id] }: Params): Promise<View> {
  if (!session.signedIn) return signInRequired('Modifier ma contribution');
  const { data: c } = await ok(api.GET('/contributions/{id}', { params: { path: { id } } }));
  if (!c.viewer.canEdit) {
    return {
      title: 'Modifier ma contribution',
      content: [
        el('h1', {}, 'Modifier ma contribution'),
        el('p', { class: 'notice' }, 'Cette contribution ne peut plus être modifiée : elle a été modérée.'),
        el('p', {}, el('a', { href: '#/mes-contributions' }, 'Retour à mes contributions')),
      ],
    };
  }
  const status = statusRegion();
  const commune = communePicker({
    id: 'commune',
    name: 'territory',
    label: 'Commune concernée',
    initial: c.territory?.name ? { code: c.territory.inseeCode, name: c.territory.name } : null,
  });
  const form = el(
    'form',
    { novalidate: true, class: 'stack' },
    el('label', { for: 'titre' }, 'Titre'),
    el('input', { id: 'titre', name: 'title', required: true, minlength: 3, maxlength: 140, value: c.title }),
    el('label', { for: 'texte' }, 'Votre contribution'),
    el('textarea', { id: 'texte', name: 'body', rows: 8, required: true, minlength: 10, maxlength: 5000 }, c.body),
    commune.field,
    el('button', { type: 'submit', class: 'primary' }, 'Enregistrer les modifications'),
    status
  );
  onSubmit(form, status, async (values) => {
    const territory = commune.commune()?.code ?? null;
    if (commune.input.value.trim() && !territory) throw new Error('Choisissez la commune dans la liste, ou laissez le champ vide.');
    await ok(api.PUT('/contributions/{id}', { params: { path: { id } }, body: { title: text(values, 'title'), body: text(values, 'body'), territory } }));
    flash('Votre contribution est modifiée ; elle attend toujours la modération.');
    navigate('#/mes-contributions');
  });
  return {
    title: 'Modifier ma contribution',
    content: [
      el('p', {}, el('a', { href: '#/mes-contributions' }, '← Mes contributions')),
      el('h1', {}, 'Modifier ma contribution'),
      el('p', {}, 'Vous pouvez la modifier tant qu’elle attend la modération.'),
      form,
    ],
  };
}

/** A page for signed-in visitors only, asked by someone signed out: why, and the way in (coming back here). */
export function signInRequired(title: string): View {
  const content: Child[] = [el('h1', {}, title), el('p', { class: 'notice' }, 'Cette page est réservée aux personnes connectées : ', signInOrUp(), '.')];
  return { title, content };
}
