/** Pieces several views use: the commune picker, the support and follow toggles, the report form. */
import { api, ok } from './api/client';
import type { paths } from './api/schema';
import { announce, date, el } from './dom';
import { errorBox, onSubmit, statusRegion } from './shell';

export type Commune = { code: string; name: string; kind?: 'departement' | 'epci' | 'commune' };

const KIND_NAMES = { departement: 'département', epci: 'intercommunalité', commune: 'commune' } as const;

/**
 * A commune by name, as an ARIA 1.2 combobox: a text field whose suggestions (the territories the API knows,
 * accent- and case-blind) are a listbox; arrows move, Enter or a click chooses, Escape closes; the number of
 * suggestions is announced. Enter never submits the form while no commune is chosen. The value reads
 * « Nantes (44109) »; `commune()` gives the INSEE code once one is chosen.
 */
export function communePicker(options: {
  id: string;
  name: string;
  label: string;
  required?: boolean;
  initial?: Commune | null;
  onChoose?: (commune: Commune | null) => void;
  /** `place`: any territory (commune, intercommunalité, département), for a search by place. */
  kind?: 'commune' | 'place';
}) {
  const places = options.kind === 'place';
  const listId = `${options.id}-liste`;
  const help = el(
    'p',
    { id: `${options.id}-aide`, class: 'hint' },
    places
      ? 'Une commune ou une intercommunalité, choisie dans la liste.'
      : 'Tapez au moins deux lettres du nom, puis choisissez avec les flèches et Entrée, ou d’un clic.'
  );
  const live = el('p', { class: 'visually-hidden', role: 'status' });
  const list = el('ul', { id: listId, role: 'listbox', class: 'suggestions', hidden: true, 'aria-label': places ? 'Lieux suggérés' : 'Communes suggérées' });
  const input = el('input', {
    id: options.id,
    name: options.name,
    type: 'text',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    required: options.required ?? false,
    autocomplete: 'off',
    'aria-describedby': help.id,
    value: options.initial ? `${options.initial.name} (${options.initial.code})` : '',
  });
  const parse = (): Commune | null => {
    const match = (places ? /^(.*) \(([0-9][0-9AB][0-9]{0,7})\)$/ : /^(.*) \((\d[0-9AB]\d{3})\)$/).exec(input.value.trim());
    return match ? { name: match[1], code: match[2] } : null;
  };
  let found: Commune[] = [];
  let active = -1;
  const show = (open: boolean) => {
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (!open) highlight(-1);
  };
  const highlight = (index: number) => {
    active = index;
    Array.from(list.children).forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    const current = list.children[index] as HTMLElement | undefined;
    if (current) {
      input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const choose = (commune: Commune) => {
    input.value = `${commune.name} (${commune.code})`;
    show(false);
    live.textContent = `${commune.name} choisie.`;
    options.onChoose?.(commune);
  };
  let asked = 0;
  input.addEventListener('input', async () => {
    const chosen = parse();
    options.onChoose?.(chosen);
    const q = input.value.trim().replace(/\s*\(.*$/, '');
    if (chosen || q.length < 2) {
      found = [];
      show(false);
      return;
    }
    const mine = ++asked;
    const answer = await ok(api.GET('/territories', { params: { query: { ...(places ? {} : { kind: 'commune' as const }), q, pageSize: '20' } } })).catch(
      () => null
    );
    if (mine !== asked || !answer) return;
    found = answer.data.map((t) => ({ code: t.inseeCode, name: t.name, kind: t.kind }));
    list.replaceChildren(
      ...found.map((c, i) => {
        const option = el(
          'li',
          { id: `${options.id}-option-${i}`, role: 'option', 'aria-selected': 'false' },
          `${c.name} (${c.code})`,
          places && c.kind ? el('span', { class: 'hint' }, ` — ${KIND_NAMES[c.kind]}`) : null
        );
        // mousedown rather than click: chosen before the field loses focus.
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(c);
        });
        return option;
      })
    );
    show(found.length > 0);
    const what = places
      ? ['lieu proposé', 'lieux proposés', 'Aucun lieu ne correspond.']
      : ['commune proposée', 'communes proposées', 'Aucune commune ne correspond.'];
    live.textContent = found.length ? `${found.length} ${found.length > 1 ? what[1] : what[0]}.` : what[2];
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!found.length) return;
      event.preventDefault();
      if (list.hidden) show(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight(active < 0 ? (step > 0 ? 0 : found.length - 1) : (active + step + found.length) % found.length);
    } else if (event.key === 'Enter') {
      if (!list.hidden && active >= 0) {
        event.preventDefault();
        choose(found[active]);
      } else if (input.value.trim() && !parse()) {
        // Typed but not chosen: the form is not sent; the only suggestion is taken, otherwise the list opens.
        event.preventDefault();
        if (found.length === 1) choose(found[0]);
        else if (found.length) {
          show(true);
          highlight(0);
        } else live.textContent = `Choisissez ${places ? 'un lieu' : 'une commune'} dans la liste des suggestions.`;
      }
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      show(false);
    }
  });
  input.addEventListener('blur', () => show(false));
  const field = el(
    'div',
    { class: 'field combobox' },
    el('label', { for: options.id }, options.label, options.required ? null : el('span', { class: 'hint' }, ' (facultatif)')),
    help,
    input,
    list,
    live
  );
  return { field, input, commune: parse };
}

/** A toggle button (aria-pressed) whose label says the count, for supporting a contribution. */
export function supportButton(contribution: { documentId: string; counts: { supports: number }; viewer: { canSupport: boolean; hasSupported: boolean } }) {
  let supported = contribution.viewer.hasSupported;
  const label = (count: number) => `${supported ? 'Soutenue' : 'Soutenir'} (${count})`;
  const button = el(
    'button',
    { type: 'button', 'aria-pressed': String(supported), disabled: !contribution.viewer.canSupport && !supported },
    label(contribution.counts.supports)
  );
  button.addEventListener('click', async () => {
    const path = { params: { path: { id: contribution.documentId } } };
    try {
      const { data } = await ok(supported ? api.DELETE('/contributions/{id}/supports', path) : api.POST('/contributions/{id}/supports', path));
      supported = data.hasSupported;
      button.setAttribute('aria-pressed', String(supported));
      button.textContent = label(data.supportsCount);
      announce(supported ? `Vous soutenez cette contribution (${data.supportsCount} soutiens).` : 'Votre soutien est retiré.');
    } catch (error) {
      button.after(errorBox(error));
    }
  });
  return button;
}

/** « Suivre » a consultation or a contribution: a toggle button and what it changed, said politely. */
export function followButton(target: { kind: 'consultation'; slug: string } | { kind: 'contribution'; id: string }, following: boolean) {
  const status = el('span', { class: 'hint', role: 'status' });
  const what = target.kind === 'consultation' ? 'cette consultation' : 'cette contribution';
  // The button says what it will do: « Suivre … » or, once followed, « Ne plus suivre … ».
  const label = () => (following ? `Ne plus suivre ${what}` : `Suivre ${what}`);
  const button = el('button', { type: 'button', class: following ? 'following' : '' }, label());
  button.addEventListener('click', async () => {
    try {
      const result =
        target.kind === 'consultation'
          ? await ok(
              following
                ? api.DELETE('/consultations/{slug}/follow', { params: { path: { slug: target.slug } } })
                : api.POST('/consultations/{slug}/follow', { params: { path: { slug: target.slug } } })
            )
          : await ok(
              following
                ? api.DELETE('/contributions/{id}/follow', { params: { path: { id: target.id } } })
                : api.POST('/contributions/{id}/follow', { params: { path: { id: target.id } } })
            );
      following = result.data.following;
      button.textContent = label();
      button.className = following ? 'following' : '';
      status.textContent = following ? `Vous suivez ${what}.` : `Vous ne suivez plus ${what}.`;
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  });
  return el('p', { class: 'follow' }, button, ' ', status, ' ', el('a', { href: '#/notifications' }, 'Choisir quand être prévenu·e'));
}

type ReportReason = NonNullable<paths['/contributions/{id}/reports']['post']['requestBody']>['content']['application/json']['reason'];

const REPORT_REASONS: [ReportReason, string][] = [
  ['spam', 'Publicité ou contenu répété'],
  ['insulting', 'Propos injurieux, haineux ou discriminatoires'],
  ['off_topic', 'Hors sujet'],
  ['personal_data', 'Données personnelles (les miennes ou celles d’un tiers)'],
  ['other', 'Autre raison'],
];

/**
 * « Signaler » : a disclosure button opening a short form (a reason, details), sent once per person. The
 * moderators read it; the person reported is not told who reported.
 */
export function reportControl(target: { kind: 'contribution' | 'comment'; id: string }, viewer: { canReport: boolean; hasReported: boolean }) {
  if (viewer.hasReported) return el('p', { class: 'hint' }, 'Vous avez signalé ce contenu ; les modérateurs l’examinent.');
  if (!viewer.canReport) return null;
  const id = `signaler-${target.id}`;
  const status = statusRegion();
  const form = el(
    'form',
    { id, class: 'report', hidden: true, novalidate: true },
    el(
      'fieldset',
      {},
      el('legend', {}, 'Pourquoi signalez-vous ce contenu ?'),
      REPORT_REASONS.map(([value, label]) => el('label', { class: 'choice' }, el('input', { type: 'radio', name: 'reason', value, required: true }), label))
    ),
    el('label', { for: `${id}-precisions` }, 'Précisions ', el('span', { class: 'hint' }, '(facultatif)')),
    el('textarea', { id: `${id}-precisions`, name: 'details', rows: 3, maxlength: 1000 }),
    el('button', { type: 'submit' }, 'Envoyer le signalement'),
    status
  );
  const toggle = el('button', { type: 'button', class: 'link', 'aria-expanded': 'false', 'aria-controls': id }, 'Signaler');
  toggle.addEventListener('click', () => {
    const open = form.hidden;
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) form.querySelector<HTMLInputElement>('input')?.focus();
  });
  onSubmit(form, status, async (values) => {
    const reason = REPORT_REASONS.find(([value]) => value === values.get('reason'))?.[0];
    if (!reason) throw new Error('Choisissez une raison.');
    const details = String(values.get('details') ?? '').trim();
    const body = { reason, ...(details ? { details } : {}) };
    if (target.kind === 'contribution') await ok(api.POST('/contributions/{id}/reports', { params: { path: { id: target.id } }, body }));
    else await ok(api.POST('/comments/{id}/reports', { params: { path: { id: target.id } }, body }));
    form.querySelectorAll('input, textarea, button').forEach((c) => c.setAttribute('disabled', ''));
    toggle.disabled = true;
    return 'Merci, votre signalement est transmis aux modérateurs.';
  });
  return el('div', { class: 'report-control' }, toggle, form);
}

/** « Près de chez moi »: a place chosen by name (commune, intercommunalité, département) opens its page, #/lieu/<code>. */
export function placeSearch(initial: Commune | null = null) {
  const picker = communePicker({ id: 'pres-de-chez-moi', name: 'lieu', label: 'Votre commune ou intercommunalité', kind: 'place', required: true, initial });
  const form = el(
    'form',
    { role: 'search', class: 'filters-form', 'aria-label': 'Près de chez moi', novalidate: true },
    picker.field,
    el('button', { type: 'submit', class: 'primary' }, 'Voir ce qui la concerne')
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = picker.commune();
    if (chosen) location.hash = `#/lieu/${chosen.code}`;
    else picker.input.focus();
  });
  return form;
}

/** The upcoming public meetings of a consultation or a budget, as its page lists them (nothing when there is none). */
export async function upcomingMeetings(filter: { consultation: string } | { budget: string }) {
  const { data } = await ok(api.GET('/meetings', { params: { query: { ...filter, pageSize: '20' } } }));
  if (!data.length) return null;
  return el(
    'section',
    { 'aria-labelledby': 'reunions' },
    el('h2', { id: 'reunions' }, 'Réunions publiques à venir'),
    el(
      'ul',
      {},
      data.map((m) => el('li', {}, el('a', { href: `#/reunions/${m.slug}` }, m.title), ` — ${date(m.startsAt)}, ${m.communeName ?? m.kindLabel}`))
    )
  );
}
