/** Building the page: every text from the API becomes a text node, never HTML (rich text goes through richtext.ts). */

type Listener = (event: Event) => unknown;
export type Attrs = Record<string, string | number | boolean | null | undefined | Listener>;
export type Child = Node | string | number | null | undefined | false | Child[];

/** el('p', { class: 'meta' }, 'texte', child…): attributes, `on*` listeners, then children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value !== false && value !== undefined && value !== null) node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node: Element, children: Child[]) {
  for (const child of children.flat(Infinity as 1) as Child[]) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Plain text (contributions, comments) as paragraphs: line breaks kept, nothing interpreted. */
export const paragraphs = (text: string | null | undefined): HTMLParagraphElement[] =>
  (text ?? '')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => el('p', {}, p));

const DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
/** « 1er décembre 2026 », « 21 décembre 2026 »: the first of the month is written as French writes it. */
export const date = (iso: string | null | undefined) =>
  iso
    ? DATE.formatToParts(new Date(iso))
        .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
        .join('')
    : '—';
export const euros = (n: number) => `${n.toLocaleString('fr-FR')} €`;
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;

/** A message in a live region: success (role status) or error (role alert). */
export const message = (kind: 'success' | 'error' | 'notice', text: Child) => el('p', { class: kind, role: kind === 'error' ? 'alert' : 'status' }, text);

/** Says something to screen readers without moving focus. */
export function announce(text: string) {
  const region = document.getElementById('annonce');
  if (!region) return;
  region.textContent = '';
  // A fresh node, a moment later: screen readers announce a change, not a region already holding the same text.
  window.setTimeout(() => (region.textContent = text), 50);
}

/** Offers a file the browser made to the visitor (their data export). */
export function download(content: string, filename: string, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = el('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
