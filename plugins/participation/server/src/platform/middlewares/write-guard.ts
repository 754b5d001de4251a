import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../../config';
import { fail } from '../errors';
import { removeUploaded, uploadedFiles, type UploadedFile } from '../file-kinds';
import type { HttpContext, Next } from '../http';

/** The body as JSON; one nested too deep to serialise (the app refuses those first, beyond 64 levels) is the client's fault. */
function serialised(body: unknown): string {
  try {
    return JSON.stringify(body) ?? '';
  } catch (error) {
    if (error instanceof RangeError) throw fail('validation_failed', 'Corps de la requête trop imbriqué.');
    throw error;
  }
}

/**
 * In front of every public write, before anything else runs: JSON only (415; a form too where a route says so, a
 * multipart file form where it takes a file) and a bounded body (413), announced or chunked. A request refused here
 * leaves no temporary file behind.
 */
export default (options: { form?: boolean; upload?: number | null } | undefined, { strapi }: { strapi: Core.Strapi }) => {
  const accepted = ['application/json', ...(options?.form ? ['application/x-www-form-urlencoded'] : []), ...(options?.upload ? ['multipart/form-data'] : [])];
  // A file form carries the file and a few text fields besides.
  const uploadLimit = options?.upload ? options.upload + 64 * 1024 : null;
  // Read once per server: the plugin's configuration does not change while it runs.
  let cachedConfig: PluginConfig | undefined;
  return async (ctx: HttpContext, next: Next) => {
    try {
      guard(ctx);
    } catch (error) {
      await removeUploaded(uploadedFiles((ctx.request as { files?: Record<string, UploadedFile | UploadedFile[] | undefined> }).files));
      throw error;
    }
    await next();
  };

  function guard(ctx: HttpContext) {
    const config = (cachedConfig ??= strapi.config.get('plugin::participation') as PluginConfig);
    const hasBody = ctx.method === 'POST' || ctx.method === 'PUT' || ctx.method === 'DELETE';
    const isFileForm = uploadLimit !== null && Boolean(ctx.is('multipart/form-data'));
    const limit = isFileForm ? uploadLimit : config.maxBodyBytes;
    if (hasBody && ctx.request.length && ctx.request.length > limit) {
      throw fail('payload_too_large', `Requête trop volumineuse (${limit} octets au plus).`);
    }
    // A body is announced by a non-zero Content-Length or by chunked encoding; a bare POST (support) has neither.
    const announcesBody = (ctx.request.length ?? 0) > 0 || !!ctx.get('Transfer-Encoding');
    if (hasBody && announcesBody && !ctx.is(accepted)) throw fail('unsupported_media_type');
    // A chunked body announces no length: measure what was parsed (its JSON is never larger than what was sent, bar escapes).
    if (hasBody && ctx.request.body !== undefined && Buffer.byteLength(serialised(ctx.request.body)) > config.maxBodyBytes) {
      throw fail('payload_too_large', `Requête trop volumineuse (${config.maxBodyBytes} octets au plus).`);
    }
  }
};
