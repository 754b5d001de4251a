/** Comment threads, wherever they are written (a contribution, a budget project): three levels, reply, report. */
import type { Schemas } from './api/client';
import { reportControl } from './components';
import { date, el, paragraphs } from './dom';
import { flash, navigate, onSubmit, statusRegion, text } from './shell';

type Comment = Schemas['CommentNode'];

/** Where the comments go: the API call that posts one (a reply names its parent). */
export type CommentTarget = { send: (body: string, parent: string | null) => Promise<{ status: string }> };

/** A thread of comments, three levels deep, each with reply and report. */
export function commentList(target: CommentTarget, comments: Comment[], canComment: boolean): HTMLElement {
  return el(
    'ul',
    { class: 'comments' },
    comments.map((c) => commentItem(target, c, canComment))
  );
}

function commentItem(target: CommentTarget, c: Comment, canComment: boolean): HTMLElement {
  const id = `commentaire-${c.documentId}`;
  const canReply = canComment && !c.removed && c.depth < 2;
  return el(
    'li',
    { id, class: 'comment' },
    c.removed
      ? el('p', { class: 'hint' }, 'Commentaire retiré par la modération.')
      : [el('p', { class: 'meta' }, el('strong', {}, c.author?.displayName ?? 'Participant·e'), ` · ${date(c.createdAt)}`), paragraphs(c.body)],
    el(
      'div',
      { class: 'actions' },
      canReply ? replyControl(target, c) : null,
      c.removed ? null : reportControl({ kind: 'comment', id: c.documentId }, c.viewer)
    ),
    c.replies.length ? commentList(target, c.replies, canComment) : null
  );
}

/** The form for a new comment, or a reply to `parent`; the page reloads its thread once sent. */
export function commentForm(target: CommentTarget, parent: Comment | null, onDone: () => void = () => navigate(location.hash)): HTMLFormElement {
  const id = parent ? `reponse-${parent.documentId}` : 'nouveau-commentaire';
  const status = statusRegion();
  const form = el(
    'form',
    { class: 'comment-form', novalidate: true },
    el('label', { for: `${id}-texte` }, parent ? `Votre réponse à ${parent.author?.displayName ?? 'ce commentaire'}` : 'Votre commentaire'),
    el('textarea', { id: `${id}-texte`, name: 'body', rows: 3, required: true, minlength: 2, maxlength: 2000 }),
    el('button', { type: 'submit', class: 'primary' }, parent ? 'Répondre' : 'Commenter'),
    status
  );
  onSubmit(form, status, async (values) => {
    const sent = await target.send(text(values, 'body'), parent?.documentId ?? null);
    form.reset();
    flash(sent.status === 'published' ? 'Votre commentaire est publié.' : 'Merci ! Votre commentaire sera publié après modération.');
    onDone();
  });
  return form;
}

function replyControl(target: CommentTarget, parent: Comment) {
  const slot = el('div', { hidden: true });
  const button = el(
    'button',
    { type: 'button', class: 'link', 'aria-expanded': 'false' },
    'Répondre',
    el('span', { class: 'visually-hidden' }, ` à ${parent.author?.displayName ?? 'ce commentaire'}`)
  );
  button.addEventListener('click', () => {
    const open = slot.hidden;
    if (open && !slot.firstChild) slot.append(commentForm(target, parent));
    slot.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) slot.querySelector('textarea')?.focus();
  });
  return el('span', {}, button, slot);
}
