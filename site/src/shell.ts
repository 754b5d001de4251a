/** What every view shares: rendering with its title and focus, the account slot, messages carried across views. */
import { api, ApiError, ok } from './api/client';
import { el, message, type Child } from './dom';
import { session } from './session';

export type View = { title: string; content: Child[] };
export type Params = { path: string[]; query: URLSearchParams };

const SITE = 'Participer — Loire-Atlantique';
const main = () => document.getElementById('contenu') as HTMLElement;
let pendingFlash: { kind: 'success' | 'notice'; text: string } | null = null;
let firstRender = true;

/** A message the next view shows once (after a redirect: « Votre compte est effacé »). */
export function flash(text: string, kind: 'success' | 'notice' = 'success') {
  pendingFlash = { kind, text };
}

/** Where the visitor is, to come back to after signing in (a hash path with its query). */
export const here = () => location.hash.replace(/^#/, '') || '/';

export const signInHref = (back = here()) => `#/connexion?retour=${encodeURIComponent(back)}`;
export const signUpHref = (back = here()) => `#/inscription?retour=${encodeURIComponent(back)}`;

/** « Se connecter ou créer un compte », wherever signing in is offered; both come back to `back` (here by default). */
export const signInOrUp = (back = here()) => [
  el('a', { href: signInHref(back) }, 'Se connecter'),
  ' ou ',
  el('a', { href: signUpHref(back) }, 'créer un compte'),
];

export function navigate(hash: string) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/**
 * Shows a view: its title in the tab (WCAG 2.4.2), its content, then, after a navigation, focus on its heading
 * without scrolling the header away (the page goes back to its top; the first load leaves focus where it is).
 */
export function render(view: View) {
  document.title = `${view.title} — ${SITE}`;
  const root = main();
  root.replaceChildren();
  const notice = pendingFlash ? message(pendingFlash.kind, pendingFlash.text) : null;
  pendingFlash = null;
  const nodes = el('div', {}, view.content).childNodes;
  root.append(...Array.from(nodes));
  const heading = root.querySelector('h1');
  if (notice) (heading ?? root.firstChild)?.after(notice);
  renderAccount();
  if (firstRender) {
    firstRender = false;
    return;
  }
  window.scrollTo(0, 0);
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  } else root.focus({ preventScroll: true });
}

export function notFoundView(): View {
  return {
    title: 'Page introuvable',
    content: [
      el('h1', {}, 'Page introuvable'),
      el('p', {}, 'Cette page n’existe pas, ou plus, ou n’est pas publique.'),
      el(
        'ul',
        {},
        el('li', {}, el('a', { href: '#/' }, 'Revenir à l’accueil')),
        el('li', {}, el('a', { href: '#/consultations' }, 'Voir les consultations')),
        el('li', {}, el('a', { href: '#/plan-du-site' }, 'Consulter le plan du site'))
      ),
    ],
  };
}

/** A view that could not load: 404 as a page of its own, anything else as an alert with a way to retry. */
export function failureView(error: unknown): View {
  if (error instanceof ApiError && error.status === 404) return notFoundView();
  const text = error instanceof Error ? error.message : 'Une erreur est survenue.';
  return {
    title: 'Erreur',
    content: [el('h1', {}, 'Cette page n’a pas pu s’afficher'), message('error', text), el('p', {}, el('a', { href: location.hash || '#/' }, 'Réessayer'))],
  };
}

/** The form's answer: the error's message and each field's, linked to its field, in an alert. */
export function errorBox(error: unknown, form?: HTMLFormElement): HTMLElement {
  if (!(error instanceof ApiError)) return message('error', error instanceof Error ? error.message : 'Une erreur est survenue.');
  const list = error.fields.map((f) => {
    const field = form?.querySelector<HTMLElement>(`[name="${CSS.escape(f.path.split('.').pop() ?? '')}"]`);
    if (field) field.setAttribute('aria-invalid', 'true');
    return el('li', {}, field?.id ? el('a', { href: `#${field.id}`, onclick: (e: Event) => (e.preventDefault(), field.focus()) }, f.message) : f.message);
  });
  // One field at fault with the same words as the summary (a weak password): said once, on the field's link.
  const summary = error.fields.length === 1 && error.fields[0].message === error.message ? null : el('p', {}, error.message);
  return el('div', { class: 'error', role: 'alert' }, summary, list.length ? el('ul', {}, list) : null);
}

/**
 * Binds a form's submit to an action; the answer goes to the form's status region. While it runs, the submit
 * button is disabled so a double click does not send twice.
 */
export function onSubmit(form: HTMLFormElement, status: HTMLElement, action: (values: FormData) => Promise<Child | void>) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    form.querySelectorAll('[aria-invalid]').forEach((f) => f.removeAttribute('aria-invalid'));
    if (button) button.disabled = true;
    try {
      const result = await action(new FormData(form));
      status.replaceChildren(...(result ? [message('success', result)] : []));
    } catch (error) {
      status.replaceChildren(errorBox(error, form));
    } finally {
      if (button) button.disabled = false;
    }
    // The submit button was disabled while sending, which drops the focus to the top of the page: it goes to the
    // answer instead (read by screen readers, and the next Tab continues from there), when the form is still shown.
    const answer = status.firstElementChild as HTMLElement | null;
    if (answer && answer.isConnected) {
      answer.setAttribute('tabindex', '-1');
      answer.focus();
    } else if (button?.isConnected && document.activeElement === document.body) {
      button.focus();
    }
  });
}

export const statusRegion = () => el('div', { class: 'form-status' });
export const text = (values: FormData, name: string) => String(values.get(name) ?? '').trim();

/** The header's account slot: sign in (coming back here), or the account and sign out. */
export function renderAccount() {
  const slot = document.getElementById('compte');
  if (!slot) return;
  if (!session.signedIn) {
    slot.replaceChildren(el('a', { href: here().startsWith('/connexion') ? '#/connexion' : signInHref() }, 'Se connecter'));
    return;
  }
  // The notification centre, with its unread count once known (asked in the background).
  const inbox = el('a', { href: '#/notifications' }, 'Notifications');
  void ok(api.GET('/me/notifications', { params: { query: { pageSize: '1' } } }))
    .then(({ meta }) => {
      if (meta.unread)
        inbox.replaceChildren(
          'Notifications ',
          el('span', { class: 'badge' }, String(meta.unread)),
          el('span', { class: 'visually-hidden' }, meta.unread > 1 ? ' non lues' : ' non lue')
        );
    })
    .catch(() => undefined);
  slot.replaceChildren(
    el('a', { href: '#/compte' }, `Mon compte (${session.name ?? ''})`),
    ' ',
    inbox,
    ' ',
    el(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => {
          session.clear();
          flash('Vous êtes déconnecté·e.');
          navigate('#/');
        },
      },
      'Se déconnecter'
    )
  );
}
