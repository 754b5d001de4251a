import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';

type Template = { display: string; icon: string; options: { from: { name: string; email: string }; response_email: string; object: string; message: string } };
type Advanced = Record<string, unknown> & { email_confirmation?: boolean; email_confirmation_redirection?: string | null };

/** users-permissions' first-run values, which it writes only when nothing is there yet. */
const ADVANCED_DEFAULTS: Advanced = {
  unique_email: true,
  allow_register: true,
  email_confirmation: false,
  email_reset_password: null,
  email_confirmation_redirection: null,
  default_role: 'authenticated',
};
const ENGLISH_SUBJECTS = ['Account confirmation', 'Reset password'];

const sender = (strapi: Core.Strapi) => {
  const from = String(strapi.config.get('plugin::email.settings.defaultFrom') ?? '') || 'Participer <ne-pas-repondre@participer.loire-atlantique.fr>';
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1] || 'Participer', email: match[2] } : { name: 'Participer', email: from };
};

const frenchTemplates = (strapi: Core.Strapi): Record<'email_confirmation' | 'reset_password', Template> => ({
  email_confirmation: {
    display: 'Email.template.email_confirmation',
    icon: 'check-square',
    options: {
      from: sender(strapi),
      response_email: '',
      object: 'Confirmez votre adresse e-mail',
      message: `<p>Bonjour,</p>
<p>Vous venez de créer un compte sur la plateforme de participation citoyenne. Pour l’activer, confirmez votre adresse e-mail en suivant ce lien :</p>
<p><a href="<%= URL %>?confirmation=<%= CODE %>">Confirmer mon adresse e-mail</a></p>
<p>Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message : aucun compte ne sera activé.</p>
<p>L’équipe de la participation citoyenne</p>`,
    },
  },
  reset_password: {
    display: 'Email.template.reset_password',
    icon: 'sync',
    options: {
      from: sender(strapi),
      response_email: '',
      object: 'Réinitialisez votre mot de passe',
      message: `<p>Bonjour,</p>
<p>Une réinitialisation du mot de passe de votre compte a été demandée. Pour choisir un nouveau mot de passe, suivez ce lien :</p>
<p><a href="<%= URL %>?code=<%= TOKEN %>">Choisir un nouveau mot de passe</a></p>
<p>Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.</p>
<p>L’équipe de la participation citoyenne</p>`,
    },
  },
});

/**
 * users-permissions' settings that follow the plugin's configuration at every start: e-mail confirmation on or
 * off (ACCOUNT_EMAIL_CONFIRMATION), where its link and the password-reset link lead, and French mails instead of Strapi's English first-run
 * templates (templates staff have edited in the admin are left as they are).
 */
export async function applyAccountSettings(strapi: Core.Strapi) {
  const { accounts } = strapi.config.get('plugin::participation') as PluginConfig;
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) as Advanced | null) ?? ADVANCED_DEFAULTS;
  const site = `${String(strapi.config.get('server.url') ?? '').replace(/\/$/, '')}/site/#`;
  await store.set({
    key: 'advanced',
    value: {
      ...advanced,
      email_confirmation: accounts.emailConfirmation,
      // Where the reference site takes over; staff may point them at their own front end in the admin.
      email_confirmation_redirection: advanced.email_confirmation_redirection || `${site}/connexion?confirmation=ok`,
      email_reset_password: advanced.email_reset_password || `${site}/nouveau-mot-de-passe`,
    },
  });
  const templates = ((await store.get({ key: 'email' })) as Record<string, Template> | null) ?? {};
  const french = frenchTemplates(strapi);
  const next = { ...templates };
  for (const key of ['email_confirmation', 'reset_password'] as const) {
    const current = templates[key];
    if (!current || ENGLISH_SUBJECTS.includes(current.options?.object)) next[key] = french[key];
  }
  await store.set({ key: 'email', value: next });
}
