/** A consultation as a card in a list: its own small module, so that the home page does not load the consultation view. */
import type { Schemas } from '../api/client';
import { date, el, plural } from '../dom';

export const STATES: Record<Schemas['ConsultationStatus'], string> = {
  draft: 'Brouillon',
  scheduled: 'À venir',
  open: 'En cours',
  closed: 'Clôturée',
  results_published: 'Résultats publiés',
  archived: 'Archivée',
};

export function consultationCard(c: Schemas['ConsultationSummary'], level: 'h2' | 'h3' = 'h2') {
  return el(
    'li',
    { class: 'card' },
    el('span', { class: 'status' }, STATES[c.status]),
    el(level, {}, el('a', { href: `#/c/${c.slug}` }, c.title)),
    c.summary ? el('p', {}, c.summary) : null,
    el(
      'p',
      { class: 'meta' },
      `Du ${date(c.opensAt)} au ${date(c.closesAt)} · ${plural(c.counts.contributions, 'contribution')} · ${plural(c.counts.participants, 'participant·e', 'participant·es')}`
    ),
    c.themes.length ? el('p', { class: 'meta' }, 'Thèmes : ', c.themes.map((t) => t.name).join(', ')) : null
  );
}
