/** Public meetings: the list with its filters, a meeting's page (schema.org Event), registering, the waitlist, the entry code and its QR code. */
import QRCode from 'qrcode';
import { api, ok, type Schemas } from '../api/client';
import { communePicker } from '../components';
import { el, message, paragraphs, plural, type Child } from '../dom';
import { session } from '../session';
import { errorBox, navigate, onSubmit, signInOrUp, statusRegion, type Params, type View } from '../shell';

type Summary = Schemas['MeetingSummary'];
type Registration = Schemas['MeetingRegistration'];
type Minutes = Schemas['MinutesForRegistrant'];

const DAY_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

/** « mardi 12 janvier 2027, 18:30 – 20:30 » (the end's day said when it differs). */
function when(m: Pick<Summary, 'startsAt' | 'endsAt'>): string {
  const start = new Date(m.startsAt);
  const end = new Date(m.endsAt);
  const sameDay = start.toDateString() === end.toDateString();
  return `${DAY_TIME.format(start)} – ${sameDay ? TIME.format(end) : DAY_TIME.format(end)}`;
}

const where = (m: Pick<Summary, 'kind' | 'address' | 'communeName'>) =>
  m.kind === 'online' ? 'En ligne' : [m.address, m.communeName].filter(Boolean).join(', ') + (m.kind === 'hybrid' ? ' — et en ligne' : '');

/** What the registration offers now, in words: places left, the waitlist, or free entry. */
function placesText(r: Summary['registration']): string {
  if (!r.enabled) return 'Entrée libre, sans inscription';
  if (r.placesLeft === null) return 'Inscription ouverte';
  if (r.placesLeft > 0) return `${plural(r.placesLeft, 'place restante', 'places restantes')} sur ${r.places}`;
  return r.waitlist ? `Complet — liste d’attente (${plural(r.waiting, 'personne')})` : 'Complet';
}

function card(m: Summary) {
  return el(
    'li',
    { class: 'card' },
    el('h2', {}, el('a', { href: `#/reunions/${m.slug}` }, m.title)),
    el('p', {}, el('span', { class: 'status' }, m.stateLabel), ` · ${when(m)}`),
    el('p', {}, `${m.kindLabel} · ${where(m)}`),
    el('p', { class: 'meta' }, placesText(m.registration))
  );
}

export async function meetingsView({ query }: Params): Promise<View> {
  const past = query.get('passees') === 'oui';
  const kind = query.get('forme');
  const placesLeft = query.get('places') === 'oui';
  const day = (key: string) => (/^\d{4}-\d{2}-\d{2}$/.test(query.get(key) ?? '') ? query.get(key)! : null);
  const from = day('du');
  const to = day('au');
  const commune = /^\d[\dAB]\d{3}$/.test(query.get('commune') ?? '') ? query.get('commune')! : null;
  // A day as Paris reads it (winter or summer time): from its first minute, to the end of the last one.
  const parisDay = (d: string, end: boolean) => {
    const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', timeZoneName: 'shortOffset' })
      .formatToParts(new Date(`${d}T12:00:00Z`))
      .find((p) => p.type === 'timeZoneName')!
      .value.replace('GMT+', '');
    return new Date(`${d}T${end ? '23:59:59' : '00:00:00'}+0${offset}:00`).toISOString();
  };
  const { data, meta } = await ok(
    api.GET('/meetings', {
      params: {
        query: {
          ...(past ? { past: 'true' as const } : {}),
          ...(kind === 'in_person' || kind === 'online' || kind === 'hybrid' ? { kind } : {}),
          ...(placesLeft && !past ? { placesLeft: 'true' as const } : {}),
          ...(from && !past ? { from: parisDay(from, false) } : {}),
          ...(to ? { to: parisDay(to, true) } : {}),
          ...(commune ? { territory: commune } : {}),
          pageSize: '50',
        },
      },
    })
  );
  const place = communePicker({
    id: 'reunions-commune',
    name: 'commune',
    label: 'Commune',
    initial: commune ? { code: commune, name: query.get('nom') ?? commune } : null,
  });
  const form = el(
    'form',
    { class: 'filters', 'aria-label': 'Filtrer les réunions' },
    place.field,
    past
      ? null
      : el(
          'div',
          { class: 'field' },
          el('label', { for: 'reunions-du' }, 'Du'),
          el('input', { id: 'reunions-du', name: 'du', type: 'date', value: from ?? '' })
        ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'reunions-au' }, past ? 'Jusqu’au' : 'Au'),
      el('input', { id: 'reunions-au', name: 'au', type: 'date', value: to ?? '' })
    ),
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'forme' }, 'Forme'),
      el(
        'select',
        { id: 'forme', name: 'forme' },
        [
          ['', 'Toutes'],
          ['in_person', 'Sur place'],
          ['online', 'En ligne'],
          ['hybrid', 'Sur place et en ligne'],
        ].map(([value, label]) => el('option', { value, selected: (kind ?? '') === value }, label))
      )
    ),
    past
      ? null
      : el(
          'label',
          { class: 'choice' },
          el('input', { type: 'checkbox', name: 'places', value: 'oui', checked: placesLeft }),
          ' Seulement avec des places libres'
        ),
    el('button', { type: 'submit' }, 'Filtrer')
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const params = new URLSearchParams();
    if (past) params.set('passees', 'oui');
    if (values.get('forme')) params.set('forme', String(values.get('forme')));
    if (values.get('places')) params.set('places', 'oui');
    for (const key of ['du', 'au']) if (values.get(key)) params.set(key, String(values.get(key)));
    const chosen = place.commune();
    if (chosen) {
      params.set('commune', chosen.code);
      params.set('nom', chosen.name);
    }
    navigate(`#/reunions?${params}`);
  });
  return {
    title: past ? 'Réunions passées' : 'Réunions publiques',
    content: [
      el('h1', {}, past ? 'Réunions passées' : 'Réunions publiques'),
      el('p', {}, 'Réunions publiques, ateliers et permanences, dans les communes du département ou en ligne.'),
      el(
        'p',
        {},
        past ? el('a', { href: '#/reunions' }, 'Voir les réunions à venir') : el('a', { href: '#/reunions?passees=oui' }, 'Voir les réunions passées')
      ),
      form,
      el('p', { role: 'status' }, plural(meta.pagination.total, 'réunion')),
      data.length ? el('ul', { class: 'cards' }, data.map(card)) : el('p', {}, 'Aucune réunion ne correspond.'),
    ],
  };
}

/** The entry code's QR code, as an SVG image with its text alternative (the code itself, shown beside it). */
async function qrImage(code: string): Promise<Node> {
  const svg = await QRCode.toString(code, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const node = document.importNode(new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement, true) as unknown as SVGSVGElement;
  node.setAttribute('role', 'img');
  node.setAttribute('aria-label', `QR code du code d’entrée ${code}`);
  node.setAttribute('width', '180');
  node.setAttribute('height', '180');
  return node;
}

/** Where the person stands and what they can do: their code and QR code, their place in the waitlist, cancel. */
async function registrationPanel(slug: string, r: Registration, upcoming: boolean, onChange: () => void): Promise<Child> {
  const status = statusRegion();
  const cancel = el('button', { type: 'button' }, r.status === 'waitlisted' ? 'Quitter la liste d’attente' : 'Annuler mon inscription');
  cancel.addEventListener('click', async () => {
    if (!window.confirm('Annuler votre inscription ? Votre place ira à la première personne en attente.')) return;
    cancel.disabled = true;
    try {
      await ok(api.DELETE('/meetings/{slug}/registrations/mine', { params: { path: { slug } } }));
      onChange();
    } catch (error) {
      status.replaceChildren(errorBox(error));
      cancel.disabled = false;
    }
  });
  if (r.status === 'waitlisted')
    return [
      message(
        'notice',
        `Vous êtes en liste d’attente, en position ${r.position}. Si une place se libère, elle vous revient dans l’ordre et vous êtes prévenu·e par e-mail.`
      ),
      upcoming ? el('p', { class: 'actions' }, cancel) : null,
      status,
    ];
  const code = r.code ?? '';
  return [
    message('success', r.checkedIn ? 'Vous êtes inscrit·e, et votre arrivée est enregistrée.' : 'Vous êtes inscrit·e : votre place est confirmée.'),
    el(
      'div',
      { class: 'entry-code' },
      el('p', {}, 'Votre code d’entrée : ', el('strong', { class: 'code' }, `${code.slice(0, 4)} ${code.slice(4)}`)),
      el('p', { class: 'hint' }, 'Présentez ce code, ou son QR code, à l’accueil. Il figure aussi dans le courriel de confirmation.'),
      await qrImage(code)
    ),
    r.onlineUrl ? el('p', {}, 'Lien de la réunion en ligne : ', el('a', { href: r.onlineUrl, rel: 'noopener' }, r.onlineUrl)) : null,
    upcoming ? el('p', { class: 'actions' }, cancel) : null,
    status,
  ];
}

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

/**
 * For a person who held a place, while the minutes await their remarks: the proposed minutes, the deadline, and one
 * remark they send, change or withdraw (published with the minutes, without their name).
 */
function minutesReview(slug: string, minutes: Minutes, onChange: () => void): Child {
  const status = statusRegion();
  const form = el(
    'form',
    { novalidate: true, 'aria-label': 'Ma remarque sur le compte rendu' },
    el(
      'div',
      { class: 'field' },
      el('label', { for: 'remarque' }, 'Votre remarque (un oubli, une erreur, une précision)'),
      el('textarea', { id: 'remarque', name: 'body', rows: 5, maxlength: 3000, required: true }, minutes.remark?.body ?? '')
    ),
    status,
    el('button', { type: 'submit', class: 'primary' }, minutes.remark ? 'Modifier ma remarque' : 'Envoyer ma remarque')
  );
  onSubmit(form, status, async (values) => {
    await ok(api.PUT('/meetings/{slug}/minutes/remark', { params: { path: { slug } }, body: { body: String(values.get('body') ?? '').trim() } }));
    return 'Remarque enregistrée : elle sera publiée avec le compte rendu, sans votre nom.';
  });
  const withdraw = el('button', { type: 'button' }, 'Retirer ma remarque');
  withdraw.addEventListener('click', async () => {
    withdraw.disabled = true;
    try {
      await ok(api.DELETE('/meetings/{slug}/minutes/remark', { params: { path: { slug } } }));
      onChange();
    } catch (error) {
      status.replaceChildren(errorBox(error));
      withdraw.disabled = false;
    }
  });
  return el(
    'section',
    { 'aria-labelledby': 'relecture' },
    el('h2', { id: 'relecture' }, 'Relire le compte rendu'),
    el(
      'p',
      { class: 'notice' },
      `Vous aviez une place à cette réunion : son compte rendu vous est proposé avant sa publication. Remarques jusqu’au ${DATE_TIME.format(new Date(minutes.remarksUntil))}.`
    ),
    el('blockquote', {}, ...paragraphs(minutes.minutes)),
    minutes.remark?.withheld ? message('notice', 'L’équipe a retenu votre remarque : son motif sera publié à sa place.') : null,
    form,
    minutes.remark ? el('p', { class: 'actions' }, withdraw) : null
  );
}

/** What was said in the room, entered into the consultation: each links to its page (supports, comments, answer). */
function saidInTheRoom(contributions: Schemas['MeetingContribution'][], total: number): Child {
  if (!contributions.length) return null;
  return el(
    'section',
    { 'aria-labelledby': 'dit-en-reunion' },
    el('h2', { id: 'dit-en-reunion' }, 'Ce qui a été dit en réunion'),
    el('p', {}, `${plural(total, 'contribution versée', 'contributions versées')} à la consultation.`),
    el(
      'ul',
      {},
      contributions.map((c) =>
        el(
          'li',
          {},
          el('a', { href: `#/contributions/${c.documentId}` }, c.title),
          ` — ${c.author.displayName}${c.territory?.name ? `, ${c.territory.name}` : ''}`
        )
      )
    )
  );
}

/** Whether the signed-in person has sent the meeting's registration questions. */
const questionsSent = async (slug: string) =>
  (await ok(api.GET('/questionnaires/{slug}/responses/mine', { params: { path: { slug } } })).catch(() => ({ data: null }))).data?.status === 'submitted';

export async function meetingView({ path: [slug] }: Params): Promise<View> {
  const [{ data: m }, mine, attendees, report, said] = await Promise.all([
    ok(api.GET('/meetings/{slug}', { params: { path: { slug } } })),
    session.signedIn
      ? ok(api.GET('/meetings/{slug}/registrations/mine', { params: { path: { slug } } })).catch(() => ({ data: null }))
      : Promise.resolve({ data: null }),
    ok(api.GET('/meetings/{slug}/attendees', { params: { path: { slug } } })),
    ok(api.GET('/meetings/{slug}/report', { params: { path: { slug } } })),
    ok(api.GET('/meetings/{slug}/contributions', { params: { path: { slug }, query: { pageSize: '100' } } })),
  ]);
  const minutes = m.viewer.canRemark ? (await ok(api.GET('/meetings/{slug}/minutes', { params: { path: { slug } } }))).data : null;
  const reload = () => navigate(`#/reunions/${slug}?t=${Date.now()}`);
  const r = mine.data && mine.data.status !== 'cancelled' ? mine.data : null;

  let registration: Child;
  if (r) registration = await registrationPanel(slug, r, m.state === 'upcoming', reload);
  else if (!m.registration.enabled) registration = el('p', {}, 'Entrée libre, sans inscription.');
  else if (m.state === 'cancelled' || !m.registration.open) registration = el('p', { class: 'notice' }, 'Les inscriptions sont closes.');
  else if (!session.signedIn) registration = el('p', { class: 'notice' }, 'Pour vous inscrire : ', signInOrUp());
  else if (!m.viewer.canRegister) registration = el('p', { class: 'notice' }, 'Cette réunion est complète.');
  else if (m.registrationQuestionnaire && !(await questionsSent(m.registrationQuestionnaire.slug)))
    registration = el(
      'p',
      { class: 'notice' },
      'Avant de vous inscrire, répondez aux questions d’inscription : ',
      el('a', { href: `#/q/${m.registrationQuestionnaire.slug}?retour=${encodeURIComponent(`/reunions/${m.slug}`)}` }, m.registrationQuestionnaire.title),
      '.'
    );
  else {
    const status = statusRegion();
    const full = m.registration.placesLeft === 0;
    const form = el(
      'form',
      { novalidate: true, 'aria-label': 'S’inscrire' },
      m.registrationTerms
        ? el(
            'div',
            { class: 'field' },
            el('p', { id: 'conditions' }, m.registrationTerms),
            el(
              'label',
              { class: 'choice' },
              el('input', { type: 'checkbox', name: 'acceptTerms', 'aria-describedby': 'conditions' }),
              ' J’accepte ces conditions'
            )
          )
        : null,
      m.attendeesPublic
        ? el(
            'label',
            { class: 'choice' },
            el('input', { type: 'checkbox', name: 'showName' }),
            ' Faire apparaître mon nom dans la liste publique des participant·es'
          )
        : null,
      el(
        'div',
        { class: 'field' },
        el('label', { for: 'organisation' }, 'Structure représentée (facultatif)'),
        el('input', { id: 'organisation', name: 'organisation', type: 'text', maxlength: 150, autocomplete: 'organization' })
      ),
      status,
      el('button', { type: 'submit', class: 'primary' }, full ? 'M’inscrire sur la liste d’attente' : 'M’inscrire')
    );
    onSubmit(form, status, async (values) => {
      const organisation = String(values.get('organisation') ?? '').trim();
      await ok(
        api.POST('/meetings/{slug}/registrations', {
          params: { path: { slug } },
          body: { acceptTerms: values.get('acceptTerms') === 'on', showName: values.get('showName') === 'on', organisation: organisation || null },
        })
      );
      reload();
    });
    registration = [
      full ? message('notice', 'La réunion est complète : inscrivez-vous sur la liste d’attente, les places libérées reviennent dans l’ordre.') : null,
      form,
    ];
  }

  const content: Child[] = [
    el(
      'article',
      { itemscope: true, itemtype: 'https://schema.org/Event' },
      el('h1', { itemprop: 'name' }, m.title),
      el(
        'p',
        { class: 'meta' },
        el('span', { class: 'status' }, m.stateLabel),
        ' · ',
        el('time', { itemprop: 'startDate', datetime: m.startsAt }, when(m)),
        el('meta', { itemprop: 'endDate', content: m.endsAt }),
        el('meta', {
          itemprop: 'eventAttendanceMode',
          content: `https://schema.org/${m.kind === 'online' ? 'Online' : m.kind === 'hybrid' ? 'Mixed' : 'Offline'}EventAttendanceMode`,
        }),
        el('meta', { itemprop: 'eventStatus', content: `https://schema.org/Event${m.state === 'cancelled' ? 'Cancelled' : 'Scheduled'}` })
      ),
      m.state === 'cancelled' ? message('error', `Cette réunion est annulée.${m.cancellationReason ? ` ${m.cancellationReason}` : ''}`) : null,
      el(
        'section',
        { 'aria-labelledby': 'lieu' },
        el('h2', { id: 'lieu' }, 'Lieu et accessibilité'),
        el(
          'p',
          { itemprop: 'location', itemscope: true, itemtype: m.kind === 'online' ? 'https://schema.org/VirtualLocation' : 'https://schema.org/Place' },
          `${m.kindLabel} · `,
          el('span', { itemprop: m.kind === 'online' ? 'name' : 'address' }, where(m))
        ),
        m.kind !== 'in_person' ? el('p', { class: 'hint' }, 'Le lien de la réunion en ligne est donné aux personnes inscrites.') : null,
        ...paragraphs(m.accessibility),
        m.services.length
          ? el(
              'ul',
              {},
              m.services.map((s) => el('li', {}, s.label))
            )
          : null
      ),
      m.description ? el('div', { itemprop: 'description' }, ...paragraphs(m.description)) : null,
      m.agenda.length
        ? el(
            'section',
            { 'aria-labelledby': 'ordre-du-jour' },
            el('h2', { id: 'ordre-du-jour' }, 'Ordre du jour'),
            el(
              'ol',
              {},
              m.agenda.map((a) => el('li', {}, a.time ? `${a.time} — ${a.title}` : a.title))
            )
          )
        : null,
      el(
        'section',
        { 'aria-labelledby': 'inscription' },
        el('h2', { id: 'inscription' }, 'Inscription'),
        m.registration.enabled ? el('p', {}, placesText(m.registration)) : null,
        registration,
        el('p', {}, el('a', { href: m.calendarUrl, download: `reunion-${m.slug}.ics` }, 'Ajouter à mon agenda (fichier .ics)'))
      ),
      report.data
        ? el(
            'section',
            { 'aria-labelledby': 'bilan' },
            el('h2', { id: 'bilan' }, 'Bilan de la réunion'),
            el('p', {}, `${plural(report.data.attendees, 'participant·e présent·e', 'participant·es présent·es')}.`),
            report.data.byCommune.length
              ? el(
                  'p',
                  {},
                  'Venu·es de : ',
                  report.data.byCommune.map((c) => `${c.name} (${c.count})`).join(', '),
                  ' — selon les communes déclarées à l’inscription.'
                )
              : null,
            report.data.organisations.length ? el('p', {}, 'Structures présentes : ', report.data.organisations.join(', '), '.') : null,
            report.data.minutes ? [el('h3', {}, 'Compte rendu'), ...paragraphs(report.data.minutes)] : null,
            report.data.remarksUntil
              ? [
                  el('h3', {}, 'Remarques des personnes inscrites'),
                  el(
                    'p',
                    { class: 'hint' },
                    `Le compte rendu a été soumis aux inscrit·es jusqu’au ${DATE_TIME.format(new Date(report.data.remarksUntil))} : ${plural(report.data.remarks.length, 'remarque reçue', 'remarques reçues')}, publiées sans nom.`
                  ),
                  report.data.remarks.length
                    ? el(
                        'ul',
                        {},
                        report.data.remarks.map((r) =>
                          el(
                            'li',
                            {},
                            r.text ? el('blockquote', {}, ...paragraphs(r.text)) : el('p', { class: 'hint' }, `Remarque non publiée : ${r.withheldReason}`)
                          )
                        )
                      )
                    : null,
                ]
              : null,
            report.data.mediaLinks.length
              ? el(
                  'ul',
                  {},
                  report.data.mediaLinks.map((l) => el('li', {}, el('a', { href: l.url, rel: 'noopener' }, l.title)))
                )
              : null
          )
        : null,
      minutes ? minutesReview(m.slug, minutes, reload) : null,
      saidInTheRoom(said.data, said.meta.pagination.total),
      m.attendeesPublic && attendees.data.length
        ? el(
            'section',
            { 'aria-labelledby': 'participants' },
            el('h2', { id: 'participants' }, 'Participant·es'),
            el(
              'ul',
              {},
              attendees.data.map((a) => el('li', {}, a.organisation ? `${a.name} (${a.organisation})` : a.name))
            )
          )
        : null
    ),
    el('p', {}, el('a', { href: '#/reunions' }, 'Toutes les réunions')),
  ];
  return { title: m.title, content };
}
