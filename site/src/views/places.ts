/** « Près de chez moi »: everything that concerns one place — consultations, budget projects, petitions. */
import { api, ok, type Schemas } from '../api/client';
import { placeSearch } from '../components';
import { el, euros, plural } from '../dom';
import type { Params, View } from '../shell';
import { consultationCard } from './consultation-card';
import { petitionCard } from './petition-card';

type Overview = Schemas['PlaceOverview'];
const KINDS: Record<Overview['place']['kind'], string> = { commune: 'Commune', epci: 'Intercommunalité', departement: 'Département' };

/** #/lieu — the place search alone. */
export function placeSearchView(): View {
  return {
    title: 'Près de chez moi',
    content: [
      el('h1', {}, 'Près de chez moi'),
      el(
        'p',
        { class: 'lead' },
        'Les consultations, les projets de budget participatif et les pétitions qui concernent votre commune ou votre intercommunalité.'
      ),
      placeSearch(),
    ],
  };
}

/** A titled section with its count, its cards, and where to see them all. */
function section(id: string, heading: string, total: number, shown: number, cards: HTMLElement[], empty: string, more: HTMLElement | null) {
  return el(
    'section',
    { 'aria-labelledby': id },
    el('h2', { id }, `${heading} (${total.toLocaleString('fr-FR')})`),
    cards.length ? el('ul', { class: 'cards' }, cards) : el('p', {}, empty),
    total > shown && more ? el('p', {}, more) : null
  );
}

/** #/lieu/<code> — what concerns a commune, an EPCI or the département. */
export async function placeView({ path: [code] }: Params): Promise<View> {
  const { data } = await ok(api.GET('/places/{code}', { params: { path: { code } } }));
  const { place } = data;
  const inPlace = `territoire=${place.code}&lieu=${encodeURIComponent(place.name)}`;
  return {
    title: `Près de chez moi : ${place.name}`,
    content: [
      el('h1', {}, place.name),
      el('p', { class: 'lead' }, KINDS[place.kind], place.parent ? [' — ', el('a', { href: `#/lieu/${place.parent.code}` }, place.parent.name)] : null),
      placeSearch({ code: place.code, name: place.name }),
      section(
        'lieu-consultations',
        'Consultations ouvertes ou à venir',
        data.consultations.total,
        data.consultations.items.length,
        data.consultations.items.map((c) => consultationCard(c, 'h3')),
        'Aucune consultation ouverte ou à venir ne concerne ce lieu.',
        el('a', { href: `#/consultations?${inPlace}` }, 'Voir toutes les consultations de ce lieu')
      ),
      section(
        'lieu-projets',
        'Projets de budget participatif',
        data.budgetProjects.total,
        data.budgetProjects.items.length,
        data.budgetProjects.items.map((p) =>
          el(
            'li',
            { class: 'card' },
            el('h3', {}, el('a', { href: `#/projets/${p.documentId}` }, p.title)),
            el('p', {}, el('span', { class: 'status' }, p.isWinner ? 'Lauréat' : p.statusLabel), ` · ${p.budget.name} (${p.budget.stageLabel.toLowerCase()})`),
            el('p', { class: 'meta' }, `${euros(p.cost)} · ${p.commune.name}`, p.votes ? ` · ${plural(p.votes.total, 'voix', 'voix')}` : '')
          )
        ),
        'Aucun projet de budget participatif dans ce lieu.',
        null
      ),
      section(
        'lieu-petitions',
        'Pétitions',
        data.petitions.total,
        data.petitions.items.length,
        data.petitions.items.map((p) => petitionCard(p, 'h3')),
        'Aucune pétition déposée depuis ce lieu.',
        null
      ),
      section(
        'lieu-passees',
        'Consultations passées',
        data.pastConsultations.total,
        data.pastConsultations.items.length,
        data.pastConsultations.items.map((c) => consultationCard(c, 'h3')),
        'Aucune consultation passée ne concerne ce lieu.',
        el('a', { href: `#/consultations?${inPlace}&etat=terminees` }, 'Voir toutes les consultations passées de ce lieu')
      ),
    ],
  };
}
