import { rm } from 'fs/promises';
import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import type { Context, Next } from 'koa';
import { koaBody, type KoaBodyMiddlewareOptions } from 'koa-body';
import helmet from 'koa-helmet';
import { defaultsDeep, mergeWith } from 'lodash/fp';
import { lookup } from 'mime-types';

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
 * Strapi's headers and body rules.
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
  mergeWith((objValue: unknown, srcValue: unknown) => (Array.isArray(objValue) && Array.isArray(srcValue) ? objValue.concat(srcValue) : undefined), existing, extra);

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

export const bodyMiddleware: Factory = (config, { strapi }) => {
  const parse = koaBody(defaultsDeep(BODY_DEFAULTS, config) as Partial<KoaBodyMiddlewareOptions>) as unknown as Middleware;
  const graphql = strapi.plugin('graphql') as unknown as GraphqlPlugin | undefined;
  const graphqlEndpoint = graphql ? graphql.config('endpoint') : undefined;
  const filesOf = (ctx: Context) => (ctx as unknown as WithFiles).request.files?.files;
  const list = (files: UploadedFile | UploadedFile[]) => (Array.isArray(files) ? files : [files]);

  return async (ctx, next) => {
    if (graphqlEndpoint && ctx.url === graphqlEndpoint) {
      await next();
    } else {
      try {
        await parse(ctx, async () => undefined);
        const files = filesOf(ctx);
        // Without a declared type, the file's extension tells it: nothing untyped reaches the media library.
        if (files) for (const file of list(files)) if (!file.type) file.type = lookup(file.name ?? '') || 'application/octet-stream';
        await next();
      } catch (error) {
        if (error instanceof Error && error.message.includes('maxFileSize') && error.message.includes('exceeded')) {
          return (ctx as unknown as { payloadTooLarge: (message: string) => unknown }).payloadTooLarge('FileTooBig');
        }
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
