import { rm } from 'fs/promises';
import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { koaBody, type KoaBodyMiddlewareOptions } from 'koa-body';
import helmet from 'koa-helmet';
import { defaultsDeep, mergeWith } from 'lodash/fp';
import { lookup } from 'mime-types';
import { errorBody } from './error-body';

/**
 * Strapi's `strapi::security` and `strapi::body`, built once instead of on every request.
 *
 * Strapi 5.54's own factories rebuild their middleware inside the request handler: `strapi::security` deep-merges
 * its configuration and constructs a new helmet middleware (every header's function, the CSP parsed) for each
 * request, and `strapi::body` constructs a new koa-body middleware, whose options are validated by a zod schema,
 * for each request. On this app that was about a third of the CPU of a public read (0.9 → 0.6 ms per request
 * measured on the consultation by slug) and a tenth of a moderation-queue view.
 *
 * These are the same middlewares with the same configuration and the same behaviour, registered under the same
 * names (Strapi requires both): the helmet middleware is built once per variant Strapi distinguishes (the
 * documentation's and the GraphQL playground's GET pages get a wider CSP; in development and test, the admin
 * panel's GET pages allow Vite's reload socket), koa-body once. `tests/core-middlewares.test.ts` holds them to
 * Strapi's headers and body rules. One difference, on purpose: a body the parser cannot read is refused in French,
 * in the API's envelope and codes, without the error log (see `refuseBody`).
 */

type Middleware = (ctx: Context, next: Next) => Promise<unknown>;
type Factory = (config: Record<string, unknown>, context: { strapi: Core.Strapi }) => Middleware;

const SECURITY_DEFAULTS = {
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  contentSecurityPolicy: { useDefaults: true, directives: { ...CSP_DEFAULTS, upgradeInsecureRequests: null } },
  xssFilter: false,
  hsts: { maxAge: 31536000, includeSubDomains: true },
  frameguard: { action: 'sameorigin' },
};

/** Strapi's merge of a variant into the configuration: arrays add up, anything else is replaced. */
const mergeConfig = (existing: object, extra: object) =>
  mergeWith(
    (objValue: unknown, srcValue: unknown) => (Array.isArray(objValue) && Array.isArray(srcValue) ? objValue.concat(srcValue) : undefined),
    existing,
    extra
  );

type GraphqlPlugin = { service: (name: string) => { playground: { isEnabled: () => boolean } }; config: (key: string) => string };

export const securityMiddleware: Factory = (config, { strapi }) => {
  const base = defaultsDeep(SECURITY_DEFAULTS, config) as Record<string, unknown>;
  const specialPaths = ['/documentation'];
  const directives: Record<string, string[]> = {
    'script-src': ["'self'", "'unsafe-inline'", 'cdn.jsdelivr.net'],
    'img-src': ["'self'", 'data:', 'cdn.jsdelivr.net', 'strapi.io'],
    'manifest-src': [],
    'frame-src': [],
  };
  const graphql = strapi.plugin('graphql') as unknown as GraphqlPlugin | undefined;
  if (graphql?.service('utils').playground.isEnabled()) {
    specialPaths.push(graphql.config('endpoint'));
    directives['script-src'].push(`https: 'unsafe-inline'`);
    directives['img-src'].push(`'apollo-server-landing-page.cdn.apollographql.com'`);
    directives['manifest-src'].push(`'self'`, 'apollo-server-landing-page.cdn.apollographql.com');
    directives['frame-src'].push(`'self'`, 'sandbox.embed.apollographql.com');
  }
  const adminPath = String(strapi.config.get('admin.path', '/admin'));
  const viteReload = ['development', 'test'].includes(process.env.NODE_ENV ?? '');

  const variants = new Map<string, Middleware>();
  const variant = (special: boolean, adminPage: boolean) => {
    const key = `${special}:${adminPage}`;
    let middleware = variants.get(key);
    if (!middleware) {
      let options: object = base;
      if (special) options = mergeConfig(options, { crossOriginEmbedderPolicy: false, contentSecurityPolicy: { directives } });
      if (adminPage) {
        options = mergeConfig(options, {
          contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'connect-src': ["'self'", 'http:', 'https:', 'ws:'] } },
        });
      }
      middleware = helmet(options as Parameters<typeof helmet>[0]) as unknown as Middleware;
      variants.set(key, middleware);
    }
    return middleware;
  };

  return (ctx, next) => {
    const get = ctx.method === 'GET';
    const special = get && specialPaths.some((p) => ctx.path.startsWith(p));
    const adminPage = viteReload && get && ctx.path.startsWith(adminPath);
    return variant(special, adminPage)(ctx, next);
  };
};

type UploadedFile = { name?: string; type?: string; filepath?: string };
type WithFiles = { request: { files?: { files?: UploadedFile | UploadedFile[] } } };

const BODY_DEFAULTS = { multipart: true, patchKoa: true };

const isFileTooBig = (error: unknown) => error instanceof Error && error.message.includes('maxFileSize') && error.message.includes('exceeded');

/**
 * The status of a body the parsers could not read, or null when the fault is the server's. The parsers read nothing
 * but the request, so their errors are the client's: co-body and raw-body give a `status` (malformed or non-object
 * JSON 400, over the limit 413, an unknown charset or encoding 415), formidable an `httpCode` (a broken multipart
 * 400), node's zlib its own codes (a body announced as gzip, deflate or br that does not decompress: 400). The
 * server's own faults stay 500: a 5xx status, or a system error (`syscall`, `E…` codes: a disk full while an upload
 * is written).
 */
function clientStatusOf(error: unknown): number | null {
  const refused = (error ?? {}) as { status?: unknown; statusCode?: unknown; httpCode?: unknown; code?: unknown; syscall?: unknown };
  const status = [refused.status, refused.statusCode, refused.httpCode].find((s) => typeof s === 'number');
  if (typeof status === 'number') return status >= 400 && status < 500 ? status : null;
  const systemError = refused.syscall !== undefined || (typeof refused.code === 'string' && /^E[A-Z0-9]+$/.test(refused.code));
  return systemError ? null : 400;
}

/** Deepest nesting of objects and arrays a body may have: far beyond any form, far below what recursion survives. */
export const MAX_BODY_DEPTH = 64;

/**
 * Whether `value` nests objects or arrays deeper than `max` (a top-level object is depth 1), found without recursion:
 * a body nested 5,000 deep (20 kB) overflowed the stack of every recursive walk behind the parser (500).
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

const BODY_REFUSALS: Record<number, [name: string, message: string, code: string]> = {
  400: ['ValidationError', 'Corps de la requête illisible : JSON, formulaire ou compression mal formés.', 'validation_failed'],
  413: ['PayloadTooLargeError', 'Requête trop volumineuse.', 'payload_too_large'],
  415: ['UnsupportedMediaTypeError', 'Encodage du corps non pris en charge : envoyez du JSON en UTF-8.', 'unsupported_media_type'],
};

/**
 * Strapi lets the parsers' errors through to its error middleware, which logs each one with the body it could not
 * read (a password typed into a broken sign-in form included) and answers the parser's English message, or a 500
 * for formidable's errors. Here the client gets Strapi's envelope in French with the API's codes, and nothing is
 * logged: the request is refused before any route runs.
 */
function refuseBody(ctx: Context, status: number) {
  const answered = status in BODY_REFUSALS ? status : 400;
  const [name, message, code] = BODY_REFUSALS[answered];
  ctx.status = answered;
  ctx.body = errorBody(answered, name, message, code);
}

export const bodyMiddleware: Factory = (config, { strapi }) => {
  const parse = koaBody(defaultsDeep(BODY_DEFAULTS, config) as Partial<KoaBodyMiddlewareOptions>) as unknown as Middleware;
  const graphql = strapi.plugin('graphql') as unknown as GraphqlPlugin | undefined;
  const graphqlEndpoint = graphql ? graphql.config('endpoint') : undefined;
  const filesOf = (ctx: Context) => (ctx as unknown as WithFiles).request.files?.files;
  const list = (files: UploadedFile | UploadedFile[]) => (Array.isArray(files) ? files : [files]);
  const payloadTooLarge = (ctx: Context) => (ctx as unknown as { payloadTooLarge: (message: string) => unknown }).payloadTooLarge('FileTooBig');

  return async (ctx, next) => {
    if (graphqlEndpoint && ctx.url === graphqlEndpoint) {
      await next();
    } else {
      try {
        await parse(ctx, async () => undefined);
      } catch (error) {
        if (isFileTooBig(error)) return payloadTooLarge(ctx);
        const status = clientStatusOf(error);
        if (status === null) throw error;
        return refuseBody(ctx, status);
      }
      if (nestsDeeperThan(ctx.request.body, MAX_BODY_DEPTH)) {
        ctx.status = 400;
        ctx.body = errorBody(400, 'ValidationError', `Corps de la requête trop imbriqué : ${MAX_BODY_DEPTH} niveaux au plus.`, 'validation_failed');
        return;
      }
      const files = filesOf(ctx);
      // Without a declared type, the file's extension tells it: nothing untyped reaches the media library.
      if (files) for (const file of list(files)) if (!file.type) file.type = lookup(file.name ?? '') || 'application/octet-stream';
      try {
        await next();
      } catch (error) {
        if (isFileTooBig(error)) return payloadTooLarge(ctx);
        throw error;
      }
    }
    // Uploaded temporary files are removed once the request is done (not awaited: the answer does not wait).
    const files = filesOf(ctx);
    if (files) {
      for (const file of list(files)) if (file.filepath) void rm(file.filepath, { force: true }).catch(() => undefined);
      delete (ctx as unknown as WithFiles).request.files;
    }
  };
};

type MiddlewareRegistry = { extend: (uid: string, extend: (factory: unknown) => unknown) => unknown };

/** In the app's `register`: before the server builds its middlewares. */
export function buildCoreMiddlewaresOnce(strapi: Core.Strapi) {
  const registry = strapi.get('middlewares') as unknown as MiddlewareRegistry;
  registry.extend('strapi::security', () => securityMiddleware);
  registry.extend('strapi::body', () => bodyMiddleware);
}
