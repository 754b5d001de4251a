/**
 * Rich text staff write in the admin (Markdown) rendered as HTML, then sanitised by DOMPurify: links, lists,
 * headings, emphasis and images stay; scripts, event handlers, styles and foreign frames do not.
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'a',
  'ul',
  'ol',
  'li',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'img',
  'hr',
  'code',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'width', 'height'];

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node instanceof HTMLAnchorElement && /^https?:/i.test(node.getAttribute('href') ?? '') && new URL(node.href).origin !== location.origin) {
    node.setAttribute('rel', 'noopener noreferrer');
  }
  // An image without a description is decoration for a screen reader, not a file name read aloud.
  if (node instanceof HTMLImageElement && !node.hasAttribute('alt')) node.setAttribute('alt', '');
});

/** Markdown → a sanitised fragment; a heading level one is shifted down, the view's own title is the only h1. */
export function richText(markdown: string | null | undefined): DocumentFragment {
  const html = marked.parse((markdown ?? '').replace(/^# /gm, '## '), { async: false, gfm: true, breaks: false });
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, RETURN_DOM_FRAGMENT: true, ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|\/|#)/i });
}
