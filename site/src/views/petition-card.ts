/** A petition as a card in a list (the petitions list, a place's page): its own small module, loaded by both. */
import type { Schemas } from '../api/client';
import { date, el, plural } from '../dom';

export const petitionCard = (p: Schemas['PetitionSummary'], level: 'h2' | 'h3' = 'h2') =>
  el(
    'li',
    { class: 'card' },
    el(level, {}, el('a', { href: `#/p/${p.slug}` }, p.title)),
    el('p', {}, el('span', { class: 'status' }, p.statusLabel)),
    el(
      'p',
      { class: 'meta' },
      plural(p.signaturesCount, 'signature'),
      p.closesAt && p.status === 'open' ? ` · jusqu’au ${date(p.closesAt)}` : '',
      p.scheme ? ` · ${p.scheme.name}` : '',
      p.commune ? ` · ${p.commune.name}` : ''
    )
  );
