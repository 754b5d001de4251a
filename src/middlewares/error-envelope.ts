import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailableBody } from '../availability';
import { errorBody } from '../error-body';

const MESSAGES: Record<number, [name: string, message: string, code: string]> = {
  405: ['MethodNotAllowedError', 'Méthode non permise sur cette adresse (voir l’en-tête Allow).', 'method_not_allowed'],
  501: ['NotImplementedError', 'Méthode non prise en charge.', 'not_implemented'],
};

/** PostgreSQL's "data exception" class (22xxx): a value of the request that does not fit a column's type. */
const isDataException = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
};

/**
 * Strapi's REST (pages, news, the homepage, users-permissions' routes) refuses in English: what people read instead.
 * The key a refusal names, and Strapi's `details`, are kept.
 */
const FRENCH: [RegExp, (...groups: string[]) => string][] = [
  [/^Invalid key (\S+) at (\S+)$/, (key, at) => `Paramètre inconnu ou non autorisé : ${key} (dans ${at}).`],
  [/^Invalid key (\S+)$/, (key) => `Paramètre inconnu ou non autorisé : ${key}.`],
  [/^Forbidden$/, () => 'Accès refusé.'],
  [/^Not Found$/, () => 'Ressource introuvable.'],
  [/^(Unauthorized|Missing or invalid credentials)$/, () => 'Connectez-vous pour accéder à cette ressource.'],
  [/^Too many requests, please try again later\.?$/, () => 'Trop de tentatives : réessayez dans quelques minutes.'],
];

/**
 * Where refusals are put in French: the public API, and the admin panel's sign-in and password pages (whose rate
 * limit answered « Too many requests, please try again later. » on the login screen). The rest of the admin panel's
 * API is Strapi's own, translated by the panel itself.
 */
const translated = (path: string) => path.startsWith('/api/') || /^\/admin\/(login|register|register-admin|forgot-password|reset-password)$/.test(path);

/** The error (thrown, or already in the answer's envelope) with its message in French, when it is one of these. */
const inFrench = (error: unknown) => {
  const refusal = error as { message?: unknown } | null | undefined;
  if (!refusal || typeof refusal.message !== 'string') return;
  for (const [pattern, french] of FRENCH) {
    const found = pattern.exec(refusal.message);
    if (found) {
      refusal.message = french(...found.slice(1));
      return;
    }
  }
};

type RouteLayer = { methods: string[]; match: (path: string) => boolean };
type MatchingRouter = { match: (path: string, method: string) => { path: RouteLayer[] } };

/** An address no route has: a catch-all route matches it, a real one does not. */
const PROBE = '/participer/sonde-de-route-inexistante';

/**
 * The methods the routes at this address answer when none of them is a GET, or none. Strapi's `strapi::public`
 * registers a catch-all GET route (the public folder), so a GET on a write-only address (`/contributions/:id/supports`)
 * matches it, finds no file, and never reaches the router's 405: it is told here.
 */
function writeOnlyMethodsAt(strapi: Core.Strapi, path: string): string[] {
  const { router } = strapi.server as unknown as { router: MatchingRouter };
  const routes = router.match(path, 'GET').path.filter((layer) => layer.methods.length && !layer.match(PROBE));
  const methods = new Set(routes.flatMap((layer) => layer.methods));
  return methods.has('GET') ? [] : [...methods].filter((m) => m !== 'HEAD');
}

/**
 * A database that cannot be reached answers 503 with Retry-After (src/availability.ts).
 * What the client sent, refused in Strapi's JSON error envelope like every other error, in French: an address
 * nobody answers (404), the router's plain-text 405 (or 501), keeping the Allow header; and a query value the
 * database cannot read as its column's type (a text where Strapi's REST filters expect an id, on PostgreSQL), which
 * is the request's fault, not a 500.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      // The database cannot be reached: the client is told to come back shortly, never a 500.
      if (isDatabaseUnavailable(error)) {
        strapi.log.warn(`Base de données injoignable : ${(error as Error).message}`);
        ctx.status = 503;
        ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
        ctx.body = unavailableBody();
        return;
      }
      if (!isDataException(error) || !['GET', 'HEAD'].includes(ctx.method)) {
        if (translated(ctx.path)) inFrench(error);
        throw error;
      }
      strapi.log.debug(`Paramètre de requête refusé par la base : ${(error as Error).message}`);
      ctx.status = 400;
      ctx.body = errorBody(400, 'ValidationError', 'Paramètre de requête invalide : une valeur n’a pas le type attendu.', 'validation_failed');
      return;
    }
    if (ctx.status >= 400 && translated(ctx.path)) inFrench((ctx.body as { error?: unknown } | null | undefined)?.error);
    // Nobody answered, or a route said 404 without a word: an unknown address (Strapi's own answer is English), or a
    // GET on an address that only takes writes (405 below).
    if (ctx.status === 404 && ctx.body == null) {
      const allowed = ['GET', 'HEAD'].includes(ctx.method) ? writeOnlyMethodsAt(strapi, ctx.path) : [];
      if (!allowed.length) {
        ctx.body = errorBody(404, 'NotFoundError', 'Ressource introuvable : cette adresse ne répond à rien.', 'not_found');
        ctx.status = 404;
        return;
      }
      ctx.set('Allow', allowed.join(', '));
      ctx.status = 405;
    }
    const known = MESSAGES[ctx.status];
    if (!known || (ctx.body !== null && typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body))) return;
    const [name, message, code] = known;
    const status = ctx.status;
    ctx.body = errorBody(status, name, message, code);
    ctx.status = status;
  };
