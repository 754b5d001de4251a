import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config';
import { validationFailed } from '../platform/errors';
import type { HttpContext, Next } from '../platform/http';
import errors from '../platform/middlewares/errors';
import { getService } from '../platform/services';
import { displayNameProblem, passwordProblem } from './domain/credentials';

type AccountRoute = { kind: 'register' | 'login' | 'recovery'; checks: ('username' | 'password')[] };

/** users-permissions' account routes, by method and path. */
const ROUTES: Record<string, AccountRoute> = {
  'POST /api/auth/local/register': { kind: 'register', checks: ['username', 'password'] },
  'POST /api/auth/local': { kind: 'login', checks: [] },
  'POST /api/auth/change-password': { kind: 'login', checks: ['password'] },
  'POST /api/auth/forgot-password': { kind: 'recovery', checks: [] },
  'POST /api/auth/reset-password': { kind: 'recovery', checks: ['password'] },
  'POST /api/auth/send-email-confirmation': { kind: 'recovery', checks: [] },
};

/** users-permissions answers in English: what citizens read instead. */
const FRENCH: [RegExp, string][] = [
  [/^Invalid identifier or password$/i, 'Identifiant ou mot de passe incorrect.'],
  [/email is not confirmed/i, 'Confirmez d’abord votre adresse e-mail : un lien vous a été envoyé.'],
  [/has been blocked/i, 'Ce compte a été bloqué.'],
  [/already taken/i, 'Cette adresse e-mail ou ce pseudonyme est déjà utilisé.'],
  [/^Too many requests/i, 'Trop de requêtes : réessayez plus tard.'],
  [/current password is invalid/i, 'Le mot de passe actuel est incorrect.'],
  [/must be different/i, 'Le nouveau mot de passe doit être différent de l’actuel.'],
  [/^Incorrect code provided$/i, 'Lien de réinitialisation invalide ou expiré.'],
  [/^Passwords do not match$/i, 'Les deux mots de passe ne correspondent pas.'],
  [/^Register action is currently disabled$/i, 'Les inscriptions sont fermées.'],
  [/^Already confirmed$/i, 'Cette adresse e-mail est déjà confirmée.'],
];

/**
 * In front of users-permissions' account routes (listed in the app's config/middlewares.ts, after the body
 * parser): budgets per client IP and for everyone (keys no body field can vary), the password policy and the
 * reserved names, then French messages for what users-permissions refuses.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  let config: PluginConfig['accounts'] | undefined;
  // An app-level middleware: our refusals get the error envelope here, not from a route's middleware.
  const envelope = errors();
  const french = (message: string) => FRENCH.find(([pattern]) => pattern.test(message))?.[1] ?? message;

  return async (ctx: HttpContext, next: Next) => {
    const route = ctx.method === 'POST' ? ROUTES[`POST ${ctx.path.replace(/\/+$/, '')}`] : undefined;
    if (!route) return next();
    return envelope(ctx, async () => {
      config ??= (strapi.config.get('plugin::participation') as PluginConfig).accounts;
      if (config.rateLimit.enabled) await getService(strapi, 'rate-limits').consumeAccount(route.kind, ctx.request.ip);

      const body = (ctx.request.body ?? {}) as Record<string, unknown>;
      const problems: { path: string[]; message: string }[] = [];
      if (route.checks.includes('username') && typeof body.username === 'string') {
        const problem = displayNameProblem(body.username);
        if (problem) problems.push({ path: ['username'], message: problem });
      }
      if (route.checks.includes('password') && typeof body.password === 'string') {
        const account = {
          username: typeof body.username === 'string' ? body.username : undefined,
          email: typeof body.email === 'string' ? body.email : undefined,
        };
        const problem = passwordProblem(body.password, account);
        if (problem) problems.push({ path: ['password'], message: problem });
      }
      if (problems.length) throw validationFailed(problems, problems[0].message);

      try {
        await next();
      } catch (error) {
        if (error instanceof Error) error.message = french(error.message);
        throw error;
      }
      const answered = (ctx.body as { error?: { message?: unknown } } | undefined)?.error;
      if (answered && typeof answered.message === 'string') answered.message = french(answered.message);
    });
  };
};
