/**
 * Cross-origin policy. CORS_ORIGINS lists the front ends allowed to call the public API from a browser
 * (comma-separated, e.g. `https://www.loire-atlantique.fr,https://participer.loire-atlantique.fr`). Development
 * defaults to `*` without credentials; production refuses to start with `*` or with no list.
 */
import type { Core } from '@strapi/strapi';

type Env = Core.Config.Shared.ConfigParams['env'];

export function corsOrigins(env: Env): string[] {
  return env
    .array('CORS_ORIGINS', ['*'])
    .map((o: string) => o.trim())
    .filter(Boolean);
}

export function assertProductionCors(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV !== 'production') return;
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  if (origins.length === 0 || origins.includes('*')) {
    throw new Error(
      "Démarrage en production refusé : CORS_ORIGINS doit lister les origines des sites autorisés à appeler l'API (par exemple https://www.loire-atlantique.fr), jamais « * »."
    );
  }
  const invalid = origins.filter((o) => !/^https?:\/\/[^/\s]+$/.test(o));
  if (invalid.length)
    throw new Error(
      `Démarrage en production refusé : CORS_ORIGINS contient des origines invalides (${invalid.join(', ')}) : schéma et hôte seulement, sans chemin.`
    );
}

/** The reference site's Content-Security-Policy: its own scripts and styles only, no inline code, no framing. */
export const SITE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
