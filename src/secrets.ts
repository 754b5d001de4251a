/**
 * Secrets Strapi needs. In development `scripts/ensure-env.js` writes random ones into `.env`;
 * in production the server refuses to start when one is missing or still a development value.
 */
export const REQUIRED_SECRETS = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'] as const;

/** Prefix of every generated development secret: production recognises and refuses them. */
export const DEV_SECRET_PREFIX = 'dev-';

export function assertProductionSecrets(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV !== 'production') return;
  const problems = REQUIRED_SECRETS.flatMap((name) => {
    const value = env[name];
    if (!value) return [`${name} est manquant`];
    const parts = name === 'APP_KEYS' ? value.split(',') : [value];
    if (parts.some((p) => p.startsWith(DEV_SECRET_PREFIX) || p.length < 16 || /^(tobemodified|changeme)/i.test(p))) {
      return [`${name} contient une valeur de développement ou trop courte`];
    }
    return [];
  });
  if (problems.length > 0) {
    throw new Error(`Démarrage en production refusé : ${problems.join(' ; ')}. Définissez ces variables d'environnement.`);
  }
}
