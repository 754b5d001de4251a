/**
 * The participation API, typed from its contract: `schema.d.ts` is generated from openapi.json (npm run site:types),
 * so a route, parameter or field the site uses and the contract no longer has fails the site's type check.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { session } from '../session';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export const BASE = '/api/participation';

const bearer: Middleware = {
  onRequest({ request }) {
    if (session.token) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token (signed out everywhere, account erased): this tab forgets it.
    if (response.status === 401 && session.token) session.clear();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: BASE, headers: { Accept: 'application/json' } });
api.use(bearer);

type Envelope = { error?: { status?: number; message?: string; details?: { code?: string; errors?: { path: (string | number)[]; message: string }[] } } };

/** An answer other than 2xx, as Strapi's error envelope says it, in French. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null,
    readonly fields: { path: string; message: string }[]
  ) {
    super(message);
  }
  static of(status: number, body: unknown): ApiError {
    const error = (body as Envelope | null)?.error;
    const fields = (error?.details?.errors ?? []).map((e) => ({ path: e.path.join('.'), message: e.message }));
    const fallback =
      status === 404
        ? 'Cette page n’existe pas ou n’est pas publique.'
        : status >= 500
          ? 'Le service est momentanément indisponible. Réessayez dans un instant.'
          : 'La demande a été refusée.';
    return new ApiError(status, error?.message || fallback, error?.details?.code ?? null, fields);
  }
}

export const offline = () => new ApiError(0, 'Le service ne répond pas. Vérifiez votre connexion et réessayez.', null, []);

/** Awaits one openapi-fetch call: its data, or an ApiError. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw offline();
  }
  if (!result.response.ok) throw ApiError.of(result.response.status, result.error);
  return result.data as T;
}
