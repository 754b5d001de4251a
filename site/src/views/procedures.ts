/** Legal procedures: a consultation's procedure and calendar, its numbered register, and the register's verification. */
import { api, BASE, ok, type Schemas } from '../api/client';
import { verifyChain, type ExportedEntry } from '../../../plugins/participation/shared/register-chain';
import { date, el, message, paragraphs, plural, type Child } from '../dom';
import type { Params, View } from '../shell';

type Procedure = Schemas['Procedure'];

const CHANNELS: Record<string, string> = {
  web: 'en ligne',
  mail: 'par courrier',
  email: 'par courriel',
  paper: 'sur papier',
  meeting: 'en réunion publique ou à une permanence',
};
const BOUNDS: Record<Procedure['calendar'][number]['bound'], string> = { by: 'au plus tard le', from: 'au plus tôt le', on: 'le' };
const ROLES: Record<NonNullable<Procedure['overseer']>['role'], string> = { garant: 'Garant·e', commissaire_enqueteur: 'Commissaire enquêteur' };

const article = (a: string) =>
  a.startsWith('CRPA') ? `article ${a.slice(5)} du code des relations entre le public et l’administration` : `article ${a} du code de l’environnement`;
const day = (d: string | null) => (d ? date(`${d}T12:00:00Z`) : 'à déterminer');

/** The procedure of a consultation, its legal calendar step by step, each with its article. */
export function procedureSection(slug: string, p: Procedure): HTMLElement {
  return el(
    'section',
    { 'aria-labelledby': 'procedure' },
    el('h2', { id: 'procedure' }, `Procédure : ${p.label}`),
    p.overseer ? el('p', {}, `${ROLES[p.overseer.role]} : ${p.overseer.name ?? 'pas encore désigné·e'}`) : null,
    p.noticePublishedAt ? el('p', {}, `Avis au public publié le ${date(p.noticePublishedAt)}.`) : null,
    dossierInBrief(p),
    noticeDetails(p),
    el(
      'ol',
      { class: 'calendar' },
      p.calendar.map((item) =>
        el('li', {}, el('strong', {}, item.label), ` : ${BOUNDS[item.bound]} ${day(item.date)}`, item.article ? ` (${article(item.article)})` : '')
      )
    ),
    el('p', {}, el('a', { href: `#/c/${slug}/registre` }, 'Le registre des observations, numérotées dans l’ordre de réception'))
  );
}

/** The dossier told in plain language, before its pieces. */
function dossierInBrief(p: Procedure, level: 'h2' | 'h3' = 'h3') {
  if (!p.dossierSummary) return null;
  return el(
    'section',
    { 'aria-labelledby': 'dossier-en-bref', class: 'in-brief' },
    el(level, { id: 'dossier-en-bref' }, 'Le dossier en bref'),
    paragraphs(p.dossierSummary)
  );
}

/** What the notice to the public says: who carries the project, what will be decided and by whom, where to read and write. */
function noticeDetails(p: Procedure) {
  const written = (p.notice?.mentions ?? []).filter((m) => m.text);
  if (!written.length) return null;
  return el(
    'details',
    { class: 'notice-mentions' },
    el('summary', {}, 'Ce que dit l’avis au public'),
    el(
      'dl',
      {},
      written.map((m) => [el('dt', {}, m.label.charAt(0).toUpperCase() + m.label.slice(1)), el('dd', {}, paragraphs(m.text))])
    ),
    p.notice ? el('p', { class: 'meta' }, `Mentions exigées par l’${article(p.notice.article)}.`) : null
  );
}

function entryItem(e: Schemas['RegisterEntry']) {
  const received = `Reçue ${CHANNELS[e.channel] ?? e.channel} le ${date(e.receivedAt)}`;
  const body: Child =
    e.visibility === 'published'
      ? [
          e.title ? el('p', { class: 'entry-title' }, el('strong', {}, e.title)) : null,
          paragraphs(e.body),
          e.authorName ? el('p', { class: 'meta' }, e.authorName) : null,
          e.attachments.length
            ? el(
                'ul',
                { class: 'attachments', 'aria-label': `Numérisations de l’observation n° ${e.number}` },
                e.attachments.map((a) =>
                  el(
                    'li',
                    {},
                    el('a', { href: a.url }, `Numérisation (${a.mime === 'application/pdf' ? 'PDF' : 'image'}, ${Math.max(1, Math.round(a.bytes / 1024))} Ko)`)
                  )
                )
              )
            : null,
        ]
      : el(
          'p',
          { class: 'notice' },
          e.visibility === 'pending'
            ? 'En cours de modération : elle sera publiée dès que possible.'
            : 'Retenue : elle n’est pas publiée, dans les cas que la loi permet.'
        );
  return el(
    'li',
    { id: `observation-${e.number}` },
    el('h3', {}, `Observation n° ${e.number}`),
    el('p', { class: 'meta' }, received),
    body,
    el('p', { class: 'hash' }, el('span', { class: 'visually-hidden' }, 'Empreinte : '), el('code', {}, e.entryHash))
  );
}

/** A procedure's register: documents published, then every observation, numbered, paged and searchable. */
export async function registerView({ path: [slug], query }: Params): Promise<View> {
  const page = Math.max(1, Number(query.get('page')) || 1);
  const q = (query.get('q') ?? '').trim().slice(0, 100);
  const [{ data: c }, { data: procedure }, register, { data: annexes }] = await Promise.all([
    ok(api.GET('/consultations/{slug}', { params: { path: { slug } } })),
    ok(api.GET('/consultations/{slug}/procedure', { params: { path: { slug } } })),
    ok(api.GET('/consultations/{slug}/register', { params: { path: { slug }, query: { page: String(page), pageSize: '25', ...(q ? { q } : {}) } } })),
    ok(api.GET('/consultations/{slug}/register/annexes', { params: { path: { slug } } })),
  ]);
  const { pagination } = register.meta;
  const link = (to: number) => `#/c/${slug}/registre?${new URLSearchParams({ page: String(to), ...(q ? { q } : {}) })}`;
  const search = el(
    'form',
    { role: 'search', class: 'filters-form', 'aria-label': 'Rechercher dans le registre' },
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'recherche-registre' }, 'Mots-clés'),
      el('input', { id: 'recherche-registre', name: 'q', type: 'search', value: q, maxlength: 100 })
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Rechercher')
  );
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = String(new FormData(search).get('q') ?? '').trim();
    location.hash = `#/c/${slug}/registre${typed ? `?${new URLSearchParams({ q: typed })}` : ''}`;
  });
  const first = register.data[0]?.number;
  return {
    title: `Registre : ${c.title}`,
    content: [
      el('p', {}, el('a', { href: `#/c/${slug}` }, `← ${c.title}`)),
      el('h1', {}, `Registre des observations`),
      el('p', { class: 'meta' }, `${procedure.procedure.label} · ${c.title}`),
      dossierInBrief(procedure.procedure, 'h2'),
      procedure.dossier.length
        ? el(
            'section',
            { 'aria-labelledby': 'dossier' },
            el('h2', { id: 'dossier' }, 'Le dossier, et ce qui était en ligne quand'),
            el(
              'ul',
              {},
              procedure.dossier.map((p) =>
                el(
                  'li',
                  {},
                  el('a', { href: p.url }, p.name),
                  p.onlineUntil
                    ? ` : en ligne du ${date(p.onlineFrom)} au ${date(p.onlineUntil)} (remplacée ou retirée)`
                    : ` : en ligne depuis le ${date(p.onlineFrom)}`
                )
              )
            )
          )
        : null,
      procedure.reports.length
        ? el(
            'section',
            { 'aria-labelledby': 'documents-procedure' },
            el('h2', { id: 'documents-procedure' }, 'Bilan, rapport et réponse'),
            procedure.reports.map((r) =>
              el(
                'article',
                {},
                el('h3', {}, `${r.label} : ${r.title}`),
                el('p', { class: 'meta' }, `Daté du ${date(`${r.date}T12:00:00Z`)}${r.author ? ` · ${r.author}` : ''}`),
                paragraphs(r.body)
              )
            )
          )
        : null,
      el(
        'section',
        { 'aria-labelledby': 'integrite' },
        el('h2', { id: 'integrite' }, 'Un registre infalsifiable'),
        el(
          'p',
          {},
          `${plural(procedure.register.count, 'observation inscrite', 'observations inscrites')}, numérotées sans trou. Chaque observation porte une empreinte qui dépend de toutes celles qui la précèdent : la dernière est `,
          el('code', {}, procedure.register.head),
          '.'
        ),
        el(
          'ul',
          {},
          el(
            'li',
            {},
            el(
              'a',
              { href: `${BASE}/consultations/${slug}/register/export`, download: `${slug}-registre.json` },
              'Télécharger le registre complet (JSON, vérifiable)'
            )
          ),
          el(
            'li',
            {},
            el(
              'a',
              { href: `${BASE}/consultations/${slug}/register/export?format=csv`, download: `${slug}-registre.csv` },
              'Télécharger le registre (CSV, pour tableur)'
            )
          ),
          el(
            'li',
            {},
            el(
              'a',
              { href: `${BASE}/consultations/${slug}/register/export?format=pdf`, download: `${slug}-registre.pdf` },
              'Télécharger le registre (PDF, annexe du registre papier)'
            )
          ),
          el(
            'li',
            {},
            el('a', { href: `#/verifier-registre?${new URLSearchParams({ empreinte: procedure.register.head })}` }, 'Vérifier un registre téléchargé')
          )
        ),
        annexes.length
          ? el(
              'details',
              { class: 'annexes' },
              el('summary', {}, `Annexes quotidiennes du registre papier (${plural(annexes.length, 'jour')})`),
              el(
                'ul',
                {},
                annexes.map((a) =>
                  el(
                    'li',
                    {},
                    el('a', { href: a.url }, `Registre arrêté au ${date(`${a.day}T12:00:00Z`)} à minuit`),
                    ` : ${plural(a.count, 'observation')}, PDF de ${Math.max(1, Math.round(a.bytes / 1024)).toLocaleString('fr-FR')} Ko, empreinte de la dernière observation `,
                    el('code', {}, a.head.slice(0, 12)),
                    '…'
                  )
                )
              )
            )
          : null
      ),
      el(
        'section',
        { 'aria-labelledby': 'observations' },
        el('h2', { id: 'observations' }, q ? plural(pagination.total, 'observation trouvée', 'observations trouvées') : 'Observations'),
        search,
        register.data.length
          ? el('ol', { class: 'register', start: first ?? 1, role: 'list' }, register.data.map(entryItem))
          : el('p', {}, q ? 'Aucune observation publiée ne contient ces mots.' : 'Aucune observation pour le moment.'),
        pagination.pageCount > 1
          ? el(
              'nav',
              { 'aria-label': 'Pages du registre', class: 'pager' },
              page > 1 ? el('a', { href: link(page - 1) }, 'Page précédente') : null,
              ` Page ${page} sur ${pagination.pageCount} `,
              page < pagination.pageCount ? el('a', { href: link(page + 1) }, 'Page suivante') : null
            )
          : null
      ),
    ],
  };
}

const sha256 = async (text: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))))
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

/** Anyone may check, in their own browser and without sending it anywhere, that a downloaded register is unaltered. */
export function verifyRegisterView({ query }: Params): View {
  const status = el('div', { class: 'form-status', 'aria-live': 'polite' });
  const form = el(
    'form',
    { class: 'stack', novalidate: true },
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'fichier-registre' }, 'Registre téléchargé (fichier JSON)'),
      el('input', { id: 'fichier-registre', name: 'fichier', type: 'file', accept: 'application/json,.json', required: true })
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'empreinte-registre' }, 'Dernière empreinte publiée par la plateforme (facultatif)'),
      el('input', {
        id: 'empreinte-registre',
        name: 'empreinte',
        type: 'text',
        value: query.get('empreinte') ?? '',
        pattern: '[0-9a-f]{64}',
        spellcheck: false,
        autocomplete: 'off',
      })
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Vérifier')
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.replaceChildren();
    const file = (form.elements.namedItem('fichier') as HTMLInputElement).files?.[0];
    const head = (form.elements.namedItem('empreinte') as HTMLInputElement).value.trim();
    if (!file) return status.append(message('error', 'Choisissez le fichier du registre.'));
    try {
      const parsed = JSON.parse(await file.text());
      const register = (parsed.data ?? parsed) as { consultationDocumentId: string; entries: ExportedEntry[] };
      if (!register.consultationDocumentId || !Array.isArray(register.entries)) throw new Error('format');
      const result = await verifyChain(sha256, register.consultationDocumentId, register.entries, head || null);
      status.append(
        result.ok
          ? message('success', `Registre intact : ${plural(result.count, 'observation')}, numérotées sans trou, jusqu’à l’empreinte ${result.head}.`)
          : message('error', `Registre altéré à l’observation n° ${result.number} : ${result.problem}.`)
      );
    } catch {
      status.append(message('error', 'Ce fichier n’est pas un registre exporté par la plateforme (JSON attendu).'));
    }
  });
  return {
    title: 'Vérifier un registre',
    content: [
      el('h1', {}, 'Vérifier un registre de procédure'),
      el(
        'p',
        {},
        'Le registre d’une enquête publique ou d’une concertation est une chaîne d’empreintes : modifier, retirer ou ajouter une observation change toutes les empreintes suivantes. Choisissez un registre téléchargé : la vérification se fait dans votre navigateur, le fichier n’est envoyé nulle part.'
      ),
      form,
      status,
    ],
  };
}
