/** The visitor's account: sign in and up, passwords, their account (export, sign out everywhere, erase), notifications. */
import { api, ok } from '../api/client';
import { auth } from '../api/strapi';
import { date, download, el, message, paragraphs, plural } from '../dom';
import { session } from '../session';
import { flash, navigate, onSubmit, statusRegion, text, type Params, type View } from '../shell';
import { signInRequired } from './contributions';

/** Only a path of this site may be returned to after signing in (no open redirect through `retour`). */
const backTo = (query: URLSearchParams) => {
  const back = query.get('retour') ?? '/';
  return /^\/[a-z0-9/_?=&%.-]*$/i.test(back) && !back.startsWith('//') && !/^\/(connexion|inscription)/.test(back) ? `#${back}` : '#/';
};

const field = (id: string, label: string, attrs: Record<string, string | number | boolean>, hint?: string) => [
  el('label', { for: id }, label),
  hint ? el('p', { id: `${id}-aide`, class: 'hint' }, hint) : null,
  el('input', { id, ...attrs, ...(hint ? { 'aria-describedby': `${id}-aide` } : {}) }),
];

const PASSWORD_HINT = 'Au moins 12 caractères mêlant majuscules, minuscules, chiffres et caractères spéciaux, ou une phrase d’au moins 7 mots.';

export function signInView({ query }: Params): View {
  const back = backTo(query);
  const status = statusRegion();
  const form = el(
    'form',
    { class: 'stack', novalidate: true },
    field('identifiant', 'Adresse e-mail ou pseudonyme', { name: 'identifier', autocomplete: 'username', required: true }),
    field('motdepasse', 'Mot de passe', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    el(
      'label',
      { class: 'choice' },
      el('input', { type: 'checkbox', name: 'remember', 'aria-describedby': 'rester-aide' }),
      'Rester connecté·e sur cet appareil'
    ),
    el(
      'p',
      { id: 'rester-aide', class: 'hint' },
      'Sans cette case, la session dure tant qu’un onglet du site reste ouvert (les onglets ouverts depuis le site, ou depuis un e-mail pendant ce temps, la partagent). Ne la cochez pas sur un ordinateur partagé.'
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Se connecter'),
    status
  );
  onSubmit(form, status, async (values) => {
    const account = await auth.signIn(text(values, 'identifier'), String(values.get('password') ?? ''));
    if (!account.jwt) throw new Error('Confirmez d’abord votre adresse e-mail : un lien vous a été envoyé.');
    session.set(account.jwt, account.user.username, values.get('remember') === 'on');
    flash(`Bonjour ${account.user.username}, vous êtes connecté·e.`);
    navigate(back);
  });
  const confirmed = query.get('confirmation') === 'ok';
  return {
    title: 'Se connecter',
    content: [
      el('h1', {}, 'Se connecter'),
      confirmed ? message('success', 'Votre adresse e-mail est confirmée : vous pouvez vous connecter.') : null,
      form,
      el(
        'ul',
        { class: 'links' },
        el('li', {}, el('a', { href: '#/mot-de-passe-oublie' }, 'Mot de passe oublié ?')),
        el(
          'li',
          {},
          'Pas encore de compte ? ',
          el('a', { href: `#/inscription${query.get('retour') ? `?retour=${encodeURIComponent(query.get('retour')!)}` : ''}` }, 'Créer un compte')
        )
      ),
    ],
  };
}

export function registerView({ query }: Params): View {
  const back = backTo(query);
  const status = statusRegion();
  const form = el(
    'form',
    { class: 'stack', novalidate: true },
    field(
      'pseudonyme',
      'Pseudonyme',
      { name: 'username', autocomplete: 'nickname', required: true, minlength: 3, maxlength: 30 },
      'Il est affiché avec vos contributions. Vous pouvez utiliser votre prénom ou un pseudonyme.'
    ),
    field(
      'courriel',
      'Adresse e-mail',
      { name: 'email', type: 'email', autocomplete: 'email', required: true },
      'Elle n’est jamais publiée. Format attendu : nom@exemple.fr'
    ),
    field('nouveau-motdepasse', 'Mot de passe', { name: 'password', type: 'password', autocomplete: 'new-password', required: true }, PASSWORD_HINT),
    el(
      'label',
      { class: 'choice' },
      el('input', { type: 'checkbox', name: 'charter', required: true }),
      'J’ai lu la ',
      el('a', { href: '#/pages/charte-de-participation' }, 'charte de participation'),
      ' et je m’engage à la respecter.'
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Créer mon compte'),
    status
  );
  onSubmit(form, status, async (values) => {
    if (!values.get('charter')) throw new Error('Cochez la case pour accepter la charte de participation.');
    const email = text(values, 'email');
    const account = await auth.register(text(values, 'username'), email, String(values.get('password') ?? ''));
    if (account.jwt) {
      session.set(account.jwt, account.user.username);
      flash(`Bienvenue ${account.user.username} ! Votre compte est créé.`);
      navigate(back);
      return;
    }
    const sent = message('success', `Presque fini : un e-mail vient d’être envoyé à ${email}. Suivez le lien qu’il contient pour activer votre compte.`);
    form.replaceChildren(sent, resendButton(email));
    sent.setAttribute('tabindex', '-1');
    sent.focus();
  });
  return {
    title: 'Créer un compte',
    content: [
      el('h1', {}, 'Créer un compte'),
      el('p', {}, 'Tous les champs sont obligatoires.'),
      form,
      el('p', {}, 'Déjà un compte ? ', el('a', { href: '#/connexion' }, 'Se connecter')),
    ],
  };
}

function resendButton(email: string) {
  const status = el('p', { role: 'status' });
  const button = el('button', { type: 'button' }, 'Renvoyer l’e-mail de confirmation');
  button.addEventListener('click', async () => {
    try {
      await auth.resendConfirmation(email);
      status.textContent = 'L’e-mail est renvoyé.';
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });
  return el('div', {}, button, status);
}

export function forgotPasswordView(): View {
  const status = statusRegion();
  const form = el(
    'form',
    { class: 'stack', novalidate: true },
    field('courriel', 'Adresse e-mail de votre compte', { name: 'email', type: 'email', autocomplete: 'email', required: true }),
    el('button', { type: 'submit', class: 'primary' }, 'Recevoir un lien'),
    status
  );
  onSubmit(form, status, async (values) => {
    await auth.forgotPassword(text(values, 'email'));
    // The same answer whether the address has an account or not: no one learns who is registered.
    return 'Si un compte existe avec cette adresse, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe.';
  });
  return {
    title: 'Mot de passe oublié',
    content: [
      el('h1', {}, 'Mot de passe oublié'),
      el('p', {}, 'Indiquez l’adresse e-mail de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.'),
      form,
    ],
  };
}

export function resetPasswordView({ query }: Params): View {
  const code = query.get('code');
  if (!code)
    return {
      title: 'Nouveau mot de passe',
      content: [
        el('h1', {}, 'Nouveau mot de passe'),
        message('error', 'Ce lien est incomplet. Demandez-en un nouveau.'),
        el('p', {}, el('a', { href: '#/mot-de-passe-oublie' }, 'Mot de passe oublié')),
      ],
    };
  const status = statusRegion();
  const form = el(
    'form',
    { class: 'stack', novalidate: true },
    field('nouveau-motdepasse', 'Nouveau mot de passe', { name: 'password', type: 'password', autocomplete: 'new-password', required: true }, PASSWORD_HINT),
    field('confirmation-motdepasse', 'Le même, une seconde fois', {
      name: 'passwordConfirmation',
      type: 'password',
      autocomplete: 'new-password',
      required: true,
    }),
    el('button', { type: 'submit', class: 'primary' }, 'Enregistrer mon mot de passe'),
    status
  );
  onSubmit(form, status, async (values) => {
    const account = await auth.resetPassword(code, String(values.get('password') ?? ''), String(values.get('passwordConfirmation') ?? ''));
    if (account.jwt) session.set(account.jwt, account.user.username);
    flash('Votre mot de passe est changé.');
    navigate(account.jwt ? '#/compte' : '#/connexion');
  });
  return { title: 'Nouveau mot de passe', content: [el('h1', {}, 'Choisir un nouveau mot de passe'), form] };
}

export async function accountView(): Promise<View> {
  if (!session.signedIn) return signInRequired('Mon compte');
  const exportStatus = el('p', { role: 'status' });
  const exportButton = el('button', { type: 'button' }, 'Télécharger mes données (JSON)');
  exportButton.addEventListener('click', async () => {
    try {
      const { data } = await ok(api.GET('/me/export'));
      download(JSON.stringify(data, null, 2), `mes-donnees-participer-${new Date().toISOString().slice(0, 10)}.json`);
      exportStatus.textContent = 'Le fichier de vos données est téléchargé.';
    } catch (error) {
      exportStatus.textContent = (error as Error).message;
    }
  });

  const everywhereStatus = el('p', { role: 'status' });
  const everywhere = el('button', { type: 'button' }, 'Me déconnecter partout');
  everywhere.addEventListener('click', async () => {
    try {
      await ok(api.DELETE('/me/sessions'));
      session.clear();
      flash('Vous êtes déconnecté·e de tous vos appareils.');
      navigate('#/');
    } catch (error) {
      everywhereStatus.textContent = (error as Error).message;
    }
  });

  const eraseStatus = statusRegion();
  const erase = el(
    'form',
    { class: 'stack danger', novalidate: true },
    el(
      'p',
      {},
      'Vos données personnelles (pseudonyme, adresse e-mail, signatures, suivis) sont supprimées et vos sessions fermées. Vos contributions publiées restent, signées « Participant·e supprimé·e ». C’est définitif.'
    ),
    field('effacer-motdepasse', 'Votre mot de passe, pour confirmer', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    el(
      'label',
      { class: 'choice' },
      el('input', { type: 'checkbox', name: 'sure', required: true }),
      'Je comprends que mon compte sera effacé définitivement.'
    ),
    el('button', { type: 'submit', class: 'danger' }, 'Effacer mon compte'),
    eraseStatus
  );
  onSubmit(erase, eraseStatus, async (values) => {
    if (!values.get('sure')) throw new Error('Cochez la case pour confirmer l’effacement.');
    await ok(api.DELETE('/me', { body: { password: String(values.get('password') ?? '') } }));
    session.clear();
    flash('Votre compte est effacé. Merci d’avoir participé.');
    navigate('#/');
  });

  return {
    title: 'Mon compte',
    content: [
      el('h1', {}, 'Mon compte'),
      el('p', {}, `Connecté·e en tant que ${session.name ?? ''}.`),
      el(
        'ul',
        { class: 'links' },
        el('li', {}, el('a', { href: '#/mes-contributions' }, 'Mes contributions'), ' : leur modération et les réponses du Département'),
        el('li', {}, el('a', { href: '#/notifications' }, 'Mes notifications'), ' : ce que je suis et quand être prévenu·e'),
        el('li', {}, el('a', { href: '#/petitions?miennes=1' }, 'Mes pétitions et signatures'))
      ),
      el(
        'section',
        { 'aria-labelledby': 'mes-donnees' },
        el('h2', { id: 'mes-donnees' }, 'Mes données'),
        el(
          'p',
          {},
          'Tout ce que la plateforme détient sur vous, dans un fichier lisible par une machine (droit d’accès et à la portabilité, RGPD articles 15 et 20).'
        ),
        exportButton,
        exportStatus
      ),
      el(
        'section',
        { 'aria-labelledby': 'sessions' },
        el('h2', { id: 'sessions' }, 'Sessions'),
        el('p', {}, 'Un appareil perdu, un ordinateur partagé ? Fermez toutes vos sessions, celle-ci comprise.'),
        everywhere,
        everywhereStatus
      ),
      el('section', { 'aria-labelledby': 'effacer' }, el('h2', { id: 'effacer' }, 'Effacer mon compte'), erase),
    ],
  };
}

const FREQUENCIES: [string, string][] = [
  ['immediate', 'Tout de suite'],
  ['daily', 'Un récapitulatif par jour'],
  ['weekly', 'Un récapitulatif par semaine'],
  ['off', 'Jamais'],
];

export async function notificationsView(): Promise<View> {
  if (!session.signedIn) return signInRequired('Mes notifications');
  const [{ data: prefs }, { data: follows }, inbox] = await Promise.all([
    ok(api.GET('/me/notification-preferences')),
    ok(api.GET('/me/follows', { params: { query: { pageSize: '100' } } })),
    ok(api.GET('/me/notifications', { params: { query: { pageSize: '30' } } })),
  ]);
  // What the mails said, kept here: newest first, the unread ones marked.
  const markAll = el('button', { type: 'button' }, 'Tout marquer comme lu');
  markAll.addEventListener('click', async () => {
    await ok(api.POST('/me/notifications/read', { body: {} }));
    flash('Toutes vos notifications sont marquées comme lues.');
    navigate(location.hash);
  });
  const received = inbox.data.length
    ? el(
        'ul',
        { class: 'cards notifications' },
        inbox.data.map((n) =>
          el(
            'li',
            { class: n.read ? 'card' : 'card unread' },
            el('h3', {}, n.subject, n.read ? null : el('span', { class: 'status' }, ' Non lue')),
            el('p', { class: 'meta' }, `Le ${date(n.createdAt)}`),
            paragraphs(n.body),
            n.link ? el('p', {}, el('a', { href: n.link }, 'Voir', el('span', { class: 'visually-hidden' }, ` : ${n.subject}`))) : null
          )
        )
      )
    : el('p', {}, 'Aucune notification pour le moment.');
  const status = statusRegion();
  const form = el(
    'form',
    { class: 'stack' },
    prefs.kinds.map((k) =>
      el(
        'fieldset',
        {},
        el('legend', {}, k.label),
        FREQUENCIES.map(([value, label]) =>
          el('label', { class: 'choice' }, el('input', { type: 'radio', name: k.kind, value, checked: k.frequency === value }), label)
        )
      )
    ),
    el('button', { type: 'submit', class: 'primary' }, 'Enregistrer mes choix'),
    status
  );
  onSubmit(form, status, async (values) => {
    const frequencies = Object.fromEntries([...values].map(([k, v]) => [k, String(v)])) as Record<string, 'immediate' | 'daily' | 'weekly' | 'off'>;
    await ok(api.PUT('/me/notification-preferences', { body: { frequencies } }));
    return 'Vos choix sont enregistrés.';
  });
  const list = follows.length
    ? el(
        'ul',
        { class: 'cards' },
        follows.map((f) => {
          const stop = el('button', { type: 'button' }, 'Ne plus suivre', el('span', { class: 'visually-hidden' }, ` « ${f.title ?? f.documentId} »`));
          stop.addEventListener('click', async () => {
            if (f.target === 'consultation' && f.slug) await ok(api.DELETE('/consultations/{slug}/follow', { params: { path: { slug: f.slug } } }));
            else await ok(api.DELETE('/contributions/{id}/follow', { params: { path: { id: f.documentId } } }));
            flash(`Vous ne suivez plus « ${f.title ?? f.documentId} ».`);
            navigate(location.hash);
          });
          return el(
            'li',
            { class: 'card' },
            el(
              'h3',
              {},
              f.target === 'consultation' && f.slug
                ? el('a', { href: `#/c/${f.slug}` }, f.title ?? 'Consultation')
                : el('a', { href: `#/contributions/${f.documentId}` }, f.title ?? 'Contribution')
            ),
            el('p', { class: 'meta' }, `${f.target === 'consultation' ? 'Consultation' : 'Contribution'} suivie depuis le ${date(f.followedAt)}`),
            stop
          );
        })
      )
    : el('p', {}, 'Vous ne suivez rien pour le moment. Vos propres contributions sont suivies d’office.');
  return {
    title: 'Mes notifications',
    content: [
      el('h1', {}, 'Mes notifications'),
      el(
        'section',
        { 'aria-labelledby': 'recues' },
        el('h2', { id: 'recues' }, inbox.meta.unread ? `Reçues (${plural(inbox.meta.unread, 'non lue', 'non lues')})` : 'Reçues'),
        inbox.meta.unread ? markAll : null,
        received
      ),
      el('h2', {}, 'Quand me prévenir par e-mail'),
      el('p', {}, 'Par défaut, vous recevez au plus un récapitulatif par jour, et les décisions de modération sur vos textes tout de suite.'),
      form,
      el('h2', {}, 'Ce que je suis'),
      list,
    ],
  };
}

/** The page a mail's unsubscribe link opens: says what it will do, and does it only when confirmed. */
export async function unsubscribeView({ query }: Params): Promise<View> {
  const token = query.get('jeton');
  if (!token) return { title: 'Désabonnement', content: [el('h1', {}, 'Désabonnement'), message('error', 'Ce lien est incomplet.')] };
  const { data } = await ok(api.GET('/notifications/unsubscribe', { params: { query: { token } } }));
  const status = statusRegion();
  const button = el('button', { type: 'button', class: 'primary' }, 'Confirmer');
  button.addEventListener('click', async () => {
    try {
      await ok(api.POST('/notifications/unsubscribe', { params: { query: { token } } }));
      button.disabled = true;
      status.replaceChildren(message('success', 'C’est fait. Vous pouvez changer d’avis à tout moment dans « Mes notifications ».'));
    } catch (error) {
      status.replaceChildren(message('error', (error as Error).message));
    }
  });
  return { title: 'Désabonnement', content: [el('h1', {}, 'Désabonnement'), el('p', {}, `Vous allez ${data.description}.`), button, status] };
}
